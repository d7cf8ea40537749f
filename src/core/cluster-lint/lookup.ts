import type { RuleContext } from '../lint/types';
import { didYouMean } from '../text/suggest';
import {
  clusterList,
  namespacedList,
  providedObject,
  type ClusterCheckInput,
  type ProvidedObject,
} from './context';
import type { ClusterList, NamespacedList } from './snapshot';

/** The answer to "does this object exist?": found (with what is known of it), missing (with near names), or unknown. */
export type Lookup<T> =
  | { readonly state: 'found'; readonly item?: T; readonly provided?: ProvidedObject }
  | { readonly state: 'missing'; readonly nearest: readonly string[] }
  | { readonly state: 'unknown'; readonly notice?: string };

const KIND_OF: Readonly<Record<NamespacedList | ClusterList, string>> = {
  configMaps: 'ConfigMap',
  secrets: 'Secret',
  persistentVolumeClaims: 'PersistentVolumeClaim',
  serviceAccounts: 'ServiceAccount',
  limitRanges: 'LimitRange',
  resourceQuotas: 'ResourceQuota',
  priorityClasses: 'PriorityClass',
  runtimeClasses: 'RuntimeClass',
  nodes: 'Node',
};

/** Looks `name` up among the objects of the same run first, then in the cluster's list. */
export function lookup<T extends { readonly name: string }>(
  input: ClusterCheckInput,
  list: NamespacedList | ClusterList,
  name: string,
  namespace: string | undefined,
): Lookup<T> {
  const kind = KIND_OF[list];
  const provided = providedObject(input, kind, name, namespace);
  if (provided) return { state: 'found', provided };
  const available =
    namespace === undefined
      ? clusterList(input.snapshot, list as ClusterList)
      : namespacedList(input.snapshot, list as NamespacedList, namespace);
  if (!available.ok) return { state: 'unknown', ...(available.notice ? { notice: available.notice } : {}) };
  const items = available.items as readonly T[];
  const item = items.find((i) => i.name === name);
  if (item) return { state: 'found', item };
  const names = [
    ...items.map((i) => i.name),
    ...(input.provided ?? [])
      .filter((p) => p.kind === kind && (namespace === undefined || p.namespace === namespace))
      .map((p) => p.name),
  ];
  return { state: 'missing', nearest: didYouMean(name, names, 1) };
}

/** What happens to the pods when admission refuses them: a Pod is refused at apply; a workload's pods fail later. */
export function podRejection(ctx: RuleContext): string {
  return ctx.kind === 'Pod'
    ? 'the API server rejects the pod'
    : `the ${ctx.kind} is accepted but every pod it creates is rejected (FailedCreate)`;
}

/** ` Did you mean "settings"?` when a near name exists. */
export function didYouMeanSentence(nearest: readonly string[]): string {
  return nearest[0] === undefined ? '' : ` Did you mean "${nearest[0]}"?`;
}
