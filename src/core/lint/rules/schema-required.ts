import { getPath, isObject } from '../../manifest/workloads';
import type { RequiredIssue, UnknownFieldIssue } from '../../schema/validate';
import { schemaCheck } from '../helpers/schema';
import { didYouMean } from '../../text/suggest';
import type { Report, Rule } from '../types';

/** What to add, for the fields beginners miss most. */
const HINTS: Readonly<Record<string, string>> = {
  'V1Container.name': 'give every container a unique name',
  'V1PodSpec.containers': 'add at least one container with a name and an image',
  'V1DeploymentSpec.selector': "add selector.matchLabels with the pod template's labels",
  'V1ReplicaSetSpec.selector': "add selector.matchLabels with the pod template's labels",
  'V1StatefulSetSpec.selector': "add selector.matchLabels with the pod template's labels",
  'V1DaemonSetSpec.selector': "add selector.matchLabels with the pod template's labels",
  'V1HTTPGetAction.port': 'add the port number or name the probe calls',
  'V1TCPSocketAction.port': 'add the port number or name the probe connects to',
  'V1ContainerPort.containerPort': 'add the port number the container listens on',
  'V1EnvVar.name': 'add the variable name',
  'V1Volume.name': 'add a name that volumeMounts can refer to',
  'V1VolumeMount.name': 'add the name of the volume to mount',
  'V1VolumeMount.mountPath': 'add the path to mount the volume at',
};

export const rule: Rule = {
  id: 'schema-required',
  severity: 'error',
  reportsAbsence: true,
  title: 'Required field missing',
  rationale:
    'The API server rejects an object that lacks a required field: a container without `name`, a pod spec without `containers`, an apps/v1 Deployment without `selector`, a workload without `template`, an httpGet probe without `port`, an env var without `name`.',
  remediation: 'Add the missing field where the message points.',
  examples: {
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  },
  check(ctx) {
    const { issues, kind, place: placeOf } = schemaCheck(ctx);
    for (const issue of issues.required) {
      // A missing image is image-missing's finding.
      if (issue.parentType === 'V1Container' && issue.field === 'image') continue;
      if (misspelledInstead(issue, issues.unknownFields)) continue;
      const hint = HINTS[`${issue.parentType}.${issue.field}`];
      const place = placeOf(issue.parentPath);
      ctx.report({
        ...anchorOf(ctx.object, issue),
        message: `Missing required field "${issue.field}" in ${place}; the API server rejects the ${kind}${hint ? `: ${hint}` : ''}.`,
      });
    }
  },
};

/** True when the field is there under a misspelled key (`containerport`): schema-unknown-field reports that. */
function misspelledInstead(issue: RequiredIssue, unknownFields: readonly UnknownFieldIssue[]): boolean {
  const depth = issue.parentPath.length;
  return unknownFields.some(
    (unknown) =>
      unknown.path.length === depth + 1 &&
      issue.parentPath.every((step, i) => unknown.path[i] === step) &&
      didYouMean(unknown.key, [issue.field]).length > 0,
  );
}

/** The narrowest node to mark: the parent's key, a list item's first key, or `kind` for the object itself. */
function anchorOf(object: Record<string, unknown>, issue: RequiredIssue): Pick<Report, 'path' | 'on'> {
  const { parentPath } = issue;
  if (parentPath.length === 0) return { path: ['kind'], on: 'key' };
  if (typeof parentPath[parentPath.length - 1] === 'number') {
    const item = getPath(object, parentPath);
    const [firstKey] = isObject(item) ? Object.keys(item) : [];
    return firstKey === undefined ? { path: parentPath } : { path: [...parentPath, firstKey], on: 'key' };
  }
  return { path: parentPath, on: 'key' };
}
