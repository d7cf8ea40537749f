import type { ContainerSpec, ContainerStatus, ObjectMeta, Pod, PodCondition } from '../k8s';

/**
 * What a pod watch cache keeps of each pod, as client-go informers trim with `SetTransform`.
 *
 * - A settled, healthy pod (Running with every container ready, never restarted; or Completed)
 *   becomes a compact record: what the tree row, the STATUS/READY/RESTARTS/AGE columns, the tooltip
 *   (with usage against requests and limits), the live lens and triage read. Sub-objects that pods of
 *   one workload share (labels, owner references, container resources, conditions) are shared.
 * - Any other pod (failing, not ready, restarted, terminating, pending) is kept whole, minus
 *   `managedFields` and the last-applied annotation, because explaining it and its live findings
 *   read most of it. Such pods are few.
 *
 * The decision is taken again on every watch event, since events carry the whole object. The
 * explain panel reads the full pod from the API server when the cached one is compact.
 */

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Marks compact pods across bundles (the cache and its readers may be bundled apart). */
const COMPACT = Symbol.for('pod-doctor.compact-pod');

/** The parts of a compact record: plain data, one class each so that V8 allocates them tight. */
class MetaFields {}
class SpecFields {}
class StatusFields {}
class ContainerFields {}

/** A compact record; its prototype carries the marker, so a record costs no more than its fields. */
class CompactPod implements Pod {
  constructor(
    readonly metadata: ObjectMeta,
    readonly spec: NonNullable<Pod['spec']>,
    readonly status: NonNullable<Pod['status']>,
  ) {}
}
Object.defineProperty(CompactPod.prototype, COMPACT, { value: true });

/** Whether a cached pod is a compact record: read the full pod from the API server before explaining it. */
export function isCompactPod(pod: Pod): boolean {
  return (pod as { [COMPACT]?: boolean })[COMPACT] === true;
}

/**
 * How many characters of shared sub-objects (as JSON) and strings one trimmer keeps at most, about
 * 8 MB: bounded whatever the cluster, even where no two pods share anything.
 */
const POOL_LIMIT_CHARS = 4_000_000;

/** Spec fields that pods of one workload usually have equal: shared between whole pods too. */
const SHARED_SPEC_FIELDS = [
  'containers',
  'initContainers',
  'volumes',
  'tolerations',
  'affinity',
  'securityContext',
  'topologySpreadConstraints',
  'imagePullSecrets',
  'readinessGates',
  'dnsConfig',
] as const;

/**
 * Trims pods for one cache. Its pool shares equal sub-objects between pods (frozen, so that no
 * reader can change another pod's labels through its own); the pool is bounded, so pods with
 * unique labels (StatefulSet pod names) cost memory only up to the bound.
 */
export class PodTrimmer {
  private readonly pool = new Map<string, unknown>();
  private poolChars = 0;

  /** The pod as the cache keeps it: compact when settled and healthy, else whole minus bookkeeping. */
  trim(pod: Pod): Pod {
    return isSettledHealthy(pod) ? this.compact(pod) : this.whole(pod);
  }

  /** Every field of the pod; equal labels, owner references and spec parts shared with other pods. */
  private whole(pod: Pod): Pod {
    const kept = withoutBookkeeping(pod);
    const metadata = kept.metadata && { ...kept.metadata };
    if (metadata?.labels) metadata.labels = this.share(metadata.labels);
    if (metadata?.ownerReferences) metadata.ownerReferences = this.share(metadata.ownerReferences);
    const spec: Record<string, unknown> | undefined = kept.spec && { ...kept.spec };
    if (spec) {
      for (const field of SHARED_SPEC_FIELDS)
        if (spec[field] !== undefined) spec[field] = this.share(spec[field]);
    }
    return { ...kept, ...(metadata ? { metadata } : {}), ...(spec ? { spec } : {}) };
  }

  private compact(pod: Pod): Pod {
    const m = pod.metadata ?? {};
    // Instances of one class each: V8 sizes them to the fields used, where `{}` leaves slack.
    const metadata = new MetaFields() as ObjectMeta;
    if (m.name !== undefined) metadata.name = m.name;
    if (m.namespace !== undefined) metadata.namespace = this.share(m.namespace);
    if (m.resourceVersion !== undefined) metadata.resourceVersion = m.resourceVersion;
    if (m.creationTimestamp !== undefined) metadata.creationTimestamp = m.creationTimestamp;
    if (m.labels !== undefined) metadata.labels = this.share(m.labels);
    if (m.ownerReferences !== undefined)
      metadata.ownerReferences = this.share(
        m.ownerReferences.map(({ apiVersion, kind, name, uid, controller }) => ({
          ...(apiVersion !== undefined ? { apiVersion } : {}),
          ...(kind !== undefined ? { kind } : {}),
          ...(name !== undefined ? { name } : {}),
          ...(uid !== undefined ? { uid } : {}),
          ...(controller !== undefined ? { controller } : {}),
        })),
      );
    const s = pod.spec ?? {};
    const spec = new SpecFields() as NonNullable<Pod['spec']>;
    if (s.nodeName !== undefined) spec.nodeName = this.share(s.nodeName);
    if (s.containers !== undefined) spec.containers = this.share(s.containers.map(containerSpec));
    if (s.initContainers !== undefined) spec.initContainers = this.share(s.initContainers.map(containerSpec));
    const st = pod.status ?? {};
    const status = new StatusFields() as NonNullable<Pod['status']>;
    if (st.phase !== undefined) status.phase = st.phase;
    if (st.conditions !== undefined) status.conditions = this.share(st.conditions.map(condition));
    if (st.initContainerStatuses !== undefined)
      status.initContainerStatuses = st.initContainerStatuses.map((c) => this.containerStatus(c));
    if (st.containerStatuses !== undefined)
      status.containerStatuses = st.containerStatuses.map((c) => this.containerStatus(c));
    return new CompactPod(metadata, spec, status);
  }

