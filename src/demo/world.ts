import { containerIdFor, goDuration, iso, metaOf, uidFor } from './build';
import { LogBook, logKey, type LogLine } from './logs';
import type { Json } from './selectors';
import { Store } from './store';

/**
 * The demo cluster's moving parts: the store, the logs, a simulated clock and a queue of things
 * the kubelet and scheduler will do at given (simulated) times. Behaviours are written as
 * "at time t do x and schedule y", so the same code fast-forwards a pod's past at start-up and
 * plays its future while the server runs.
 */

export interface EventSeed {
  reason: string;
  message: string;
  type?: 'Normal' | 'Warning';
  /** `spec.containers{app}` when the event is about one container. */
  fieldPath?: string;
  /** `kubelet` (core/v1 event with count) or `default-scheduler` (events.k8s.io with series). */
  component?: string;
  host?: string;
  /** Extra occurrences before the first one the queue records, with the first one's age. */
  count?: number;
  firstMs?: number;
  /**
   * Set for client-go's event aggregation: past 10 similar events (same reason, other message) in
   * 10 minutes, one event keyed without its message carries the latest message and the count.
   */
  aggregate?: boolean;
}

interface Task {
  at: number;
  run: (at: number) => void;
}

/** Restart back-off of the kubelet: 10 s doubling per restart, capped at 5 minutes. */
export function crashBackoffSeconds(restartCount: number): number {
  return Math.min(10 * 2 ** restartCount, 300);
}

export class World {
  readonly store = new Store();
  readonly logs = new LogBook();
  private tasks: Task[] = [];
  private eventSerial = 0;
  private readonly eventIndex = new Map<string, string>();

  constructor(readonly now: () => number) {}

  schedule(at: number, run: (at: number) => void): void {
    this.tasks.push({ at, run });
  }

  /** Runs every task due by `until`, in time order (tasks may schedule more). */
  runUntil(until: number): void {
    for (;;) {
      let next = -1;
      for (let i = 0; i < this.tasks.length; i++) {
        const task = this.tasks[i];
        const best = next >= 0 ? this.tasks[next] : undefined;
        if (task && task.at <= until && (!best || task.at < best.at)) next = i;
      }
      if (next < 0) return;
      const [task] = this.tasks.splice(next, 1);
      task?.run(task.at);
    }
  }

  /** Repeats `run` every `everyMs` from `firstAt` on, for as long as `run` returns true. */
  every(firstAt: number, everyMs: number, run: (at: number) => boolean): void {
    const step = (at: number): void => {
      if (run(at)) this.schedule(at + everyMs, step);
    };
    this.schedule(firstAt, step);
  }

  pod(namespace: string, name: string): Json | undefined {
    return this.store.get('pods', namespace, name);
  }

  updatePod(namespace: string, name: string, mutate: (pod: Json) => void): Json | undefined {
    return this.store.update('pods', namespace, name, mutate);
  }

  /**
   * Records an event the way client-go's event correlator does: a repeat of the same reason and
   * message for the same object bumps `count` and `lastTimestamp` (kubelet, core/v1) or
   * `series` (scheduler, events.k8s.io/v1) instead of creating a new event.
   */
  recordEvent(object: Json, seed: EventSeed, atMs: number): void {
    const meta = metaOf(object);
    const namespace = String(meta.namespace ?? 'default');
    const component = seed.component ?? 'kubelet';
    const involved: Json = {
      kind: String(object.kind ?? 'Pod'),
      namespace,
      name: String(meta.name),
      uid: String(meta.uid),
      apiVersion: String(object.apiVersion ?? 'v1'),
      resourceVersion: String(meta.resourceVersion ?? ''),
      ...(seed.fieldPath ? { fieldPath: seed.fieldPath } : {}),
    };
    const correlationKey = [
      involved.uid,
      involved.fieldPath ?? '',
      seed.reason,
      seed.aggregate ? '' : seed.message,
    ].join('|');
    const existingName = this.eventIndex.get(correlationKey);
    const existing = existingName ? this.store.get('events', namespace, existingName) : undefined;
    const series = component !== 'kubelet' && !component.endsWith('-controller');
    if (existing) {
      this.store.update('events', namespace, String(metaOf(existing).name), (event) => {
        if (series) {
          const previous = (event.series as Json | undefined)?.count;
          event.series = {
            count: typeof previous === 'number' ? previous + 1 : 2,
            lastObservedTime: isoMicro(atMs),
          };
        } else {
          event.count = Number(event.count ?? 1) + 1;
          event.lastTimestamp = iso(atMs);
          event.message = seed.message;
        }
      });
      return;
    }
    this.eventSerial++;
    const name = `${String(meta.name)}.${eventNameSuffix(atMs, this.eventSerial)}`;
    const count = seed.count ?? 1;
    const first = seed.firstMs ?? atMs;
    const host = seed.host ?? String((object.spec as Json | undefined)?.nodeName ?? '');
    const event: Json = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: uidFor(`event:${name}`), creationTimestamp: iso(first) },
      involvedObject: involved,
      reason: seed.reason,
      message: seed.message,
      type: seed.type ?? 'Normal',
      source: component === 'kubelet' ? { component, host } : { component },
      reportingComponent: component,
      reportingInstance: component === 'kubelet' ? host : '',
    };
    if (series) {
      Object.assign(event, {
        firstTimestamp: null,
        lastTimestamp: null,
        eventTime: isoMicro(first),
        action: component === 'default-scheduler' ? 'Scheduling' : 'Binding',
        reportingInstance: `${component}-pd-control-plane`,
        ...(count > 1 ? { series: { count, lastObservedTime: isoMicro(atMs) } } : {}),
      });
    } else {
      Object.assign(event, { firstTimestamp: iso(first), lastTimestamp: iso(atMs), count, eventTime: null });
    }
    this.store.put('events', event);
    this.eventIndex.set(correlationKey, name);
  }

  /** Starts a new container instance's log, written line by line at the lines' own times. */
  startLog(pod: Json, container: string, containerId: string, lines: LogLine[], nowMs: number): void {
    const meta = metaOf(pod);
    const key = logKey(String(meta.namespace), String(meta.name), container);
    this.logs.startRun(
      key,
      containerId,
      lines.filter((l) => l.ms <= nowMs),
    );
    for (const line of lines.filter((l) => l.ms > nowMs)) {
      this.schedule(line.ms, () => this.logs.append(key, line));
    }
  }

  newContainerId(pod: Json, container: string, restart: number): string {
    return containerIdFor(`${String(metaOf(pod).uid)}/${container}/${restart}`);
  }
}

/** MicroTime, as events.k8s.io eventTime and series.lastObservedTime carry. */
export function isoMicro(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/** Event names are `<object>.<hex nanotime>`; this keeps them unique and time-ordered. */
function eventNameSuffix(atMs: number, serial: number): string {
  return (BigInt(Math.floor(atMs)) * 1_000_000n + BigInt(serial)).toString(16);
}

export function podRef(pod: Json): string {
  const meta = metaOf(pod);
  return `${String(meta.name)}_${String(meta.namespace)}(${String(meta.uid)})`;
}

export function crashLoopWaiting(pod: Json, container: string, restartCount: number): Json {
  return {
    waiting: {
      reason: 'CrashLoopBackOff',
      message: `back-off ${goDuration(crashBackoffSeconds(restartCount))} restarting failed container=${container} pod=${podRef(pod)}`,
    },
  };
}
