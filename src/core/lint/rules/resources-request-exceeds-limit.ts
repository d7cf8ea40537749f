import { compareQuantities } from '../../quantity';
import { declaredContainerQuantities } from '../helpers/resources';
import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';

export const rule: Rule = {
  id: 'resources-request-exceeds-limit',
  severity: 'error',
  title: 'Resource request greater than its limit',
  rationale:
    'A container may not request more of a resource than its limit allows, so the API server rejects the whole pod ("must be less than or equal to memory limit") and the workload never starts.',
  remediation:
    'Lower the request to at most the limit, or raise the limit. For predictable scheduling (Guaranteed QoS) set the request equal to the limit.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 2Gi\n        limits:\n          memory: 1Gi\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 1Gi\n        limits:\n          memory: 1Gi\n',
  },
  check(ctx) {
    const declared = declaredContainerQuantities(ctx.templates);
    for (const request of declared) {
      // Template text and what does not parse have no value: there is nothing to compare.
      const requested = request.value;
      if (request.section !== 'requests' || !requested || requested.nanos < 0n) continue;
      const limit = declared.find(
        (d) => d.ref === request.ref && d.section === 'limits' && d.resource === request.resource,
      );
      const allowed = limit?.value;
      if (!limit || !allowed || allowed.nanos < 0n) continue;
      const { ref } = request;
      if (compareQuantities(requested, allowed) <= 0) continue;
      const resource = request.resource === 'cpu' ? 'CPU' : request.resource;
      const limitRange = ctx.locate(limit.path)?.value;
      const requestRange = ctx.locate(request.path)?.value;
      const fix =
        limitRange && requestRange
          ? {
              title: `Set the ${resource} request to the limit (${allowed.text})`,
              edits: [{ range: requestRange, newText: ctx.text.slice(limitRange.start, limitRange.end) }],
            }
          : undefined;
      ctx.report({
        path: request.path,
        related: [limit.path],
        message: `The ${containerLabel(ref)} requests ${requested.text} of ${resource} but its limit is ${allowed.text}; a request may not exceed its limit, so the API server rejects the pod. Lower the request to ${allowed.text} or less, or raise the limit.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
