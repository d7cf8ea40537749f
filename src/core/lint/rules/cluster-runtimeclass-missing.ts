import { checkNamedObject, RUNTIME_CLASS } from '../../cluster-lint/named-checks';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-runtimeclass-missing',
  severity: 'error',
  cluster: true,
  title: 'The RuntimeClass the pod names does not exist',
  rationale:
    'The RuntimeClass admission plugin refuses the pod (`pod rejected: RuntimeClass "kata" not found`); a workload is accepted but every pod it creates is rejected (FailedCreate).',
  remediation: 'Use a RuntimeClass the cluster has (`kubectl get runtimeclass`), or drop `runtimeClassName`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sandbox\nspec:\n  runtimeClassName: kata\n  containers:\n    - name: sandbox\n      image: ghcr.io/shop/untrusted:2.0.1\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sandbox\nspec:\n  runtimeClassName: gvisor\n  containers:\n    - name: sandbox\n      image: ghcr.io/shop/untrusted:2.0.1\n',
  },
  check(ctx) {
    checkNamedObject(ctx, RUNTIME_CLASS);
  },
};
