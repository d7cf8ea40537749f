import { checkMissingReferences } from '../../cluster-lint/reference-checks';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-secret-missing',
  severity: 'error',
  cluster: true,
  title: 'A Secret the pod reads does not exist in the namespace',
  rationale:
    'The kubelet cannot build the environment (`CreateContainerConfigError: secret "x" not found`) or mount the volume (`FailedMount`), so the pod never starts. A missing `imagePullSecrets` entry is a warning: the pull goes ahead without credentials and fails for a private image. Secrets are read as metadata only, so their keys are not checked.',
  remediation:
    'Create the Secret in the namespace (never commit its data: use your secret manager), or fix the name.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: ghcr.io/shop/api:1.4.2\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db-credential\n              key: password\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: ghcr.io/shop/api:1.4.2\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db-credentials\n              key: password\n',
  },
  check(ctx) {
    checkMissingReferences(ctx, 'Secret');
  },
};
