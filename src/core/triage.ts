/**
 * Triage: every pod of a namespace or a cluster explained, and the unhealthy ones grouped by root
 * cause (diagnosis id plus what tells causes apart: the image, the missing ConfigMap, the exit
 * code, the node), each group with its workloads (ReplicaSet → Deployment, Job → CronJob). Pure,
 * and linear in the number of pods and events: events and owners are indexed once, and each pod
 * is explained with its own events only.
 */
import { explainPod } from './diagnose';
import type { Diagnosis, DiagnosisId, DiagnoseInput, Explanation, Severity } from './diagnose';
import { timeMillis, type KubeEvent, type KubeNode, type ObjectMeta, type Pod } from './k8s';
import { agree } from './text/plural';

/** A ReplicaSet, Job or other controller, as listed: only its kind and metadata are read. */
export interface OwnerObject {
  kind?: string;
  metadata?: ObjectMeta;
}

export interface TriageInput {
  pods: readonly Pod[];
  /** Events of the pods' namespaces (or of the cluster), in any order; others are ignored. */
  events?: readonly KubeEvent[];
  /** ReplicaSets and Jobs: they lead a pod to its Deployment or CronJob. */
  owners?: readonly OwnerObject[];
  nodes?: readonly KubeNode[];
  nowMs: number;
  scope?: { context: string; namespace: string | null };
  /** The engine; replaceable so tests can count calls. */
  explain?: (input: DiagnoseInput) => Explanation;
}

interface TriageWorkload {
  kind: string;
  namespace: string;
  name: string;
  count: number;
}

interface TriagePod {
  namespace: string;
  name: string;
  status: string;
}

interface TriageGroup {
  id: DiagnosisId;
  severity: Severity;
  /** `220 pods keep crashing` */
  title: string;
  count: number;
  /** What the pods of the group share: `image registry.example.com/shop/cart:2.9.1`, `exit code 1`. */
  detail: string;
  workloads: TriageWorkload[];
  namespaces: string[];
  /** RFC 3339: the earliest and latest evidence of the problem among the group's pods. */
  firstSeen?: string;
  lastSeen?: string;
  pods: TriagePod[];
  /** The explanation of one pod of the group (the one seen last). */
  example: Explanation;
}

export interface Triage {
  scope: { context: string; namespace: string | null };
  pods: number;
  unhealthy: number;
  /** Pods counted, not listed: running and ready, completed, or starting normally. */
  healthy: number;
  completed: number;
  pending: number;
  groups: TriageGroup[];
}

/** What a group of pods with the same problem is called: `[one, many]`, after the count. */
const GROUP_TITLES: Readonly<Record<DiagnosisId, readonly [string, string]>> = {
  unschedulable: ['pod cannot be scheduled', 'pods cannot be scheduled'],
  'image-pull': ['pod cannot pull its image', 'pods cannot pull their image'],
  'config-missing': ['pod misses a ConfigMap or Secret', 'pods miss a ConfigMap or Secret'],
  'volume-mount': ['pod cannot mount a volume', 'pods cannot mount a volume'],
  'container-create': ['pod cannot start a container', 'pods cannot start a container'],
  'init-failure': ['pod is stuck in an init container', 'pods are stuck in an init container'],
  'hook-failure': ['pod has a failing lifecycle hook', 'pods have a failing lifecycle hook'],
  'readiness-failing': ['pod is not ready', 'pods are not ready'],
  'liveness-restarts': [
    'pod is restarted by its liveness probe',
    'pods are restarted by their liveness probe',
  ],
  'crash-loop': ['pod keeps crashing', 'pods keep crashing'],
  failed: ['pod exited with an error', 'pods exited with an error'],
  'oom-killed': ['pod runs out of memory', 'pods run out of memory'],
  evicted: ['pod was evicted', 'pods were evicted'],
  'node-lost': ['pod is on a node that is not reporting', 'pods are on a node that is not reporting'],
  'stuck-terminating': ['pod is stuck Terminating', 'pods are stuck Terminating'],
  'sandbox-failure': ['pod cannot get a network sandbox', 'pods cannot get a network sandbox'],
  pending: ['pod is slow to start', 'pods are slow to start'],
  completed: ['pod completed', 'pods completed'],
  healthy: ['pod is healthy', 'pods are healthy'],
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, error: 1, warning: 2, info: 3 };

