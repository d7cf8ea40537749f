import { isObject } from '../../manifest/workloads';
import type { ContainerRef } from '../../manifest/workloads';
import { containerLabel, HANDLER_KINDS, templateProbes } from '../../probes';
import { didYouMean } from '../../text/suggest';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'probe-port-unknown',
  severity: 'error',
  title: 'Probe port the container does not declare',
  rationale:
    "A named probe port is looked up in the container's own `ports`; when no port has that name the kubelet cannot resolve it, every check fails, and a liveness probe restarts the container forever. A port number missing from the declared ports is usually a typo or a port the application does not listen on.",
  remediation:
    "Use a name from the container's `ports[].name`, or the number of the port the application listens on.",
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - name: http\n          containerPort: 80\n      readinessProbe:\n        httpGet:\n          path: /\n          port: htpp\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - name: http\n          containerPort: 80\n      readinessProbe:\n        httpGet:\n          path: /\n          port: http\n',
  },
  check(ctx) {
    for (const template of ctx.templates) {
      for (const { container, field, probe, path } of templateProbes(template)) {
        const { names, numbers } = declaredPorts(container);
        for (const handler of HANDLER_KINDS) {
          const action = probe[handler];
          if (!isObject(action)) continue;
          const port = action['port'];
          const portPath = [...path, handler, 'port'];
          const where = `The ${field} of ${containerLabel(container)}`;
          if (typeof port === 'string' && handler === 'grpc') {
            ctx.report({
              path: portPath,
              message: `${where} names its gRPC port "${port}", but gRPC probes take a port number only, so the API server rejects the pod. Use the number of the port.`,
            });
          } else if (typeof port === 'string') {
            if (names.includes(port)) continue;
            if (/^\d+$/.test(port)) {
              ctx.report({
                path: portPath,
                message: `${where} uses the quoted port "${port}", which is read as a port name, not a number, and the container has no port by that name. Write ${port} without quotes.`,
              });
              continue;
            }
            const suggestions = didYouMean(port, names);
            const hint = suggestions[0] !== undefined ? ` Did you mean "${suggestions[0]}"?` : '';
            const declared =
              names.length === 0
                ? 'the container declares no named ports'
                : `the container declares ${names.map((n) => `"${n}"`).join(', ')}`;
            ctx.report({
              path: portPath,
              message: `${where} uses port "${port}", but ${declared}: the kubelet cannot resolve it and every check fails.${hint}`,
              ...(suggestions.length > 0 ? { suggestions } : {}),
            });
          } else if (typeof port === 'number' && numbers.length > 0 && !numbers.includes(port)) {
            // A probe sent to another host is not about this container's ports.
            if (typeof action['host'] === 'string' && action['host'] !== '') continue;
            ctx.report({
              path: portPath,
              severity: 'warning',
              message: `${where} checks port ${port}, which the container does not declare (it declares ${numbers.join(', ')}): the checks fail unless something listens there. Probe a declared port.`,
            });
          }
        }
      }
    }
  },
};

function declaredPorts(container: ContainerRef): { names: string[]; numbers: number[] } {
  const names: string[] = [];
  const numbers: number[] = [];
  const ports = container.container['ports'];
  if (!Array.isArray(ports)) return { names, numbers };
  for (const port of ports) {
    if (!isObject(port)) continue;
    if (typeof port['name'] === 'string') names.push(port['name']);
    if (typeof port['containerPort'] === 'number') numbers.push(port['containerPort']);
  }
  return { names, numbers };
}
