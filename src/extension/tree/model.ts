import type { Pod } from '../../core/k8s';
import { iconColor, kubectlPodRow, type KubectlPodRow, type PhaseColor } from '../../core/status';

/** A row of the Pods tree. Objects are kept stable per key so that a subtree can be refreshed. */
export type PodsNode = ContextNode | NamespaceNode | WorkloadNode | PodNode | MessageNode;

export interface ContextNode {
  readonly kind: 'context';
  readonly context: string;
  readonly server: string;
  current: boolean;
}

export interface NamespaceNode {
  readonly kind: 'namespace';
  readonly context: string;
  readonly namespace: string;
  /** Pods come from the all-namespaces watch rather than the namespace's own. */
  readonly fromAll: boolean;
  expanded: boolean;
}

/** The pods of one workload, under a namespace too large to list pod by pod. */
export interface WorkloadNode {
  readonly kind: 'workload';
  readonly context: string;
  readonly namespace: string;
  readonly fromAll: boolean;
  /** Deployment, StatefulSet, DaemonSet, Job, ReplicaSet, …; `Pod` for pods without a controller. */
  readonly workloadKind: string;
  /** The workload's name; empty for pods without a controller. */
  readonly name: string;
  pods: number;
  unhealthy: number;
}

export interface PodNode {
  readonly kind: 'pod';
  readonly context: string;
  pod: Pod;
  row: KubectlPodRow;
}

export interface MessageNode {
  readonly kind: 'message';
  readonly text: string;
  readonly detail?: string;
  readonly icon: 'error' | 'warning' | 'info' | 'loading~spin' | 'lock';
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: unknown[] };
}

const NODE_KINDS: ReadonlySet<unknown> = new Set<PodsNode['kind']>([
  'context',
  'namespace',
  'workload',
  'pod',
  'message',
]);

/**
 * The tree node a menu passed to a command. Commands also run from the palette, a keybinding or
 * another extension with any argument at all; those give undefined.
 */
export function treeNodeOf(value: unknown): PodsNode | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return NODE_KINDS.has((value as { kind?: unknown }).kind) ? (value as PodsNode) : undefined;
}

/** The pod row a menu passed to a command, or undefined. */
export function podNodeOf(value: unknown): PodNode | undefined {
  const node = treeNodeOf(value);
  return node?.kind === 'pod' ? node : undefined;
}

export interface PodFilter {
  readonly text: string;
  readonly onlyUnhealthy: boolean;
}

const HEALTHY_STATUSES = new Set(['Running', 'Completed', 'Succeeded']);

/** Unhealthy = not Running+ready, not Completed: what "show only unhealthy" keeps. */
export function isUnhealthy(row: KubectlPodRow): boolean {
  if (row.problem) return true;
  if (!HEALTHY_STATUSES.has(row.status)) return true;
  if (row.status === 'Running') {
    const [ready, total] = row.ready.split('/').map(Number);
    return ready !== total;
  }
  return false;
}

export function matchesFilter(row: KubectlPodRow, filter: PodFilter): boolean {
  if (filter.onlyUnhealthy && !isUnhealthy(row)) return false;
  if (!filter.text) return true;
  const needle = filter.text.toLowerCase();
  return (
    row.name.toLowerCase().includes(needle) ||
    row.status.toLowerCase().includes(needle) ||
    row.namespace.toLowerCase().includes(needle) ||
    (row.node ?? '').toLowerCase().includes(needle)
  );
}

/** `STATUS  READY  RESTARTS  AGE` as the tree's description. */
export function podDescription(row: KubectlPodRow): string {
  return `${row.status}  ${row.ready}  ${row.restarts}  ${row.age}`;
}

export function podRows(pods: readonly Pod[], nowMs: number): KubectlPodRow[] {
  return pods.map((pod) => kubectlPodRow(pod, nowMs));
}

export const PHASE_ICON: Record<string, string> = {
  Running: 'circle-filled',
  Pending: 'clock',
  Succeeded: 'pass-filled',
  Failed: 'error',
  Unknown: 'question',
};

/** The failure icon, shown for a failure STATUS whatever the phase (the phase stays in the tooltip). */
const FAILURE_ICON = 'error';

/** The codicon and color key of a pod's icon: by phase, but a failure STATUS always shows the failure icon. */
export function podIcon(row: KubectlPodRow): { icon: string; color: PhaseColor } {
  if (row.problem) return { icon: FAILURE_ICON, color: iconColor(row) };
  return { icon: PHASE_ICON[row.phase] ?? 'circle-outline', color: row.color };
}

/**
 * While the first list streams in, the tree redraws at most this often rather than once per page:
 * each redraw reads every namespace row again, and every pod row of the namespaces not grouped.
 */
export const LISTING_REFRESH_MS = 300;