  /** Name, readiness, restarts and state: what the columns and the tooltip's container lines read. */
  private containerStatus(c: ContainerStatus): ContainerStatus {
    const out = new ContainerFields() as ContainerStatus;
    if (c.name !== undefined) out.name = this.share(c.name);
    if (c.ready !== undefined) out.ready = c.ready;
    if (c.started !== undefined) out.started = c.started;
    if (c.restartCount !== undefined) out.restartCount = c.restartCount;
    const state = c.state;
    if (state?.running) {
      out.state = {
        running: state.running.startedAt !== undefined ? { startedAt: state.running.startedAt } : {},
      };
    } else if (state?.terminated) {
      const { exitCode, signal, reason } = state.terminated;
      out.state = this.share({
        terminated: {
          ...(exitCode !== undefined ? { exitCode } : {}),
          ...(signal !== undefined ? { signal } : {}),
          ...(reason !== undefined ? { reason } : {}),
        },
      });
    } else if (state !== undefined) {
      out.state = this.share(state);
    }
    return out;
  }

  /** One frozen copy of equal values, while the pool has room. */
  private share<V>(value: V): V {
    if (typeof value === 'string') {
      const known = this.pool.get(value);
      if (typeof known === 'string') return known as V;
      if (this.poolChars + value.length <= POOL_LIMIT_CHARS) {
        this.pool.set(value, value);
        this.poolChars += value.length;
      }
      return value;
    }
    const key = `\u0000${JSON.stringify(value)}`;
    const known = this.pool.get(key);
    if (known !== undefined) return known as V;
    if (this.poolChars + key.length > POOL_LIMIT_CHARS) return value;
    // A copy: the pod the value came from (a watch event's) stays the caller's to change.
    const frozen = deepFreeze(structuredClone(value));
    this.pool.set(key, frozen);
    this.poolChars += key.length;
    return frozen;
  }
}

/** A container's name, restart policy (sidecars count in READY) and resources (usage in the tooltip). */
function containerSpec(c: ContainerSpec): ContainerSpec {
  const out: ContainerSpec = {};
  if (c.name !== undefined) out.name = c.name;
  if (c.restartPolicy !== undefined) out.restartPolicy = c.restartPolicy;
  if (c['resources'] !== undefined) out['resources'] = c['resources'];
  return out;
}

/** Type, status, reason and message: what the tooltip shows (transition times are not). */
function condition(c: PodCondition): PodCondition {
  const out: PodCondition = {};
  if (c.type !== undefined) out.type = c.type;
  if (c.status !== undefined) out.status = c.status;
  if (c.reason !== undefined) out.reason = c.reason;
  if (c.message !== undefined) out.message = c.message;
  return out;
}

function deepFreeze<V>(value: V): V {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * A pod that nothing can say more about than its row: no deletion, no status reason or message,
 * every container (and sidecar) running and ready, or every container completed with exit code 0;
 * nothing ever restarted or terminated before; every condition True. A pod that explaining would
 * give anything else than healthy or completed is never one of these.
 */
function isSettledHealthy(pod: Pod): boolean {
  const status = pod.status;
  if (!status || pod.metadata?.deletionTimestamp != null) return false;
  if (status.reason || status.message || status.nominatedNodeName) return false;
  if ((pod.spec?.ephemeralContainers ?? []).length > 0) return false;
  const specs = pod.spec?.containers ?? [];
  const statuses = status.containerStatuses ?? [];
  if (specs.length === 0 || statuses.length !== specs.length) return false;
  const inits = pod.spec?.initContainers ?? [];
  const initStatuses = status.initContainerStatuses ?? [];
  if (initStatuses.length !== inits.length) return false;
  const everyCondition = (ok: (c: PodCondition) => boolean) => (status.conditions ?? []).every(ok);
  const untroubled = (c: ContainerStatus) =>
    (c.restartCount ?? 0) === 0 &&
    c.lastState?.terminated === undefined &&
    c.lastState?.waiting === undefined;
  const completed = (c: ContainerStatus) =>
    untroubled(c) && c.state?.terminated?.exitCode === 0 && c.state.terminated.signal === undefined;
  const runningReady = (c: ContainerStatus) =>
    untroubled(c) && c.ready === true && c.state?.running !== undefined;
  const sidecars = new Set(inits.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const initsDone = initStatuses.every((c) => (sidecars.has(c.name) ? runningReady(c) : completed(c)));
  if (!initsDone) return false;
  if (status.phase === 'Running') {
    return statuses.every(runningReady) && everyCondition((c) => c.status === 'True');
  }
  if (status.phase === 'Succeeded') {
    return (
      statuses.every((c) => completed(c) && c.state?.terminated?.reason === 'Completed') &&
      everyCondition((c) => c.status === 'True' || c.reason === 'PodCompleted')
    );
  }
  return false;
}

/** The whole pod without `managedFields` and the last-applied annotation, which nothing reads. */
function withoutBookkeeping(pod: Pod): Pod {
  const metadata = pod.metadata as (ObjectMeta & { managedFields?: unknown }) | undefined;
  if (!metadata) return pod;
  const hasLastApplied = metadata.annotations?.[LAST_APPLIED] !== undefined;
  if (metadata.managedFields === undefined && !hasLastApplied) return pod;
  const { managedFields: _managed, ...rest } = metadata;
  if (hasLastApplied && rest.annotations) {
    const { [LAST_APPLIED]: _applied, ...annotations } = rest.annotations;
    rest.annotations = annotations;
  }
  return { ...pod, metadata: rest };
}
