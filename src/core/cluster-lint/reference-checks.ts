import { replaceValueFix } from '../lint/helpers/fixes';
import type { RuleContext } from '../lint/types';
import type { ClusterCheckInput } from './context';
import type { ConfigMapInfo } from './snapshot';
import { didYouMean } from '../text/suggest';
import { lookup, didYouMeanSentence } from './lookup';
import { templateReferences, type ObjectReference } from './references';
import { clusterScope, reportNotice } from './report';

const LIST = {
  ConfigMap: 'configMaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentVolumeClaims',
} as const;

/** The kubelet's or scheduler's own words for a missing object, and what the pod does about it. */
function consequence(ref: ObjectReference): string {
  const lower = ref.kind.toLowerCase();
  const notFound = `${lower} "${ref.name}" not found`;
  if (ref.kind === 'PersistentVolumeClaim') {
    return `the pod stays Pending (FailedScheduling: persistentvolumeclaim "${ref.name}" not found)`;
  }
  if (ref.site === 'imagePullSecrets') {
    return `the kubelet pulls without it (FailedToRetrieveImagePullSecret: Unable to retrieve some image pull secrets (${ref.name}); attempting to pull the image may not succeed), so a private image fails with ErrImagePull`;
  }
  if (ref.site === 'volume' || ref.site === 'projected') {
    return `volume "${ref.volume ?? ''}" cannot be mounted and the pod stays in ContainerCreating (FailedMount: MountVolume.SetUp failed for volume "${ref.volume ?? ''}" : ${notFound})`;
  }
  return `container "${ref.container ?? ''}" does not start (CreateContainerConfigError: ${notFound})`;
}

/** The root CA ConfigMap its controller publishes into every namespace, also one the same run creates. */
function createdWithNamespace(input: ClusterCheckInput, ref: ObjectReference, namespace: string): boolean {
  return (
    ref.kind === 'ConfigMap' &&
    ref.name === 'kube-root-ca.crt' &&
    (input.provided ?? []).some((p) => p.kind === 'Namespace' && p.name === namespace)
  );
}

/** Reports references to ConfigMaps, Secrets or PVCs that neither the cluster nor the same run provides. */
export function checkMissingReferences(ctx: RuleContext, kind: ObjectReference['kind']): void {
  const scope = clusterScope(ctx);
  if (!scope) return;
  const { input, namespace } = scope;
  for (const template of ctx.templates) {
    for (const ref of templateReferences(template)) {
      if (ref.kind !== kind) continue;
      const found = lookup(input, LIST[kind], ref.name, namespace);
      if (found.state === 'unknown') {
        reportNotice(ctx, found.notice, ref.namePath);
        continue;
      }
      if (found.state === 'found' || createdWithNamespace(input, ref, namespace)) continue;
      const where = `${kind} "${ref.name}" does not exist in namespace "${namespace}"`;
      const message = ref.optional
        ? `${where}; the reference is optional, so the pod starts without it.`
        : `${where}: ${consequence(ref)}.`;
      const suggestion = found.nearest[0];
      const fix = suggestion && replaceValueFix(ctx, ref.namePath, `Change to "${suggestion}"`, suggestion);
      ctx.report({
        path: ref.namePath,
        message: `${message}${didYouMeanSentence(found.nearest)}`,
        ...(ref.optional
          ? { severity: 'info' as const }
          : ref.site === 'imagePullSecrets'
            ? { severity: 'warning' as const }
            : {}),
        ...(fix ? { fix } : {}),
        ...(suggestion ? { suggestions: [suggestion] } : {}),
      });
    }
  }
}

/** Reports `configMapKeyRef.key` and `items[].key` that the existing ConfigMap does not hold. */
export function checkMissingConfigMapKeys(ctx: RuleContext): void {
  const scope = clusterScope(ctx);
  if (!scope) return;
  const { input, namespace } = scope;
  for (const template of ctx.templates) {
    for (const ref of templateReferences(template)) {
      if (ref.kind !== 'ConfigMap' || ref.keys.length === 0) continue;
      const found = lookup<ConfigMapInfo>(input, 'configMaps', ref.name, namespace);
      if (found.state !== 'found') continue;
      // A generator's output whose keys are not known is not guessed at.
      const keys = found.item?.keys ?? found.provided?.keys;
      if (keys === undefined) continue;
      for (const { key, path } of ref.keys) {
        if (keys.includes(key)) continue;
        const nearest = didYouMean(key, keys, 1);
        const consequenceText =
          ref.site === 'env'
            ? `container "${ref.container ?? ''}" does not start (CreateContainerConfigError: couldn't find key ${key} in ConfigMap ${namespace}/${ref.name})`
            : `volume "${ref.volume ?? ''}" cannot be mounted (FailedMount: MountVolume.SetUp failed for volume "${ref.volume ?? ''}" : configmap references non-existent config key: ${key})`;
        const has =
          keys.length === 0 ? 'it holds no keys' : `it holds ${keys.map((k) => `"${k}"`).join(', ')}`;
        const message = ref.optional
          ? `ConfigMap "${ref.name}" has no key "${key}" (${has}); the reference is optional, so the pod starts without it.`
          : `ConfigMap "${ref.name}" has no key "${key}" (${has}): ${consequenceText}.`;
        const suggestion = nearest[0];
        const fix = suggestion && replaceValueFix(ctx, path, `Change to "${suggestion}"`, suggestion);
        ctx.report({
          path,
          message: `${message}${didYouMeanSentence(nearest)}`,
          ...(ref.optional ? { severity: 'info' as const } : {}),
          ...(fix ? { fix } : {}),
          ...(suggestion ? { suggestions: [suggestion] } : {}),
        });
      }
    }
  }
}
