import type { JsonObject, Path } from '../manifest/types';
import { getPath } from '../manifest/workloads';

const CONTAINER_LISTS: Readonly<Record<string, string>> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
};

/** A path as users write it in kubectl explain style: `spec.template.spec.containers[0].ports`. */
function dottedPath(path: Path): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}

/** List items that carry a `name`, and what to call one in a message. */
const NAMED_ITEMS: Readonly<Record<string, string>> = {
  env: 'env var',
  ports: 'port',
  volumes: 'volume',
  volumeMounts: 'volume mount',
};

/**
 * Where the node at `path` sits, for messages: `container "web"`, `livenessProbe of container
 * "web"`, `port "http" of container "web"`, `volume "cache"`, `spec.template.spec`, or `the
 * Deployment` for the object itself.
 */
export function placeOf(object: JsonObject, kind: string, path: Path): string {
  for (let i = path.length - 2; i >= 0; i--) {
    const list = path[i];
    const role = typeof list === 'string' ? CONTAINER_LISTS[list] : undefined;
    const index = path[i + 1];
    if (role === undefined || typeof index !== 'number') continue;
    const containerPath = path.slice(0, i + 2);
    const name = getPath(object, [...containerPath, 'name']);
    const label =
      typeof name === 'string' && name !== '' ? `${role} "${name}"` : `${role} ${dottedPath(containerPath)}`;
    const rest = path.slice(i + 2);
    return rest.length === 0 ? label : `${namedItemOf(object, path) ?? dottedPath(rest)} of ${label}`;
  }
  if (path.length === 0) return `the ${kind}`;
  return namedItemOf(object, path) ?? dottedPath(path);
}

/** `volume "cache"` when `path` ends at a named item of a known list. */
function namedItemOf(object: JsonObject, path: Path): string | undefined {
  const list = path[path.length - 2];
  const noun = typeof list === 'string' ? NAMED_ITEMS[list] : undefined;
  if (noun === undefined || typeof path[path.length - 1] !== 'number') return undefined;
  const name = getPath(object, [...path, 'name']);
  return typeof name === 'string' && name !== '' ? `${noun} "${name}"` : undefined;
}
