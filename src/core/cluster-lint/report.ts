import type { RuleContext } from '../lint/types';
import type { PodTemplate } from '../manifest/workloads';
import type { JsonObject, Path } from '../manifest/types';
import { getPath, isObject } from '../manifest/workloads';
import { explicitNamespace, namespaceOf, namespaceState, type ClusterCheckInput } from './context';

/** Reports "cannot check Secrets in `prod`: forbidden" once per run (info: never an error, never a guess). */
export function reportNotice(ctx: RuleContext, notice: string | undefined, path: Path): void {
  if (notice === undefined || ctx.cluster === undefined) return;
  const seen = ctx.cluster.notices;
  if (seen?.has(notice)) return;
  seen?.add(notice);
  ctx.report({ path, on: 'key', message: `${capitalize(notice)}.`, severity: 'info' });
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The path a finding about the object's namespace points at: `metadata.namespace` when written, else `kind`. */
export function namespacePath(ctx: RuleContext): Path {
  return explicitNamespace(ctx.object) === undefined ? ['kind'] : ['metadata', 'namespace'];
}

/**
 * The namespace whose objects a pod template's references must exist in, when the namespace is
 * known to exist (a missing one is `cluster-namespace-missing`'s finding, not every reference's).
 */
function existingNamespace(ctx: RuleContext, input: ClusterCheckInput): string | undefined {
  const namespace = namespaceOf(ctx.object, input.snapshot.defaultNamespace);
  if (namespace === undefined) return undefined;
  const state = namespaceState(input, namespace);
  return state.known && !state.exists ? undefined : namespace;
}

/**
 * Where to point for a field that may be absent: the field itself, else the deepest mapping on its
 * way: its `name` when it has one (a container), else its key.
 */
export function pointAt(object: JsonObject, path: Path): { path: Path; on: 'key' | 'value' } {
  for (let length = path.length; length > 0; length--) {
    const prefix = path.slice(0, length);
    const node = getPath(object, prefix);
    if (node === undefined) continue;
    if (length === path.length) return { path, on: 'value' };
    if (isObject(node) && typeof node['name'] === 'string') return { path: [...prefix, 'name'], on: 'value' };
    return { path: prefix, on: 'key' };
  }
  return { path: ['kind'], on: 'value' };
}

/** The cluster and the existing namespace a rule checks the object against, when there are both. */
export function clusterScope(ctx: RuleContext): { input: ClusterCheckInput; namespace: string } | undefined {
  const input = ctx.cluster;
  const namespace = input && existingNamespace(ctx, input);
  return input && namespace !== undefined ? { input, namespace } : undefined;
}

/** Each pod template of the object, with the cluster scope it is checked in; none without a scope. */
export function* clusterTemplates(
  ctx: RuleContext,
): Generator<{ input: ClusterCheckInput; namespace: string; template: PodTemplate }> {
  const scope = clusterScope(ctx);
  if (!scope) return;
  for (const template of ctx.templates) yield { ...scope, template };
}
