import type { JsonObject, Path } from './manifest/types';
import { isObject } from './manifest/workloads';
import type { ContainerRef, PodTemplate } from './manifest/workloads';

export type ProbeField = 'livenessProbe' | 'readinessProbe' | 'startupProbe';
export type ProbeHandlerKind = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc';
export type ProbeTimingField =
  'initialDelaySeconds' | 'periodSeconds' | 'timeoutSeconds' | 'failureThreshold' | 'successThreshold';

export const PROBE_FIELDS: readonly ProbeField[] = ['startupProbe', 'livenessProbe', 'readinessProbe'];
export const HANDLER_KINDS: readonly ProbeHandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/** API server defaults (core/v1 SetDefaults_Probe): a zero or absent value becomes these. */
export const PROBE_DEFAULTS: Readonly<Record<ProbeTimingField, number>> = {
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  failureThreshold: 3,
  successThreshold: 1,
};

export interface EffectiveProbe {
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
  /** The probe-level grace period, only when the probe sets one. */
  readonly terminationGracePeriodSeconds?: number;
  /** The first handler declared, or undefined when the probe has none. */
  readonly handler: ProbeHandlerKind | undefined;
  /** Every handler declared (more than one is invalid). */
  readonly handlers: readonly ProbeHandlerKind[];
  /** `GET :8080/healthz`, `exec cat /tmp/ready`, `TCP :5432`, `gRPC :9090`, or `no handler`. */
  readonly description: string;
  /** Timing fields the manifest leaves to the API server's defaults. */
  readonly defaulted: readonly ProbeTimingField[];
}

/** A probe of a container the kubelet runs (main containers and sidecars). */
export interface ProbeRef {
  readonly container: ContainerRef;
  readonly field: ProbeField;
  readonly probe: JsonObject;
  readonly path: Path;
  readonly effective: EffectiveProbe;
}

/** The probe with the API server's defaults filled in; undefined when `probe` is not a mapping. */
export function effectiveProbe(probe: unknown): EffectiveProbe | undefined {
  if (!isObject(probe)) return undefined;
  return new Effective(probe);
}

/**
 * An effective probe. Every probe of every linted object gets one, and only messages and hovers
 * read its description: that is put together when first read.
 */
class Effective implements EffectiveProbe {
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
  // Declared, not initialized: the property exists only when the probe sets it.
  declare readonly terminationGracePeriodSeconds?: number;
  readonly handler: ProbeHandlerKind | undefined;
  readonly handlers: readonly ProbeHandlerKind[];
  readonly defaulted: readonly ProbeTimingField[];
  readonly #probe: JsonObject;
  #description: string | undefined;

  constructor(probe: JsonObject) {
    const defaulted: ProbeTimingField[] = [];
    this.initialDelaySeconds = timing(probe, 'initialDelaySeconds', defaulted);
    this.periodSeconds = timing(probe, 'periodSeconds', defaulted);
    this.timeoutSeconds = timing(probe, 'timeoutSeconds', defaulted);
    this.failureThreshold = timing(probe, 'failureThreshold', defaulted);
    this.successThreshold = timing(probe, 'successThreshold', defaulted);
    const grace = probe['terminationGracePeriodSeconds'];
    if (typeof grace === 'number') this.terminationGracePeriodSeconds = grace;
    this.handlers = declaredHandlers(probe);
    this.handler = this.handlers[0];
    this.defaulted = defaulted;
    this.#probe = probe;
  }

