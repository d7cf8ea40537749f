import { limitRangesOf } from '../../cluster-lint/admission-inputs';
import { defaultLimitBelowRequest, limitRangeViolations } from '../../cluster-lint/limit-ranger';
import { podRejection } from '../../cluster-lint/lookup';
import { producedContainers } from '../../cluster-lint/produced-pod';
import { clusterTemplates, pointAt } from '../../cluster-lint/report';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-limitrange',
  severity: 'error',
  cluster: true,
  title: "A container's request or limit is outside the namespace's LimitRange",
  rationale:
    'LimitRanger first fills empty requests and limits with the LimitRange defaults (a `max` without a `default` becomes the default limit), then refuses a pod whose container or pod totals break `min`, `max` or `maxLimitRequestRatio` (`maximum memory usage per Container is 2Gi, but limit is 4Gi`). A Deployment is accepted but cannot create pods (FailedCreate). An info finding lists the defaults that will be filled in.',
  remediation:
    'Keep requests and limits within the LimitRange, or ask for a different LimitRange in the namespace.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: batch\nspec:\n  containers:\n    - name: batch\n      image: ghcr.io/shop/batch:2.3.0\n      resources:\n        requests:\n          cpu: 500m\n          memory: 1Gi\n        limits:\n          cpu: "1"\n          memory: 4Gi\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: batch\nspec:\n  containers:\n    - name: batch\n      image: ghcr.io/shop/batch:2.3.0\n      resources:\n        requests:\n          cpu: 500m\n          memory: 1Gi\n        limits:\n          cpu: "1"\n          memory: 2Gi\n',
  },
  check(ctx) {
    for (const { input, namespace, template } of clusterTemplates(ctx)) {
      const limitRanges = limitRangesOf(ctx, input, namespace, [...template.specPath, 'containers']);
      if (!limitRanges || limitRanges.length === 0) continue;
      const violations = [
        ...limitRangeViolations(template, limitRanges),
        ...defaultLimitBelowRequest(template, limitRanges),
      ];
      for (const violation of violations) {
        const at = pointAt(ctx.object, violation.path);
        ctx.report({
          path: at.path,
          on: at.on,
          message: `LimitRange "${violation.limitRange}" in namespace "${namespace}": ${violation.message}: ${podRejection(ctx)}.`,
        });
      }
      for (const container of producedContainers(template, limitRanges)) {
        if (container.defaulted.size === 0) continue;
        const filled = [...container.defaulted].map(
          ([key, { value }]) => `${key.replace('/', '.')}: ${value}`,
        );
        const ranges = [...new Set([...container.defaulted.values()].map((d) => `"${d.limitRange}"`))];
        const at = pointAt(ctx.object, [...container.ref.path, 'name']);
        ctx.report({
          path: at.path,
          on: at.on,
          severity: 'info',
          message: `LimitRange ${ranges.join(', ')} will fill in ${filled.join(', ')} for container "${container.ref.name}" (left empty here).`,
        });
      }
    }
  },
};