function containerImage(pod: Pod, container: string | undefined): string | undefined {
  const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const image = specs.find((c) => c.name === container)?.image;
  return typeof image === 'string' ? image : undefined;
}

/** `exit code 1` from a title or evidence text that names it. */
function exitCode(d: Diagnosis): string | undefined {
  const m = /exit code (\d+)|exited with code (\d+)|fails with exit code (\d+)/.exec(d.title);
  const code = m?.[1] ?? m?.[2] ?? m?.[3];
  return code === undefined ? undefined : `exit code ${code}`;
}

/**
 * What tells one root cause from another within a diagnosis id. Pods of different workloads
 * share a group when they share it (the same missing image, the same node).
 */
function detailOf(d: Diagnosis, pod: Pod): string {
  const container = d.container ? `container ${d.container}` : '';
  const node = pod.spec?.nodeName ? `node ${pod.spec.nodeName}` : '';
  switch (d.id) {
    case 'image-pull': {
      const image = containerImage(pod, d.container);
      return image ? `image ${image}` : container;
    }
    case 'config-missing':
      return d.title;
    case 'crash-loop':
    case 'failed':
    case 'init-failure':
      return [container, exitCode(d)].filter(Boolean).join(', ');
    case 'oom-killed':
    case 'liveness-restarts':
    case 'readiness-failing':
    case 'hook-failure':
    case 'container-create':
      return container;
    case 'evicted':
    case 'node-lost':
    case 'sandbox-failure':
    case 'stuck-terminating':
      return node;
    case 'unschedulable':
    case 'volume-mount':
      return d.summary;
    default:
      return '';
  }
}

/** The pod's controller, one level up where the listed owners say so: ReplicaSet → Deployment, Job → CronJob. */
function workloadOf(pod: Pod, ownersByUid: ReadonlyMap<string, OwnerObject>): { kind: string; name: string } {
  const ref = pod.metadata?.ownerReferences?.find((o) => o.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!ref?.kind || !ref.name) return { kind: 'Pod', name: pod.metadata?.name ?? '' };
  const owner = ref.uid ? ownersByUid.get(ref.uid) : undefined;
  const up =
    owner?.metadata?.ownerReferences?.find((o) => o.controller) ?? owner?.metadata?.ownerReferences?.[0];
  if (up?.kind && up.name && (ref.kind === 'ReplicaSet' || ref.kind === 'Job'))
    return { kind: up.kind, name: up.name };
  return { kind: ref.kind, name: ref.name };
}

/** Events indexed once by the object they are about: `Pod/ns/name` and `Node//name`. */
function indexEvents(events: readonly KubeEvent[]): Map<string, KubeEvent[]> {
  const index = new Map<string, KubeEvent[]>();
  for (const event of events) {
    const ref = event.involvedObject ?? event.regarding;
    if (!ref?.name) continue;
    const kind = ref.kind ?? 'Pod';
    const key = `${kind}/${kind === 'Node' ? '' : (ref.namespace ?? event.metadata?.namespace ?? '')}/${ref.name}`;
    const list = index.get(key);
    if (list) list.push(event);
    else index.set(key, [event]);
  }
  return index;
}