/** Above this many pods a namespace shows its workloads, each with its pods, instead of every pod. */
export const GROUP_THRESHOLD = 500;

interface Workload {
  readonly kind: string;
  readonly name: string;
  /** `kind/name`, the group's key. */
  readonly key: string;
}

const STANDALONE: Workload = { kind: 'Pod', name: '', key: 'Pod/' };

/**
 * Workloads by owner reference list: the watch cache shares one list among the pods of a
 * ReplicaSet, Job or StatefulSet, so grouping 10,000 pods again allocates nothing per pod.
 */
const workloads = new WeakMap<object, Workload>();

/** The workload a pod belongs to: its controller, a ReplicaSet named after its Deployment read as the Deployment. */
export function workloadOf(pod: Pod): Workload {
  const refs = pod.metadata?.ownerReferences;
  if (!refs) return STANDALONE;
  let workload = workloads.get(refs);
  if (!workload) {
    workload = computeWorkload(pod);
    workloads.set(refs, workload);
  }
  return workload;
}

function computeWorkload(pod: Pod): Workload {
  const ref = pod.metadata?.ownerReferences?.find((o) => o.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!ref?.kind || !ref.name) return STANDALONE;
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  const deployment = ref.kind === 'ReplicaSet' && hash && ref.name.endsWith(`-${hash}`);
  const kind = deployment ? 'Deployment' : ref.kind;
  const name = deployment ? ref.name.slice(0, -hash.length - 1) : ref.name;
  return { kind, name, key: `${kind}/${name}` };
}

export interface WorkloadGroup {
  readonly kind: string;
  readonly name: string;
  pods: number;
  unhealthy: number;
}

/**
 * A namespace's pods by workload, the groups with unhealthy pods first (most unhealthy first), then
 * by name. `unhealthy` says whether a pod counts as unhealthy; `keep` whether it passes the filter.
 */
export function groupByWorkload(
  pods: Iterable<Pod>,
  unhealthy: (pod: Pod) => boolean,
  keep: (pod: Pod) => boolean = () => true,
): WorkloadGroup[] {
  const groups = new Map<string, WorkloadGroup>();
  for (const pod of pods) {
    if (!keep(pod)) continue;
    const workload = workloadOf(pod);
    let group = groups.get(workload.key);
    if (!group) {
      group = { kind: workload.kind, name: workload.name, pods: 0, unhealthy: 0 };
      groups.set(workload.key, group);
    }
    group.pods++;
    if (unhealthy(pod)) group.unhealthy++;
  }
  return [...groups.values()].sort(groupOrder);
}

/** Groups with unhealthy pods first (most unhealthy first), then by name. */
function groupOrder(a: WorkloadGroup, b: WorkloadGroup): number {
  return (
    Number(b.unhealthy > 0) - Number(a.unhealthy > 0) ||
    b.unhealthy - a.unhealthy ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : a.kind < b.kind ? -1 : 1)
  );
}

/** One namespace's pods as the index counts them. */
interface CountedNamespace {
  /** Per pod name: its group's place in `groups` × 2, + 1 when the pod is unhealthy (a small integer, no object per pod). */
  readonly pods: Map<string, number>;
  /** The groups by place; a place whose group lost its last pod is free for the next new workload. */
  readonly groups: WorkloadGroup[];
  /** Places by workload key, and each place's key. */
  readonly places: Map<string, number>;
  readonly keys: string[];
  /** Places of groups without pods (workloads come and go: a CronJob makes a Job per run). */
  readonly free: number[];
  unhealthy: number;
}

/**
 * Each namespace's workload groups and counts, kept up to date from the watch cache's changes
 * rather than counted again from all of a namespace's pods on every redraw, so that a redraw
 * costs in proportion to the pods that changed since the last one. `update` only queues a change;
 * `catchUp` applies the queue a bounded number of pods per task (each changed pod's health is
 * read once). Counts and groups are those of the changes applied so far.
 */
export class WorkloadIndex {
  private readonly namespaces = new Map<string, CountedNamespace>();
  private queue: Array<{ readonly changed: readonly Pod[]; readonly deleted: readonly Pod[] }> = [];
  private applying: Promise<void> | undefined;

  constructor(
    private readonly unhealthy: (pod: Pod) => boolean = (pod) => isUnhealthy(kubectlPodRow(pod, Date.now())),
  ) {}

  /** Queues a batch of the cache's changes (changes to pods already counted replace their counts). */
  update(changed: readonly Pod[], deleted: readonly Pod[]): void {
    if (changed.length > 0 || deleted.length > 0) this.queue.push({ changed, deleted });
  }

  /** Applies every queued change, also those queued meanwhile, `yieldEvery` pods per task. */
  catchUp(yieldEvery = 250): Promise<void> {
    if (this.applying) return this.applying.then(() => this.catchUp(yieldEvery));
    if (this.queue.length === 0) return Promise.resolve();
    this.applying = this.apply(yieldEvery).finally(() => {
      this.applying = undefined;
    });
    return this.applying;
  }

