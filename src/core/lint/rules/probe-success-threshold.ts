import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';
import { eachProbe } from '../helpers/containers';

export const rule: Rule = {
  id: 'probe-success-threshold',
  severity: 'error',
  title: 'Liveness or startup probe with successThreshold other than 1',
  rationale:
    'One success is all a liveness or startup probe can mean, so the API server rejects any other successThreshold for them ("must be 1").',
  remediation:
    'Remove `successThreshold` from liveness and startup probes (or set it to 1); only readiness probes may require several successes.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        tcpSocket:\n          port: 80\n        successThreshold: 2\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        tcpSocket:\n          port: 80\n        successThreshold: 2\n',
  },
  check(ctx) {
    for (const { container, field, probe, path } of eachProbe(ctx.templates)) {
      if (field === 'readinessProbe') continue;
      const value = probe['successThreshold'];
      if (typeof value !== 'number' || value === 1 || value === 0) continue;
      ctx.report({
        path: [...path, 'successThreshold'],
        message: `The ${field} of ${containerLabel(container)} has successThreshold ${value}, but liveness and startup probes must use 1, so the API server rejects the pod. Remove successThreshold or set it to 1.`,
      });
    }
  },
};
