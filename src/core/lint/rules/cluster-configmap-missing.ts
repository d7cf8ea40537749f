import { checkMissingReferences } from '../../cluster-lint/reference-checks';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-configmap-missing',
  severity: 'error',
  cluster: true,
  title: 'A ConfigMap the pod reads does not exist in the namespace',
  rationale:
    'The kubelet cannot build the environment (`CreateContainerConfigError: configmap "x" not found`) or mount the volume (`FailedMount`), so the pod never starts. With `optional: true` the pod starts without it (info).',
  remediation:
    'Create the ConfigMap in the namespace (in the same files, or with a Kustomize configMapGenerator), or fix the name.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      envFrom:\n        - configMapRef:\n            name: setings\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      envFrom:\n        - configMapRef:\n            name: settings\n',
  },
  check(ctx) {
    checkMissingReferences(ctx, 'ConfigMap');
  },
};
