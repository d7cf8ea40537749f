import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';
import { plural } from '../../text/plural';
import { eachProbe } from '../helpers/containers';

export const rule: Rule = {
  id: 'probe-too-aggressive',
  severity: 'warning',
  title: 'Probe that gives up after one failure or within a couple of seconds',
  rationale:
    'A liveness probe with failureThreshold 1 restarts the container after a single slow answer (a GC pause, a busy node). A probe checking every 1–2 s that gives up after 1–2 failures reacts to a few seconds of load the same way: restarts for liveness, pods dropping out of the Service for readiness.',
  remediation:
    'Use failureThreshold 3 or more on liveness probes, and let a probe tolerate at least ~10 s of trouble (periodSeconds × failureThreshold).',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          path: /\n          port: 80\n        failureThreshold: 1\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          path: /\n          port: 80\n        failureThreshold: 3\n',
  },
  check(ctx) {
    for (const { container, field, path, effective } of eachProbe(ctx.templates)) {
      const { periodSeconds: period, failureThreshold: failures } = effective;
      if (field === 'livenessProbe' && failures === 1) {
        ctx.report({
          path: [...path, 'failureThreshold'],
          message: `The livenessProbe of ${containerLabel(container)} restarts it after a single failed check: one slow answer (a GC pause, a busy node) kills the container. Use failureThreshold: 3 or more.`,
        });
      } else if (period <= 2 && failures <= 2) {
        const effect =
          field === 'readinessProbe' ? 'takes the pod out of its Services' : 'restarts the container';
        ctx.report({
          path: [...path, 'periodSeconds'],
          message: `The ${field} of ${containerLabel(container)} checks every ${period} s and gives up after ${plural(failures, 'failure')}, so ${period * failures} s of slowness ${effect}. Check less often or raise failureThreshold so a probe tolerates about 10 s of trouble.`,
        });
      }
    }
  },
};
