import { timeMillis, type KubeEvent, type ObjectReference, type Pod, type Time } from '../k8s';
import type { ContainerRoleName } from './types';

/** An event reduced to what diagnosis reads, whichever API group it came from. */
export interface PodEvent {
  reason: string;
  message: string;
  /** `Normal` or `Warning`. */
  type: string;
  /** How many times it happened (`count`, `series.count`), at least 1. */
  count: number;
  /** When it last happened, or undefined when the event carries no time at all. */
  timeMs: number | undefined;
  firstMs: number | undefined;
  /** The container named by `involvedObject.fieldPath`, if any. */
  container?: string;
  containerRole?: ContainerRoleName;
  component: string;
}

function regardingOf(event: KubeEvent): ObjectReference | undefined {
  return event.involvedObject ?? event.regarding;
}

/** The last time an event was observed: series → lastTimestamp → eventTime → firstTimestamp. */
function eventTimeMs(event: KubeEvent): number | undefined {
  const candidates: Array<Time | null | undefined> = [
    event.series?.lastObservedTime,
    event.lastTimestamp,
    event.deprecatedLastTimestamp,
    event.eventTime,
    event.firstTimestamp,
    event.deprecatedFirstTimestamp,
  ];
  for (const candidate of candidates) {
    const ms = timeMillis(candidate);
    if (ms !== undefined) return ms;
  }
  return undefined;
}

function firstTimeMs(event: KubeEvent): number | undefined {
  return (
    timeMillis(event.firstTimestamp) ??
    timeMillis(event.deprecatedFirstTimestamp) ??
    timeMillis(event.eventTime) ??
    eventTimeMs(event)
  );
}

/** `spec.containers{app}` → app (main); `spec.initContainers{init-db}` → init-db (init). */
export function containerOfFieldPath(
  fieldPath: string | undefined,
): { name: string; role: ContainerRoleName } | undefined {
  if (!fieldPath) return undefined;
  const match = /^spec\.(containers|initContainers|ephemeralContainers)\{([^}]+)\}/.exec(fieldPath);
  if (!match) return undefined;
  const role: ContainerRoleName =
    match[1] === 'initContainers' ? 'init' : match[1] === 'ephemeralContainers' ? 'ephemeral' : 'main';
  return { name: match[2]!, role };
}

/** Whether an event is about the given object: by uid when both have one, else by kind/namespace/name. */
function eventConcerns(
  event: KubeEvent,
  target: {
    kind: string;
    namespace?: string | undefined;
    name?: string | undefined;
    uid?: string | undefined;
  },
): boolean {
  const ref = regardingOf(event);
  if (!ref) return false;
  if (ref.uid && target.uid) return ref.uid === target.uid;
  if (ref.kind && ref.kind !== target.kind) return false;
  const namespace = ref.namespace ?? event.metadata?.namespace;
  if (target.namespace !== undefined && namespace !== undefined && namespace !== target.namespace)
    return false;
  return ref.name !== undefined && ref.name === target.name;
}

function normalizeEvent(event: KubeEvent): PodEvent {
  const container = containerOfFieldPath(regardingOf(event)?.fieldPath);
  return {
    reason: event.reason ?? '',
    message: (event.message ?? event.note ?? '').trim(),
    type: event.type ?? 'Normal',
    count: Math.max(1, event.series?.count ?? event.count ?? event.deprecatedCount ?? 1),
    timeMs: eventTimeMs(event),
    firstMs: firstTimeMs(event),
    ...(container ? { container: container.name, containerRole: container.role } : {}),
    component:
      event.source?.component ?? event.reportingController ?? event.deprecatedSource?.component ?? '',
  };
}

/** Orders by last observation; events without any time keep their relative order at the start. */
function byTime(a: PodEvent, b: PodEvent): number {
  return (a.timeMs ?? -Infinity) - (b.timeMs ?? -Infinity);
}

/** The pod's own events, oldest first. */
export function podEvents(pod: Pod, events: readonly KubeEvent[] | undefined): PodEvent[] {
  if (!events) return [];
  const target = {
    kind: 'Pod',
    namespace: pod.metadata?.namespace,
    name: pod.metadata?.name,
    uid: pod.metadata?.uid,
  };
  return events
    .filter((e) => eventConcerns(e, target))
    .map(normalizeEvent)
    .sort(byTime);
}

/** Events of any of the owners (or all of them when the owners are not known), oldest first. */
export function ownerEventsOf(
  owners: readonly Record<string, unknown>[] | undefined,
  events: readonly KubeEvent[] | undefined,
): Array<PodEvent & { owner: string }> {
  if (!events) return [];
  const targets = (owners ?? []).map((o) => {
    const meta = (o['metadata'] ?? {}) as { name?: string; namespace?: string; uid?: string };
    return { kind: typeof o['kind'] === 'string' ? o['kind'] : '', ...meta };
  });
  const out: Array<PodEvent & { owner: string }> = [];
  for (const event of events) {
    const ref = regardingOf(event);
    if (targets.length > 0 && !targets.some((t) => eventConcerns(event, t))) continue;
    out.push({ ...normalizeEvent(event), owner: `${ref?.kind ?? 'owner'} ${ref?.name ?? ''}`.trim() });
  }
  return out.sort(byTime);
}

/** `"Back-off restarting failed container" ×12` style suffix. */
export function timesSuffix(count: number): string {
  return count > 1 ? ` (×${count})` : '';
}
