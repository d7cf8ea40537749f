import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';
import { eachProbe } from '../helpers/containers';

export const rule: Rule = {
  id: 'probe-timeout-exceeds-period',
  severity: 'warning',
  title: 'Probe timeout longer than its period',
  rationale:
    'The kubelet runs one check at a time per probe; a check that may last longer than the period delays the following ones, so failures are counted later than periodSeconds × failureThreshold suggests and slow checks pile up.',
  remediation: 'Keep `timeoutSeconds` at or below `periodSeconds` (the period defaults to 10 s).',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        httpGet:\n          path: /\n          port: 80\n        periodSeconds: 5\n        timeoutSeconds: 10\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        httpGet:\n          path: /\n          port: 80\n        periodSeconds: 5\n        timeoutSeconds: 3\n',
  },
  check(ctx) {
    for (const { container, field, path, effective } of eachProbe(ctx.templates)) {
      if (effective.timeoutSeconds <= effective.periodSeconds) continue;
      const period = effective.defaulted.includes('periodSeconds')
        ? `the default period of ${effective.periodSeconds} s`
        : `its ${effective.periodSeconds} s period`;
      ctx.report({
        path: [...path, 'timeoutSeconds'],
        ...(effective.defaulted.includes('periodSeconds') ? {} : { related: [[...path, 'periodSeconds']] }),
        message: `The ${field} of ${containerLabel(container)} waits up to ${effective.timeoutSeconds} s for a check, longer than ${period}: checks fall behind their schedule and failures are noticed late. Set timeoutSeconds to at most periodSeconds.`,
      });
    }
  },
};
