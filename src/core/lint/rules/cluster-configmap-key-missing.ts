import { checkMissingConfigMapKeys } from '../../cluster-lint/reference-checks';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-configmap-key-missing',
  severity: 'error',
  cluster: true,
  title: 'The ConfigMap exists but has no such key',
  rationale:
    "The kubelet refuses to start the container (`CreateContainerConfigError: couldn't find key LOG_LEVL in ConfigMap shop/settings`) or to mount the volume's `items` (`FailedMount`). With `optional: true` the pod starts without the key (info).",
  remediation: 'Add the key to the ConfigMap, or fix `key` / `items[].key`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: settings\n              key: LOG_LEVL\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: settings\n              key: LOG_LEVEL\n',
  },
  check(ctx) {
    checkMissingConfigMapKeys(ctx);
  },
};
