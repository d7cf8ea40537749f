import type { JsonObject, Path } from '../manifest/types';
import { getPath } from '../manifest/workloads';

const CONTAINER_LISTS: Readonly<Record<string, string>> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
};

/** A path as users write it in kubectl explain style: `spec.template.spec.containers[0].ports`. */
export function dottedPath(path: Path): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}

/**
 * Where the node at `path` sits, for messages: `container "web"`, `livenessProbe of container
 * "web"`, `spec.template.spec`, or `the Deployment` for the object itself.
 */
export function placeOf(object: JsonObject, kind: string, path: Path): string {
  for (let i = path.length - 2; i >= 0; i--) {
    const list = path[i];
    const role = typeof list === 'string' ? CONTAINER_LISTS[list] : undefined;
    const index = path[i + 1];
    if (role === undefined || typeof index !== 'number') continue;
    const containerPath = path.slice(0, i + 2);
    const container = getPath(object, containerPath);
    const name =
      typeof container === 'object' && container !== null && !Array.isArray(container)
        ? (container as JsonObject)['name']
        : undefined;
    const label =
      typeof name === 'string' && name !== '' ? `${role} "${name}"` : `${role} ${dottedPath(containerPath)}`;
    const rest = path.slice(i + 2);
    if (rest.length === 0) return label;
    const envName =
      rest.length === 2 && rest[0] === 'env' ? getPath(container, [...rest, 'name']) : undefined;
    if (typeof envName === 'string') return `env var "${envName}" of ${label}`;
    return `${dottedPath(rest)} of ${label}`;
  }
  return path.length === 0 ? `the ${kind}` : dottedPath(path);
}
