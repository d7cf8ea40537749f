import type { Path } from './types';
import { getPath, isObject, type PodTemplate } from './workloads';

/**
 * Maps a pod field path as diagnoses write it (`spec.containers[app].resources.limits.memory`,
 * `spec.volumes[data]`, `metadata.labels`) onto the YAML path of the same field in a workload's pod
 * template, resolving `[name]` through the list's `name` keys. Returns the deepest prefix that exists.
 */
export function templatePathForPodField(
  fieldPath: string,
  template: PodTemplate,
  root: unknown,
): Path | undefined {
  const segments = parseFieldPath(fieldPath);
  const [head, ...rest] = segments;
  if (head !== 'spec' && head !== 'metadata') return undefined;
  const path: Array<string | number> =
    head === 'spec' ? [...template.specPath] : [...template.path, 'metadata'];
  for (const segment of rest) {
    if (typeof segment === 'string') {
      const node = getPath(root, path);
      if (!isObject(node) || !(segment in node)) break;
      path.push(segment);
      continue;
    }
    const list = getPath(root, path);
    if (!Array.isArray(list)) break;
    const index = list.findIndex((item) => isObject(item) && item['name'] === segment.name);
    if (index < 0) break;
    path.push(index);
  }
  return path;
}

/** `spec.containers[app].env[JAVA_OPTS].value` → `['spec', 'containers', {name:'app'}, 'env', {name:'JAVA_OPTS'}, 'value']`. */
export function parseFieldPath(fieldPath: string): Array<string | { name: string }> {
  const segments: Array<string | { name: string }> = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = re.exec(fieldPath); m !== null; m = re.exec(fieldPath)) {
    if (m[1] !== undefined) segments.push(m[1]);
    else segments.push({ name: m[2] ?? '' });
  }
  return segments;
}