/** Times the top diagnosis's evidence carries, else the pod's creation. */
function seenRange(e: Explanation, pod: Pod, nowMs: number): { first: number; last: number } {
  const times = (e.diagnoses[0]?.evidence ?? [])
    .map((x) => timeMillis(x.time))
    .filter((t): t is number => t !== undefined);
  const created = timeMillis(pod.metadata?.creationTimestamp) ?? nowMs;
  return times.length > 0
    ? { first: Math.min(...times), last: Math.max(...times) }
    : { first: created, last: created };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

interface Building {
  group: Omit<TriageGroup, 'workloads' | 'namespaces' | 'firstSeen' | 'lastSeen' | 'title' | 'count'>;
  workloads: Map<string, TriageWorkload>;
  namespaces: Set<string>;
  first: number;
  last: number;
  exampleLast: number;
}

/** A pod that is fine or on its normal way: counted, not listed. */
function quietKind(e: Explanation): 'healthy' | 'completed' | 'pending' | undefined {
  const top = e.diagnoses[0];
  if (!top || top.severity !== 'info') return undefined;
  if (top.id === 'completed') return 'completed';
  if (top.id === 'pending') return 'pending';
  return 'healthy';
}

export function triage(input: TriageInput): Triage {
  const explain = input.explain ?? explainPod;
  const events = indexEvents(input.events ?? []);
  const ownersByUid = new Map<string, OwnerObject>();
  for (const owner of input.owners ?? []) {
    const uid = owner.metadata?.uid;
    if (uid) ownersByUid.set(uid, owner);
  }
  const nodes = new Map<string, KubeNode>();
  for (const node of input.nodes ?? []) if (node.metadata?.name) nodes.set(node.metadata.name, node);

  const counts = { healthy: 0, completed: 0, pending: 0 };
  const building = new Map<string, Building>();
  for (const pod of input.pods) {
    const namespace = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    const nodeName = pod.spec?.nodeName;
    const own = events.get(`Pod/${namespace}/${name}`) ?? [];
    const onNode = nodeName ? (events.get(`Node//${nodeName}`) ?? []) : [];
    const node = nodeName ? nodes.get(nodeName) : undefined;
    const e = explain({
      pod,
      events: onNode.length > 0 ? [...own, ...onNode] : own,
      ...(node ? { node } : {}),
      nowMs: input.nowMs,
    });
    const quiet = quietKind(e);
    const top = e.diagnoses[0];
    if (quiet || !top) {
      counts[quiet ?? 'healthy']++;
      continue;
    }
    const detail = detailOf(top, pod);
    const key = `${top.id}\u0000${detail}`;
    const seen = seenRange(e, pod, input.nowMs);
    let b = building.get(key);
    if (!b) {
      b = {
        group: { id: top.id, severity: top.severity, detail, pods: [], example: e },
        workloads: new Map(),
        namespaces: new Set(),
        first: seen.first,
        last: seen.last,
        exampleLast: seen.last,
      };
      building.set(key, b);
    }
    if (SEVERITY_RANK[top.severity] < SEVERITY_RANK[b.group.severity]) b.group.severity = top.severity;
    b.group.pods.push({ namespace, name, status: e.status });
    b.namespaces.add(namespace);
    b.first = Math.min(b.first, seen.first);
    b.last = Math.max(b.last, seen.last);
    if (seen.last > b.exampleLast) {
      b.exampleLast = seen.last;
      b.group.example = e;
    }
    const workload = workloadOf(pod, ownersByUid);
    const wkey = `${workload.kind}/${namespace}/${workload.name}`;
    const w = b.workloads.get(wkey);
    if (w) w.count++;
    else b.workloads.set(wkey, { ...workload, namespace, count: 1 });
  }

  const groups: TriageGroup[] = [...building.values()].map((b) => {
    const count = b.group.pods.length;
    const [one, many] = GROUP_TITLES[b.group.id];
    return {
      id: b.group.id,
      severity: b.group.severity,
      title: `${count.toLocaleString('en-US')} ${agree(count, one, many)}`,
      count,
      detail: b.group.detail,
      workloads: [...b.workloads.values()].sort((x, y) => y.count - x.count || x.name.localeCompare(y.name)),
      namespaces: [...b.namespaces].sort(),
      firstSeen: iso(b.first),
      lastSeen: iso(b.last),
      pods: b.group.pods,
      example: b.group.example,
    };
  });
  groups.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.count - a.count ||
      (timeMillis(b.lastSeen) ?? 0) - (timeMillis(a.lastSeen) ?? 0),
  );
  return {
    scope: input.scope ?? { context: '', namespace: null },
    pods: input.pods.length,
    unhealthy: groups.reduce((n, g) => n + g.count, 0),
    ...counts,
    groups,
  };
}
