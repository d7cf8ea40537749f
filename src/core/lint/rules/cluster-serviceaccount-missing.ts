import { checkNamedObject, SERVICE_ACCOUNT } from '../../cluster-lint/named-checks';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-serviceaccount-missing',
  severity: 'error',
  cluster: true,
  title: 'The ServiceAccount the pod runs as does not exist in the namespace',
  rationale:
    'The ServiceAccount admission plugin refuses the pod (`error looking up service account shop/robot: serviceaccount "robot" not found`). A Deployment is accepted, but its ReplicaSet cannot create a single pod (FailedCreate).',
  remediation:
    'Create the ServiceAccount in the namespace (in the same files counts), or fix `serviceAccountName`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  serviceAccountName: shop-ap\n  containers:\n    - name: api\n      image: ghcr.io/shop/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  serviceAccountName: shop-api\n  containers:\n    - name: api\n      image: ghcr.io/shop/api:1.4.2\n',
  },
  check(ctx) {
    checkNamedObject(ctx, SERVICE_ACCOUNT);
  },
};
