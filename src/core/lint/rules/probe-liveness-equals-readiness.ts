import { deepEqual } from '../../manifest/workloads';
import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';
import { eachProbe, siblingProbe } from '../helpers/containers';

export const rule: Rule = {
  id: 'probe-liveness-equals-readiness',
  severity: 'warning',
  needsWholeObject: true,
  title: 'Liveness probe identical to the readiness probe',
  rationale:
    'When both probes ask the same question with the same patience, a slow dependency (a database, a downstream API) makes the pod unready and restarts it at the same moment: restarting does not fix the dependency, and the whole Deployment can end up in a restart loop.',
  remediation:
    'Let liveness check only that the process itself responds (a cheap endpoint) with a higher failureThreshold; keep dependency checks in the readiness probe.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          path: /health\n          port: 80\n      readinessProbe:\n        httpGet:\n          path: /health\n          port: 80\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          path: /livez\n          port: 80\n        failureThreshold: 6\n      readinessProbe:\n        httpGet:\n          path: /readyz\n          port: 80\n',
  },
  check(ctx) {
    for (const ref of eachProbe(ctx.templates)) {
      const { container, field, probe, path, effective } = ref;
      if (field !== 'livenessProbe' || effective.handler === undefined) continue;
      const sibling = siblingProbe(ctx.templates, ref, 'readinessProbe');
      if (sibling === undefined) continue;
      const { probe: readiness, effective: other } = sibling;
      const sameTiming =
        effective.initialDelaySeconds === other.initialDelaySeconds &&
        effective.periodSeconds === other.periodSeconds &&
        effective.timeoutSeconds === other.timeoutSeconds &&
        effective.failureThreshold === other.failureThreshold;
      const sameHandler =
        effective.handler === other.handler &&
        deepEqual(probe[effective.handler], readiness[effective.handler]);
      if (!sameTiming || !sameHandler) continue;
      ctx.report({
        path,
        on: 'key',
        message: `The livenessProbe of ${containerLabel(container)} is identical to its readinessProbe (${effective.description}): when the check fails the container is restarted at the same moment it leaves the Service, so a slow dependency becomes a restart loop. Make liveness a cheaper check of the process itself with a higher failureThreshold.`,
      });
    }
  },
};