  get description(): string {
    this.#description ??=
      this.handler === undefined ? 'no handler' : describeHandler(this.handler, this.#probe[this.handler]);
    return this.#description;
  }
}

/** A timing field as set, or the API server's default (recorded in `defaulted`) for zero or absent. */
function timing(probe: JsonObject, field: ProbeTimingField, defaulted: ProbeTimingField[]): number {
  const value = probe[field];
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  defaulted.push(field);
  return PROBE_DEFAULTS[field];
}

export function declaredHandlers(probe: JsonObject): ProbeHandlerKind[] {
  const handlers: ProbeHandlerKind[] = [];
  for (const kind of HANDLER_KINDS) if (probe[kind] != null) handlers.push(kind);
  return handlers;
}

function describeHandler(kind: ProbeHandlerKind, action: unknown): string {
  const spec = isObject(action) ? action : {};
  const port = spec['port'] === undefined ? '' : String(spec['port']);
  switch (kind) {
    case 'httpGet': {
      const path = typeof spec['path'] === 'string' && spec['path'] !== '' ? spec['path'] : '/';
      const scheme =
        typeof spec['scheme'] === 'string' && spec['scheme'].toUpperCase() === 'HTTPS' ? 'HTTPS ' : '';
      return `${scheme}GET :${port}${path.startsWith('/') ? path : `/${path}`}`;
    }
    case 'tcpSocket':
      return `TCP :${port}`;
    case 'grpc':
      return typeof spec['service'] === 'string' && spec['service'] !== ''
        ? `gRPC :${port} (${spec['service']})`
        : `gRPC :${port}`;
    case 'exec': {
      const command = Array.isArray(spec['command']) ? spec['command'].map(String) : [];
      const words = command.map((word) => (/\s/.test(word) || word === '' ? JSON.stringify(word) : word));
      const text = `exec ${words.join(' ')}`.trimEnd();
      return text.length > 80 ? `${text.slice(0, 79)}…` : text;
    }
  }
}

/**
 * Seconds from container start by which the kubelet has killed a container whose probe never
 * succeeds: initialDelay + period × failureThreshold.
 *
 * Kubelet semantics (pkg/kubelet/prober/worker.go): each probe worker ticks every period from
 * when it was created, not from container start, and skips ticks while the container has run
 * for less than initialDelaySeconds. The first real check therefore lands in
 * [initialDelay, initialDelay + period), the failureThreshold-th consecutive failure
 * (failureThreshold − 1) periods later, and only then is the container killed. So the kill comes
 * between initialDelay + (failureThreshold − 1) × period and this deadline (each check may also
 * spend up to timeoutSeconds before it counts as failed). Worked example: initialDelay 10,
 * period 10, failureThreshold 3 → checks at 10–20, 20–30, 30–40 s → killed by 40 s, at the
 * earliest at 30 s. This matches the Kubernetes documentation's "failureThreshold × periodSeconds
 * to finish startup".
 */
export function killDeadlineSeconds(probe: unknown): number | undefined {
  const p = effectiveProbe(probe);
  return p === undefined ? undefined : p.initialDelaySeconds + p.periodSeconds * p.failureThreshold;
}

/** The earliest moment the same kill can happen: one period before the deadline (see above). */
export function earliestKillSeconds(probe: unknown): number | undefined {
  const p = effectiveProbe(probe);
  return p === undefined ? undefined : p.initialDelaySeconds + p.periodSeconds * (p.failureThreshold - 1);
}

export interface ProbeTimeline {
  readonly startup?: EffectiveProbe;
  readonly liveness?: EffectiveProbe;
  readonly readiness?: EffectiveProbe;
  /** Seconds after container start of each probe's first check (liveness and readiness wait for startup to succeed). */
  readonly firstStartupCheckSeconds?: number;
  readonly firstLivenessCheckSeconds?: number;
  readonly firstReadinessCheckSeconds?: number;
  /** Earliest moment the container can be Ready. */
  readonly readyFromSeconds: number;
  /** By when a container that never becomes healthy is killed (startup probe if any, else liveness). */
  readonly livenessKillsAfterSeconds?: number;
  /** How long the application is guaranteed to have to pass its first startup/liveness check. */
  readonly startupBudgetSeconds?: number;
  /** Once readiness checks start failing, the container is marked unready within this many seconds. */
  readonly markedUnreadyAfterSeconds?: number;
}

/** When a container's probes first run, when it can be Ready, and when it is killed if it never gets healthy. */
export function probeTimeline(container: unknown): ProbeTimeline {
  const c = isObject(container) ? container : {};
  const startup = effectiveProbe(c['startupProbe']);
  const liveness = effectiveProbe(c['livenessProbe']);
  const readiness = effectiveProbe(c['readinessProbe']);
  // Liveness and readiness are not run until the startup probe has succeeded once, and their
  // initialDelay still counts from container start.
  const startedAt = startup?.initialDelaySeconds ?? 0;
  const firstLiveness = liveness && Math.max(startedAt, liveness.initialDelaySeconds);
  const firstReadiness = readiness && Math.max(startedAt, readiness.initialDelaySeconds);
  const readyFrom =
    readiness && firstReadiness !== undefined
      ? firstReadiness + (readiness.successThreshold - 1) * readiness.periodSeconds
      : startedAt;
  const killer = startup ?? liveness;
  return {
    ...(startup ? { startup, firstStartupCheckSeconds: startup.initialDelaySeconds } : {}),
    ...(liveness && firstLiveness !== undefined
      ? { liveness, firstLivenessCheckSeconds: firstLiveness }
      : {}),
    ...(readiness && firstReadiness !== undefined
      ? {
          readiness,
          firstReadinessCheckSeconds: firstReadiness,
          markedUnreadyAfterSeconds: readiness.periodSeconds * readiness.failureThreshold,
        }
      : {}),
    readyFromSeconds: readyFrom,
    ...(killer
      ? {
          livenessKillsAfterSeconds:
            killer.initialDelaySeconds + killer.periodSeconds * killer.failureThreshold,
          startupBudgetSeconds:
            killer.initialDelaySeconds + killer.periodSeconds * (killer.failureThreshold - 1),
        }
      : {}),
  };
}

/** The timeline as short sentences for hovers and CodeLens. */
export function describeTimeline(t: ProbeTimeline): string[] {
  const lines: string[] = [];
  if (t.startup && t.firstStartupCheckSeconds !== undefined) {
    lines.push(
      `first startup check at ${t.firstStartupCheckSeconds} s, then every ${t.startup.periodSeconds} s`,
    );
  }
  if (t.liveness && t.firstLivenessCheckSeconds !== undefined) {
    lines.push(
      t.startup
        ? `first liveness check at ${t.firstLivenessCheckSeconds} s at the earliest, once the startup probe has succeeded`
        : `first liveness check at ${t.firstLivenessCheckSeconds} s, then every ${t.liveness.periodSeconds} s`,
    );
  }
  if (t.readiness && t.firstReadinessCheckSeconds !== undefined) {
    lines.push(`first readiness check at ${t.firstReadinessCheckSeconds} s`);
  }
  lines.push(`ready from ${t.readyFromSeconds} s at the earliest`);
  if (t.livenessKillsAfterSeconds !== undefined && t.startupBudgetSeconds !== undefined) {
    const by = t.startup ? 'startup probe' : 'liveness probe';
    lines.push(
      `killed after ${t.livenessKillsAfterSeconds} s if never healthy (by the ${by}; as early as ${t.startupBudgetSeconds} s, depending on when the probe's ticks fall)`,
    );
  } else {
    lines.push('never restarted by a probe: there is no liveness or startup probe');
  }
  if (t.markedUnreadyAfterSeconds !== undefined) {
    lines.push(`marked unready within ${t.markedUnreadyAfterSeconds} s once readiness checks start failing`);
  }
  return lines;
}

/**
 * Probes of the containers the kubelet probes: main containers and sidecars (init containers with
 * restartPolicy Always). Regular init and ephemeral containers may not have probes at all.
 */
export function templateProbes(template: PodTemplate): readonly ProbeRef[] {
  const refs: ProbeRef[] = [];
  for (const container of template.containers) {
    if (container.role !== 'main' && container.role !== 'sidecar') continue;
    for (const field of PROBE_FIELDS) {
      const probe = container.container[field];
      if (!isObject(probe)) continue;
      refs.push({
        container,
        field,
        probe,
        path: [...container.path, field],
        effective: new Effective(probe),
      });
    }
  }
  return refs;
}
