/**
 * ResourceQuota admission for pods (quota/v1/evaluator/core/pods.go), after LimitRanger: the
 * resources a quota tracks that a container leaves unset, and the usage a pod adds against
 * `status.hard − status.used`.
 */
import type { JsonObject } from '../manifest/types';
import { qosClass } from '../qos';
import { nanos, podAmounts, printAmount, type ProducedContainer } from './produced-pod';
import type { ResourceQuotaInfo, ResourceList } from './snapshot';

/** The resources whose quota forces every container to set them (the evaluator's validationSet). */
const MUST_SPECIFY = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** The quota resources a container's requests and limits count for (podComputeUsageHelper). */
function containerQuotaNames(c: ProducedContainer): Set<string> {
  const names = new Set<string>();
  for (const resource of c.requests.keys()) {
    if (resource === 'cpu' || resource === 'memory') names.add(resource);
    names.add(`requests.${resource}`);
  }
  for (const resource of c.limits.keys()) names.add(`limits.${resource}`);
  return names;
}

/** `must specify limits.memory for: web; requests.cpu for: web,sidecar` when a tracked resource is unset. */
export function missingRequired(
  quota: ResourceQuotaInfo,
  containers: readonly ProducedContainer[],
): Map<string, string[]> {
  const required = MUST_SPECIFY.filter((r) => r in quota.hard);
  const missing = new Map<string, string[]>();
  // Main containers first, then init containers, as the evaluator visits them.
  const ordered = [
    ...containers.filter((c) => c.ref.role === 'main'),
    ...containers.filter((c) => c.ref.role !== 'main'),
  ];
  for (const c of ordered) {
    const has = containerQuotaNames(c);
    for (const resource of required) {
      if (has.has(resource)) continue;
      const names = missing.get(resource) ?? [];
      if (!names.includes(c.ref.name)) names.push(c.ref.name);
      missing.set(resource, names);
    }
  }
  return missing;
}

export function mustSpecifyMessage(missing: ReadonlyMap<string, readonly string[]>): string {
  const parts = [...missing.keys()]
    .sort()
    .map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** The quota usage of one pod (requests with overhead, limits, pod count). */
export function podUsage(
  containers: readonly ProducedContainer[],
  overhead: ResourceList = {},
): Map<string, bigint> {
  const requests = podAmounts(containers, 'requests', overhead);
  const limits = podAmounts(containers, 'limits', overhead);
  const usage = new Map<string, bigint>();
  for (const [resource, value] of requests) {
    if (resource === 'cpu' || resource === 'memory' || resource === 'ephemeral-storage')
      usage.set(resource, value);
    usage.set(`requests.${resource}`, value);
  }
  for (const [resource, value] of limits) usage.set(`limits.${resource}`, value);
  usage.set('pods', 1_000_000_000n);
  usage.set('count/pods', 1_000_000_000n);
  return usage;
}

/** Whether a quota with scopes counts this pod (Terminating, NotTerminating, BestEffort, NotBestEffort, PriorityClass). */
export function quotaMatchesPod(quota: ResourceQuotaInfo, spec: JsonObject): boolean {
  const terminating = typeof spec['activeDeadlineSeconds'] === 'number';
  const bestEffort = qosClass(spec) === 'BestEffort';
  const priorityClass = typeof spec['priorityClassName'] === 'string' ? spec['priorityClassName'] : undefined;
  const scope = (name: string, operator = 'Exists', values: readonly string[] = []): boolean => {
    switch (name) {
      case 'Terminating':
        return terminating;
      case 'NotTerminating':
        return !terminating;
      case 'BestEffort':
        return bestEffort;
      case 'NotBestEffort':
        return !bestEffort;
      case 'PriorityClass':
        if (operator === 'Exists') return priorityClass !== undefined;
        if (operator === 'DoesNotExist') return priorityClass === undefined;
        if (operator === 'In') return priorityClass !== undefined && values.includes(priorityClass);
        if (operator === 'NotIn') return priorityClass === undefined || !values.includes(priorityClass);
        return false;
      default:
        // Scopes the linter cannot judge (CrossNamespacePodAffinity) are not guessed at.
        return false;
    }
  };
  return (
    (quota.scopes ?? []).every((s) => scope(s)) &&
    (quota.scopeSelector?.matchExpressions ?? []).every((e) => scope(e.scopeName, e.operator, e.values ?? []))
  );
}

export interface QuotaShortfall {
  readonly resource: string;
  readonly needed: bigint;
  readonly hard: bigint;
  readonly used: bigint;
}

/** Resources the quota tracks whose `hard − used` is smaller than `usage × replicas`. */
export function quotaShortfalls(
  quota: ResourceQuotaInfo,
  usage: ReadonlyMap<string, bigint>,
  replicas: number,
): QuotaShortfall[] {
  const out: QuotaShortfall[] = [];
  for (const [resource, hardText] of Object.entries(quota.hard)) {
    const perPod = usage.get(resource);
    const hard = nanos(hardText);
    if (perPod === undefined || perPod === 0n || hard === undefined) continue;
    const used = nanos(quota.used[resource]) ?? 0n;
    const needed = perPod * BigInt(replicas);
    if (used + needed > hard) out.push({ resource, needed, hard, used });
  }
  return out;
}

/** `requests.cpu=500m,requests.memory=1Gi`: the quota plugin's prettyPrint of a resource list, sorted. */
export function prettyPrint(amounts: ReadonlyArray<[string, bigint]>): string {
  return [...amounts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([resource, value]) => `${resource}=${printAmount(resource, value)}`)
    .join(',');
}
