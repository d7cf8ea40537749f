import { parseQuantity } from '../../quantity';
import { isTemplated } from '../../qos';
import { replaceValueFix } from '../helpers/fixes';
import { declaredContainerQuantities, quantityOwner } from '../helpers/resources';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'resources-invalid-quantity',
  severity: 'error',
  title: 'Resource request or limit that is not a Kubernetes quantity',
  rationale:
    'Requests and limits must be Kubernetes quantities (a number with an optional unit: 500m, 0.5, 256Mi, 1G, 1e3). Anything else (1GB, "2 Gi", a negative number) makes the API server reject the pod.',
  remediation:
    'Write a number followed by a unit without a space: n, u, m, k, M, G, T, P, E for powers of ten, Ki, Mi, Gi, Ti, Pi, Ei for powers of two. Memory is usually written in Mi or Gi, CPU in cores (0.5) or millicores (500m).',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          memory: 1GB\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          memory: 1Gi\n',
  },
  check(ctx) {
    for (const quantity of declaredContainerQuantities(ctx.templates)) {
      const { raw, path } = quantity;
      if ((typeof raw !== 'string' && typeof raw !== 'number') || isTemplated(raw)) continue;
      // Most quantities parse and are not negative: no message is put together for them.
      if (quantity.value !== undefined && quantity.value.nanos >= 0n) continue;
      const what = quantityOwner(quantity);
      const parsed = parseQuantity(raw);
      if (parsed.ok) {
        ctx.report({
          path,
          message: `${what} is ${parsed.value.text}, but resource quantities must be zero or more, so the API server rejects the pod. Remove the minus sign.`,
        });
        continue;
      }
      const fix =
        parsed.suggestion !== undefined
          ? replaceValueFix(ctx, path, `Replace with ${parsed.suggestion}`, parsed.suggestion)
          : undefined;
      ctx.report({
        path,
        message: `${what} is not a Kubernetes quantity, so the API server rejects the pod: ${parsed.error}`,
        ...(fix ? { fix } : {}),
        ...(parsed.candidates ? { suggestions: parsed.candidates } : {}),
      });
    }
  },
};
