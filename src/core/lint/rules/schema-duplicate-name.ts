import type { Path } from '../../manifest/types';
import { getPath, isObject } from '../../manifest/workloads';
import type { Rule, RuleContext, Severity } from '../types';

export const rule: Rule = {
  id: 'schema-duplicate-name',
  severity: 'error',
  title: 'Duplicate container, port, volume or mount',
  rationale:
    'The API server rejects a pod with two containers of the same name (across containers, initContainers and ephemeralContainers), two ports of one container with the same name, two volumes with the same name, or two mounts of one container at the same path. Two env vars with the same name are accepted, but only the last one takes effect.',
  remediation: 'Rename or remove the second occurrence; for env vars keep the one you mean.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: shop\nspec:\n  containers:\n    - name: app\n      image: shop:2.1\n    - name: app\n      image: envoyproxy/envoy:v1.31.0\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: shop\nspec:\n  containers:\n    - name: app\n      image: shop:2.1\n    - name: proxy\n      image: envoyproxy/envoy:v1.31.0\n',
  },
  check(ctx) {
    // Duplicates are rare: each list is first scanned by value alone, and its items' paths are
    // built only when it holds one.
    for (const template of ctx.templates) {
      if (hasDuplicate(template.containers.map((ref) => ref.container['name']))) {
        const containers = template.containers.map((ref) => ({
          path: [...ref.path, 'name'],
          value: ref.container['name'],
        }));
        reportDuplicates(ctx, containers, (name, line) => ({
          message: `Container name "${name}" is used twice in this pod (first at line ${line}); the API server rejects the pod: give each container a unique name.`,
        }));
      }
      if (listHasDuplicate(template.spec['volumes'], 'name')) {
        reportDuplicates(ctx, itemsOf(ctx, [...template.specPath, 'volumes'], 'name'), (name, line) => ({
          message: `Volume "${name}" is defined twice in this pod (first at line ${line}); the API server rejects the pod: rename or remove one.`,
        }));
      }
      for (const ref of template.containers) {
        const label = `container "${ref.name}"`;
        if (listHasDuplicate(ref.container['ports'], 'name')) {
          reportDuplicates(ctx, itemsOf(ctx, [...ref.path, 'ports'], 'name'), (name, line) => ({
            message: `Port name "${name}" is declared twice in ${label} (first at line ${line}); the API server rejects the pod: rename one.`,
          }));
        }
        if (listHasDuplicate(ref.container['volumeMounts'], 'mountPath')) {
          reportDuplicates(ctx, itemsOf(ctx, [...ref.path, 'volumeMounts'], 'mountPath'), (path, line) => ({
            message: `Two volume mounts of ${label} use mountPath "${path}" (first at line ${line}); the API server rejects the pod: mount each path once.`,
          }));
        }
        if (listHasDuplicate(ref.container['env'], 'name')) {
          reportDuplicates(ctx, itemsOf(ctx, [...ref.path, 'env'], 'name'), (name, line) => ({
            message: `Env var "${name}" is set twice in ${label} (first at line ${line}); only the last value takes effect: remove the one you do not mean.`,
            severity: 'warning',
          }));
        }
      }
    }
  },
};

/** True when a string counted by `reportDuplicates` (non-empty, not template text) occurs twice. */
function hasDuplicate(values: readonly unknown[]): boolean {
  if (values.length < 2) return false;
  const seen = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string' || value === '' || value.includes('{{')) continue;
    if (seen.has(value)) return true;
    seen.add(value);
  }
  return false;
}

/** Whether the `field` of the mappings of `list` (when it is a list) holds a duplicate. */
function listHasDuplicate(list: unknown, field: string): boolean {
  if (!Array.isArray(list) || list.length < 2) return false;
  const values: unknown[] = [];
  for (const item of list as unknown[]) if (isObject(item)) values.push(item[field]);
  return hasDuplicate(values);
}

interface Named {
  readonly path: Path;
  readonly value: unknown;
}

/** The `field` of every mapping in the list at `listPath`. */
function itemsOf(ctx: RuleContext, listPath: Path, field: string): Named[] {
  const list = getPath(ctx.object, listPath);
  if (!Array.isArray(list)) return [];
  const items: Named[] = [];
  list.forEach((item: unknown, index) => {
    if (isObject(item)) items.push({ path: [...listPath, index, field], value: item[field] });
  });
  return items;
}

function reportDuplicates(
  ctx: RuleContext,
  items: readonly Named[],
  describe: (value: string, firstLine: number) => { message: string; severity?: Severity },
): void {
  const first = new Map<string, Path>();
  for (const item of items) {
    if (typeof item.value !== 'string' || item.value === '' || item.value.includes('{{')) continue;
    const earlier = first.get(item.value);
    if (earlier === undefined) {
      first.set(item.value, item.path);
      continue;
    }
    ctx.report({ path: item.path, ...describe(item.value, lineOf(ctx, earlier)) });
  }
}

/** 1-based line of the node at `path`, for "first at line N". */
function lineOf(ctx: RuleContext, path: Path): number {
  const offset = ctx.locate(path)?.value.start ?? 0;
  let line = 1;
  for (let i = ctx.text.indexOf('\n'); i !== -1 && i < offset; i = ctx.text.indexOf('\n', i + 1)) line++;
  return line;
}
