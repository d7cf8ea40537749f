import { checkNamedObject, PRIORITY_CLASS } from '../../cluster-lint/named-checks';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-priorityclass-missing',
  severity: 'error',
  cluster: true,
  title: 'The PriorityClass the pod names does not exist',
  rationale:
    'The Priority admission plugin refuses the pod (`no PriorityClass with name high-priority was found`); a workload is accepted but every pod it creates is rejected (FailedCreate).',
  remediation: 'Create the PriorityClass (cluster-scoped; in the same files counts) or use one that exists.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  priorityClassName: high-priority\n  containers:\n    - name: api\n      image: ghcr.io/shop/api:1.4.2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  priorityClassName: business-critical\n  containers:\n    - name: api\n      image: ghcr.io/shop/api:1.4.2\n',
  },
  check(ctx) {
    checkNamedObject(ctx, PRIORITY_CLASS);
  },
};
