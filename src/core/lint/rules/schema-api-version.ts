import { apiVersionOfKind, isBuiltInApiVersion, knownKind } from '../../schema/catalog';
import { replaceTopLevelValue } from '../helpers/fixes';
import type { Rule } from '../types';

/** Versions the API server stopped serving, for the message (Kubernetes deprecation guide). */
const REMOVED_IN: Readonly<Record<string, string>> = {
  'extensions/v1beta1': '1.16',
  'apps/v1beta1': '1.16',
  'apps/v1beta2': '1.16',
  'batch/v1beta1': '1.25',
  'batch/v2alpha1': '1.21',
};

const V1_22 = '1.22';
const V1_25 = '1.25';

/**
 * Versions removed for kinds outside the schema catalog (Kubernetes deprecation guide): `apiVersion
 * kind` → [the version that serves it now, the release that stopped serving the old one].
 */
const REMOVED_FOR_KIND: Readonly<Record<string, readonly [string, string]>> = {
  'extensions/v1beta1 Ingress': ['networking.k8s.io/v1', V1_22],
  'networking.k8s.io/v1beta1 Ingress': ['networking.k8s.io/v1', V1_22],
  'networking.k8s.io/v1beta1 IngressClass': ['networking.k8s.io/v1', V1_22],
  'extensions/v1beta1 NetworkPolicy': ['networking.k8s.io/v1', '1.16'],
  'rbac.authorization.k8s.io/v1beta1 Role': ['rbac.authorization.k8s.io/v1', V1_22],
  'rbac.authorization.k8s.io/v1beta1 ClusterRole': ['rbac.authorization.k8s.io/v1', V1_22],
  'rbac.authorization.k8s.io/v1beta1 RoleBinding': ['rbac.authorization.k8s.io/v1', V1_22],
  'rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding': ['rbac.authorization.k8s.io/v1', V1_22],
  'apiextensions.k8s.io/v1beta1 CustomResourceDefinition': ['apiextensions.k8s.io/v1', V1_22],
  'admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration': [
    'admissionregistration.k8s.io/v1',
    V1_22,
  ],
  'admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration': [
    'admissionregistration.k8s.io/v1',
    V1_22,
  ],
  'apiregistration.k8s.io/v1beta1 APIService': ['apiregistration.k8s.io/v1', V1_22],
  'coordination.k8s.io/v1beta1 Lease': ['coordination.k8s.io/v1', V1_22],
  'certificates.k8s.io/v1beta1 CertificateSigningRequest': ['certificates.k8s.io/v1', V1_22],
  'storage.k8s.io/v1beta1 StorageClass': ['storage.k8s.io/v1', V1_22],
  'storage.k8s.io/v1beta1 CSIDriver': ['storage.k8s.io/v1', V1_22],
  'storage.k8s.io/v1beta1 CSINode': ['storage.k8s.io/v1', V1_22],
  'storage.k8s.io/v1beta1 VolumeAttachment': ['storage.k8s.io/v1', V1_22],
  'policy/v1beta1 PodDisruptionBudget': ['policy/v1', V1_25],
  'autoscaling/v2beta1 HorizontalPodAutoscaler': ['autoscaling/v2', V1_25],
  'autoscaling/v2beta2 HorizontalPodAutoscaler': ['autoscaling/v2', '1.26'],
  'discovery.k8s.io/v1beta1 EndpointSlice': ['discovery.k8s.io/v1', V1_25],
  'events.k8s.io/v1beta1 Event': ['events.k8s.io/v1', V1_25],
  'node.k8s.io/v1beta1 RuntimeClass': ['node.k8s.io/v1', V1_25],
};

export const rule: Rule = {
  id: 'schema-api-version',
  severity: 'error',
  title: 'Wrong apiVersion for a built-in kind',
  rationale:
    'Each built-in kind is served under one API group and version: a Deployment under `extensions/v1beta1` (removed in 1.16), a PodDisruptionBudget under `policy/v1beta1` (removed in 1.25) or a Pod under `apps/v1` makes `kubectl apply` fail with "no matches for kind".',
  remediation:
    'Use the served apiVersion: `v1` for Pod, `apps/v1` for Deployment, `batch/v1` for Job and CronJob, `policy/v1` for PodDisruptionBudget, `networking.k8s.io/v1` for Ingress.',
  examples: {
    bad: 'apiVersion: extensions/v1beta1\nkind: Deployment\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\n',
  },
  check(ctx) {
    const removedForKind = REMOVED_FOR_KIND[`${ctx.apiVersion} ${ctx.kind}`];
    const kind = removedForKind ? ctx.kind : knownKind(ctx.kind);
    const served = removedForKind?.[0] ?? apiVersionOfKind(ctx.kind);
    if (kind === undefined || served === undefined || served === ctx.apiVersion) return;
    if (!removedForKind && !isBuiltInApiVersion(ctx.apiVersion)) return;
    const removed = removedForKind?.[1] ?? REMOVED_IN[ctx.apiVersion];
    if (removed && ctx.kubernetesVersion && olderThan(ctx.kubernetesVersion, removed)) {
      // The configured target cluster still serves it: applying works today, upgrading breaks it.
      ctx.report({
        ...replaceTopLevelValue(
          ctx,
          'apiVersion',
          `${kind} under "${ctx.apiVersion}" is still served by Kubernetes ${ctx.kubernetesVersion} (the configured kubernetesVersion) but removed in ${removed}; move to "${served}" before upgrading.`,
          served,
        ),
        severity: 'warning',
      });
      return;
    }
    const why = removed
      ? ` (${ctx.apiVersion} was removed${removedForKind ? ` for ${kind}` : ''} in Kubernetes ${removed})`
      : '';
    ctx.report(
      replaceTopLevelValue(
        ctx,
        'apiVersion',
        `${kind} is served as apiVersion "${served}", not "${ctx.apiVersion}"${why}; kubectl apply fails with "no matches for kind".`,
        served,
      ),
    );
  },
};

/** True when "MAJOR.MINOR" version `a` is older than `b`. */
function olderThan(a: string, b: string): boolean {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor < bMajor || (aMajor === bMajor && aMinor < bMinor);
}
