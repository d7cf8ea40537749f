import { isObject } from '../../manifest/workloads';
import { declaredHandlers, PROBE_FIELDS } from '../../probes';
import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';
import { eachContainer, eachProbe } from '../helpers/containers';

export const rule: Rule = {
  id: 'probe-handler',
  severity: 'error',
  needsWholeObject: true,
  title: 'Probe with no handler, more than one, or on a container that cannot have probes',
  rationale:
    'A probe needs exactly one of exec, httpGet, tcpSocket or grpc; the API server rejects a probe with none or several. Regular init containers and ephemeral containers may not have probes at all, so such a pod is rejected too.',
  remediation:
    'Give each probe exactly one handler. Remove probes from init containers, or make the init container a sidecar with `restartPolicy: Always`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        periodSeconds: 10\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        httpGet:\n          path: /\n          port: 80\n',
  },
  check(ctx) {
    for (const { container, field, probe, path } of eachProbe(ctx.templates)) {
      const handlers = declaredHandlers(probe);
      if (handlers.length === 0) {
        ctx.report({
          path,
          on: 'key',
          absent: true,
          message: `The ${field} of ${containerLabel(container)} has no handler, so the API server rejects the pod. Add one of exec, httpGet, tcpSocket or grpc.`,
        });
      } else if (handlers.length > 1) {
        ctx.report({
          path,
          on: 'key',
          message: `The ${field} of ${containerLabel(container)} declares ${handlers.join(' and ')}; a probe may have only one handler, so the API server rejects the pod. Keep one.`,
        });
      }
    }
    for (const { ref: container } of eachContainer(ctx.templates)) {
      if (container.role !== 'init' && container.role !== 'ephemeral') continue;
      for (const field of PROBE_FIELDS) {
        if (!isObject(container.container[field])) continue;
        ctx.report({
          path: [...container.path, field],
          on: 'key',
          message:
            container.role === 'init'
              ? `Init container "${container.name}" has a ${field}, which the API server rejects: init containers run to completion and are not probed. Remove the probe, or add restartPolicy: Always to make it a sidecar.`
              : `Ephemeral container "${container.name}" has a ${field}, which the API server rejects. Remove the probe.`,
        });
      }
    }
  },
};
