import { isObject } from '../../manifest/workloads';
import type { ContainerRef } from '../../manifest/workloads';
import { HANDLER_KINDS } from '../../probes';
import { didYouMean } from '../../text/suggest';
import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';
import { eachProbe } from '../helpers/containers';

export const rule: Rule = {
  id: 'probe-port-unknown',
  severity: 'error',
  needsWholeObject: true,
  title: 'Probe port the container does not declare',
  rationale:
    "A named probe port is looked up in the container's own `ports`; when no port has that name the kubelet cannot resolve it, every check fails, and a liveness probe restarts the container forever. A port number that differs from a declared port by a swapped, missing or doubled digit (8008 for 8080) is usually a typo, and a probe on another port than the only one a container declares usually checks a port nothing listens on (warnings). Declaring ports is informational, though, and health or metrics ports are often left out of a longer `ports` list (ingress-nginx 10254, CoreDNS 8080 and 8181), so those are only noted (info).",
  remediation:
    "Use a name from the container's `ports[].name`, or the number of the port the application listens on.",
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - name: http\n          containerPort: 80\n      readinessProbe:\n        httpGet:\n          path: /\n          port: htpp\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - name: http\n          containerPort: 80\n      readinessProbe:\n        httpGet:\n          path: /\n          port: http\n',
  },
  check(ctx) {
    for (const { container, field, probe, path } of eachProbe(ctx.templates)) {
      const { names, numbers } = declaredPorts(container);
      for (const handler of HANDLER_KINDS) {
        const action = probe[handler];
        if (!isObject(action)) continue;
        const port = action['port'];
        // Most probes name a declared port: nothing is put together for them.
        if (typeof port === 'string') {
          if (handler !== 'grpc' && names.includes(port)) continue;
        } else if (
          typeof port !== 'number' ||
          numbers.includes(port) ||
          numbers.length === 0 ||
          // A probe sent to another host is not about this container's ports.
          (typeof action['host'] === 'string' && action['host'] !== '')
        ) {
          continue;
        }
        const portPath = [...path, handler, 'port'];
        const where = `The ${field} of ${containerLabel(container)}`;
        if (typeof port === 'string' && handler === 'grpc') {
          ctx.report({
            path: portPath,
            message: `${where} names its gRPC port "${port}", but gRPC probes take a port number only, so the API server rejects the pod. Use the number of the port.`,
          });
        } else if (typeof port === 'string') {
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
        } else {
          const intended = numbers.find((declared) => isDigitTypo(port, declared));
          const [only, ...others] = numbers;
          if (intended !== undefined) {
            ctx.report({
              path: portPath,
              severity: 'warning',
              message: `${where} checks port ${port}, which the container does not declare, while it declares ${intended}: the checks fail unless something listens on ${port}. Did you mean ${intended}?`,
              suggestions: [String(intended)],
            });
          } else if (only !== undefined && others.length === 0) {
            ctx.report({
              path: portPath,
              severity: 'warning',
              message: `${where} checks port ${port}, but the container declares only port ${only}: unless the application also listens on ${port}, every check fails. Probe port ${only}, or declare ${port} if it is a separate health port.`,
              suggestions: [String(only)],
            });
          } else {
            // Several declared ports and a health or metrics port left out of them is common practice.
            ctx.report({
              path: portPath,
              severity: 'info',
              message: `${where} checks port ${port}, which the container does not declare (it declares ${numbers.join(', ')}). Declaring ports is informational, so this works if the application listens on ${port}; if it listens only on the declared ports, every check fails.`,
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

/**
 * True when `typed` is `declared` with two adjacent digits swapped, one digit left out or one digit
 * doubled (8008, 808 or 80800 for 8080): the typos of a port number. A different digit (8081 for
 * 8080) is not one, since applications commonly serve health or metrics on a neighbouring port.
 */
function isDigitTypo(typed: number, declared: number): boolean {
  const a = String(typed);
  const b = String(declared);
  if (a.length === b.length) {
    const i = [...a].findIndex((digit, k) => digit !== b[k]);
    return i >= 0 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  if (a.length === b.length - 1) return [...b].some((_, k) => b.slice(0, k) + b.slice(k + 1) === a);
  // An extra digit is a typo only when it repeats its neighbour: 8443 is not a typo of 443.
  if (a.length !== b.length + 1) return false;
  return [...a].some(
    (digit, k) => a.slice(0, k) + a.slice(k + 1) === b && (digit === a[k - 1] || digit === a[k + 1]),
  );
}