  /** A namespace's pods and unhealthy pods. */
  counts(namespace: string): { pods: number; unhealthy: number } {
    const counted = this.namespaces.get(namespace);
    return { pods: counted?.pods.size ?? 0, unhealthy: counted?.unhealthy ?? 0 };
  }

  /**
   * A namespace's groups as `groupByWorkload` gives them for all its pods, or for its unhealthy
   * pods only (`onlyUnhealthy`).
   */
  groups(namespace: string, onlyUnhealthy = false): WorkloadGroup[] {
    const out: WorkloadGroup[] = [];
    for (const group of this.namespaces.get(namespace)?.groups ?? []) {
      const pods = onlyUnhealthy ? group.unhealthy : group.pods;
      if (pods > 0) out.push({ kind: group.kind, name: group.name, pods, unhealthy: group.unhealthy });
    }
    return out.sort(groupOrder);
  }

  private async apply(yieldEvery: number): Promise<void> {
    let done = 0;
    while (this.queue.length > 0) {
      const queue = this.queue;
      this.queue = [];
      // A batch never names a pod twice (the cache hands a pod out as changed or as deleted).
      for (const { changed, deleted } of queue) {
        for (let i = 0; i < changed.length + deleted.length; i++) {
          if (i < changed.length) this.applyOne(changed[i]!, false);
          else this.applyOne(deleted[i - changed.length]!, true);
          if (++done % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }
  }

  private applyOne(pod: Pod, deleted: boolean): void {
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    let counted = this.namespaces.get(namespace);
    const before = counted?.pods.get(name);
    if (counted && before !== undefined) {
      const place = before >> 1;
      const group = counted.groups[place]!;
      group.pods--;
      if (before & 1) {
        group.unhealthy--;
        counted.unhealthy--;
      }
      if (group.pods === 0) {
        counted.places.delete(counted.keys[place]!);
        counted.free.push(place);
      }
      counted.pods.delete(name);
      if (counted.pods.size === 0) {
        this.namespaces.delete(namespace);
        counted = undefined;
      }
    }
    if (deleted) return;
    if (!counted) {
      counted = { pods: new Map(), groups: [], places: new Map(), keys: [], free: [], unhealthy: 0 };
      this.namespaces.set(namespace, counted);
    }
    const workload = workloadOf(pod);
    let place = counted.places.get(workload.key);
    if (place === undefined) {
      place = counted.free.pop() ?? counted.groups.length;
      counted.groups[place] = { kind: workload.kind, name: workload.name, pods: 0, unhealthy: 0 };
      counted.keys[place] = workload.key;
      counted.places.set(workload.key, place);
    }
    const group = counted.groups[place]!;
    group.pods++;
    const unhealthy = this.unhealthy(pod);
    if (unhealthy) {
      group.unhealthy++;
      counted.unhealthy++;
    }
    counted.pods.set(name, place * 2 + (unhealthy ? 1 : 0));
  }
}

/** Whether a pod belongs to a workload group. */
export function inWorkload(pod: Pod, group: { workloadKind: string; name: string }): boolean {
  const { kind, name } = workloadOf(pod);
  return kind === group.workloadKind && name === group.name;
}

/** `N pods · M unhealthy` as a namespace's or a workload's description. */
export function countDescription(pods: number, unhealthy: number): string {
  return `${pods} pod${pods === 1 ? '' : 's'}${unhealthy > 0 ? ` · ${unhealthy} unhealthy` : ''}`;
}

/** A workload row's label: `Deployment checkout`, or `Pods without a controller`. */
export function workloadLabel(group: { workloadKind: string; name: string }): string {
  return group.name ? `${group.workloadKind} ${group.name}` : 'Pods without a controller';
}

/**
 * Whether each pod is unhealthy, remembered per pod object (the cache replaces a pod's object when
 * it changes), so that counting a namespace again costs no row per pod. `yieldEvery` pods, the
 * async form lets other work run, so that a first count of 10,000 pods is never one long task.
 */
export class HealthMemo {
  private readonly memo = new WeakMap<Pod, boolean>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  unhealthy = (pod: Pod): boolean => {
    let value = this.memo.get(pod);
    if (value === undefined) {
      value = isUnhealthy(kubectlPodRow(pod, this.nowMs()));
      this.memo.set(pod, value);
    }
    return value;
  };

  /** Computes what is not remembered yet, `yieldEvery` pods per task. */
  async warm(pods: Iterable<Pod>, yieldEvery = 250): Promise<void> {
    let done = 0;
    for (const pod of pods) {
      if (this.memo.has(pod)) continue;
      this.unhealthy(pod);
      if (++done % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
