/**
 * The scheduler's static filters (kube-scheduler's default plugins, in their order: NodeUnschedulable,
 * TaintToleration, NodeAffinity, NodeResourcesFit) against the cluster's nodes, ignoring what
 * already runs there, and its FitError message (`0/3 nodes are available: …`).
 */
import type { JsonObject } from '../manifest/types';
import { isObject } from '../manifest/workloads';
import { parseQuantity } from '../quantity';
import type { Labels, NodeInfo, Taint, Toleration } from './snapshot';

export interface SchedulingPod {
  readonly nodeSelector: Labels;
  /** `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`, when set. */
  readonly requiredTerms?: readonly unknown[];
  readonly tolerations: readonly Toleration[];
  /** Effective pod requests (see `podRequests`), in nano-units. */
  readonly requests: ReadonlyMap<string, bigint>;
}

/** Why one node was filtered out: the reasons of the first plugin that failed, and which plugin. */
export interface NodeVerdict {
  readonly node: NodeInfo;
  readonly plugin?: 'NodeUnschedulable' | 'TaintToleration' | 'NodeAffinity' | 'NodeResourcesFit';
  readonly reasons: readonly string[];
  readonly untolerated?: Taint;
}

/** A toleration tolerates a taint (k8s.io/api core/v1 `Toleration.ToleratesTaint`). */
function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? '';
  if (operator === 'Exists') return true;
  if (operator === '' || operator === 'Equal') return (toleration.value ?? '') === (taint.value ?? '');
  return false;
}

/** The first NoSchedule/NoExecute taint no toleration tolerates (`FindMatchingUntoleratedTaint`). */
function untoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  return taints.find(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
      !tolerations.some((toleration) => toleratesTaint(toleration, taint)),
  );
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** One node selector requirement (`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`) against a value. */
function matchesRequirement(requirement: JsonObject, value: string | undefined): boolean {
  const values = Array.isArray(requirement['values']) ? requirement['values'].map(String) : [];
  switch (requirement['operator']) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (
        value === undefined ||
        values.length !== 1 ||
        !/^-?\d+$/.test(value) ||
        !/^-?\d+$/.test(values[0] ?? '')
      ) {
        return false;
      }
      const [label, bound] = [BigInt(value), BigInt(values[0] ?? '0')];
      return requirement['operator'] === 'Gt' ? label > bound : label < bound;
    }
    default:
      return false;
  }
}

/** A node selector term: every expression on labels and every field (`metadata.name`) matches; an empty term matches nothing. */
function matchesTerm(term: unknown, node: NodeInfo): boolean {
  if (!isObject(term)) return false;
  const expressions = Array.isArray(term['matchExpressions']) ? term['matchExpressions'] : [];
  const fields = Array.isArray(term['matchFields']) ? term['matchFields'] : [];
  if (expressions.length === 0 && fields.length === 0) return false;
  return (
    expressions.every((e) => isObject(e) && matchesRequirement(e, node.labels[str(e['key']) ?? ''])) &&
    fields.every((f) => isObject(f) && f['key'] === 'metadata.name' && matchesRequirement(f, node.name))
  );
}

/** NodeAffinity's filter: `nodeSelector` and the required node affinity terms (ORed). */
function matchesNodeAffinity(pod: SchedulingPod, node: NodeInfo): boolean {
  for (const [key, value] of Object.entries(pod.nodeSelector)) if (node.labels[key] !== value) return false;
  if (pod.requiredTerms === undefined) return true;
  return pod.requiredTerms.some((term) => matchesTerm(term, node));
}

const SCALAR_ORDER = ['cpu', 'memory', 'ephemeral-storage'];

/** NodeResourcesFit's reasons against the node's allocatable, as if nothing ran there. */
function insufficientResources(pod: SchedulingPod, node: NodeInfo): string[] {
  const reasons: string[] = [];
  const podsAllowed = node.allocatable['pods'];
  if (podsAllowed !== undefined && quantity(podsAllowed) < 1_000_000_000n) reasons.push('Too many pods');
  const names = [...pod.requests.keys()].sort((a, b) => {
    const ia = SCALAR_ORDER.indexOf(a);
    const ib = SCALAR_ORDER.indexOf(b);
    return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });
  for (const name of names) {
    const requested = pod.requests.get(name) ?? 0n;
    if (requested <= 0n || name === 'pods') continue;
    const allocatable = node.allocatable[name];
    if (allocatable === undefined ? true : quantity(allocatable) < requested)
      reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

function quantity(text: string): bigint {
  const parsed = parseQuantity(text);
  return parsed.ok ? parsed.value.nanos : 0n;
}

/** The verdict of the filter plugins on one node: no reasons when the pod fits. */
export function filterNode(pod: SchedulingPod, node: NodeInfo): NodeVerdict {
  if (
    node.unschedulable &&
    !pod.tolerations.some((t) =>
      toleratesTaint(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }),
    )
  ) {
    return { node, plugin: 'NodeUnschedulable', reasons: ['node(s) were unschedulable'] };
  }
  const taint = untoleratedTaint(node.taints, pod.tolerations);
  if (taint) {
    return {
      node,
      plugin: 'TaintToleration',
      reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
      untolerated: taint,
    };
  }
  if (!matchesNodeAffinity(pod, node)) {
    return { node, plugin: 'NodeAffinity', reasons: ["node(s) didn't match Pod's node affinity/selector"] };
  }
  const insufficient = insufficientResources(pod, node);
  if (insufficient.length > 0) return { node, plugin: 'NodeResourcesFit', reasons: insufficient };
  return { node, reasons: [] };
}

/**
 * FitError.Error(): `0/N nodes are available: ` and the histogram of reasons, each `count reason`,
 * sorted as strings.
 */
export function fitErrorMessage(verdicts: readonly NodeVerdict[]): string {
  const counts = new Map<string, number>();
  for (const verdict of verdicts) {
    for (const reason of verdict.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const histogram = [...counts]
    .map(([reason, count]) => `${count} ${reason}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `0/${verdicts.length} nodes are available: ${histogram.join(', ')}.`;
}

/** Reads the scheduling fields of a pod spec (RuntimeClass scheduling merged in by the caller). */
export function schedulingPod(spec: JsonObject, requests: ReadonlyMap<string, bigint>): SchedulingPod {
  const selector = isObject(spec['nodeSelector']) ? spec['nodeSelector'] : {};
  const nodeSelector = Object.fromEntries(
    Object.entries(selector).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]),
  );
  const affinity = isObject(spec['affinity']) ? spec['affinity'] : {};
  const nodeAffinity = isObject(affinity['nodeAffinity']) ? affinity['nodeAffinity'] : {};
  const required = nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'];
  const terms =
    isObject(required) && Array.isArray(required['nodeSelectorTerms'])
      ? required['nodeSelectorTerms']
      : undefined;
  const tolerations = (Array.isArray(spec['tolerations']) ? spec['tolerations'] : [])
    .filter(isObject)
    .map(readToleration);
  return {
    nodeSelector,
    ...(isObject(required) ? { requiredTerms: terms ?? [] } : {}),
    tolerations,
    requests,
  };
}

function readToleration(t: JsonObject): Toleration {
  const out: { key?: string; operator?: string; value?: string; effect?: string } = {};
  const key = str(t['key']);
  const operator = str(t['operator']);
  const effect = str(t['effect']);
  if (key !== undefined) out.key = key;
  if (operator !== undefined) out.operator = operator;
  if (t['value'] !== undefined && t['value'] !== null) out.value = String(t['value']);
  if (effect !== undefined) out.effect = effect;
  return out;
}
