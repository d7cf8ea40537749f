import { parseQuantity } from '../../quantity';
import { declaredQuantities, describeContainer, isTemplated, keepQuotes } from '../../qos';
import type { Fix, Rule } from '../types';

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
    for (const template of ctx.templates) {
      for (const ref of template.containers) {
        if (ref.role === 'ephemeral') continue;
        for (const { section, resource, raw, path } of declaredQuantities(ref)) {
          if ((typeof raw !== 'string' && typeof raw !== 'number') || isTemplated(raw)) continue;
          const what = `The ${resource === 'cpu' ? 'CPU' : resource} ${section === 'limits' ? 'limit' : 'request'} of ${describeContainer(ref)}`;
          const parsed = parseQuantity(raw);
          if (parsed.ok) {
            if (parsed.value.nanos >= 0n) continue;
            ctx.report({
              path,
              message: `${what} is ${parsed.value.text}, but resource quantities must be zero or more, so the API server rejects the pod. Remove the minus sign.`,
            });
            continue;
          }
          const range = ctx.locate(path)?.value;
          const fix: Fix | undefined =
            parsed.suggestion !== undefined && range
              ? {
                  title: `Replace with ${parsed.suggestion}`,
                  edits: [
                    { range, newText: keepQuotes(ctx.text.slice(range.start, range.end), parsed.suggestion) },
                  ],
                }
              : undefined;
          ctx.report({
            path,
            message: `${what} is not a Kubernetes quantity, so the API server rejects the pod: ${parsed.error}`,
            ...(fix ? { fix } : {}),
            ...(parsed.candidates ? { suggestions: parsed.candidates } : {}),
          });
        }
      }
    }
  },
};
