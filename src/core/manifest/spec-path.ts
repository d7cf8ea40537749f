import type { Path } from './types';
import { getPath, isObject, type PodTemplate } from './workloads';

export type FieldSegment = string | { readonly name: string };

/** Where a pod field path lands in a workload's pod template. */
export interface ResolvedFieldPath {
  /** YAML path of the deepest node on the way that exists. */
  readonly path: Path;
  /** The segments below `path` that the manifest lacks (empty when the field exists). */
  readonly missing: readonly FieldSegment[];
  /** The path of the container the field path names, when it names one the template has. */
  readonly container?: Path;
  /** A `[name]` the list holds more than once: which item is meant is ambiguous. */
  readonly ambiguous?: string;
}

/**
 * Maps a pod field path as diagnoses write it (`spec.containers[app].resources.limits.memory`,
 * `spec.volumes[data]`, `metadata.labels`) onto the YAML path of the same field in a workload's pod
 * template, resolving `[name]` through the list's `name` keys (`[0]` through the index when no item
 * has that name). Undefined for paths outside the pod's `spec` and `metadata`.
 */
export function resolvePodField(
  fieldPath: string,
  template: PodTemplate,
  root: unknown,
): ResolvedFieldPath | undefined {
  const [head, ...rest] = parseFieldPath(fieldPath);
  if (head !== 'spec' && head !== 'metadata') return undefined;
  const path: Array<string | number> =
    head === 'spec' ? [...template.specPath] : [...template.path, 'metadata'];
  let container: Path | undefined;
  for (const [i, segment] of rest.entries()) {
    const node = getPath(root, path);
    if (typeof segment === 'string') {
      if (!isObject(node) || !(segment in node)) return { path, missing: rest.slice(i), ...found(container) };
      path.push(segment);
      continue;
    }
    const index = Array.isArray(node) ? itemIndex(node, segment.name) : [];
    if (index.length !== 1) {
      const ambiguous = index.length > 1 ? { ambiguous: segment.name } : {};
      return { path, missing: rest.slice(i), ...found(container), ...ambiguous };
    }
    path.push(index[0] ?? 0);
    if (template.containers.some((c) => samePath(c.path, path))) container = [...path];
  }
  return { path, missing: [], ...found(container) };
}

function found(container: Path | undefined): { container?: Path } {
  return container ? { container } : {};
}

/** Indexes of the items named `name`; a bare number names the item at that index. */
function itemIndex(list: readonly unknown[], name: string): number[] {
  const named = list.flatMap((item, i) => (isObject(item) && item['name'] === name ? [i] : []));
  if (named.length > 0 || !/^\d+$/.test(name)) return named;
  const index = Number(name);
  return index < list.length ? [index] : [];
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The YAML path of the deepest node on the way to a pod field that exists (see `resolvePodField`). */
export function templatePathForPodField(
  fieldPath: string,
  template: PodTemplate,
  root: unknown,
): Path | undefined {
  return resolvePodField(fieldPath, template, root)?.path;
}

/** `spec.containers[app].env[JAVA_OPTS].value` → `['spec', 'containers', {name:'app'}, 'env', {name:'JAVA_OPTS'}, 'value']`. */
export function parseFieldPath(fieldPath: string): FieldSegment[] {
  const segments: FieldSegment[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = re.exec(fieldPath); m !== null; m = re.exec(fieldPath)) {
    if (m[1] !== undefined) segments.push(m[1]);
    else segments.push({ name: m[2] ?? '' });
  }
  return segments;
}
