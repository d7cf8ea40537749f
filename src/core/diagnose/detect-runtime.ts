import { jvmHeap } from '../jvm';
import { timeMillis, type ContainerStateTerminated } from '../k8s';
import { shortDuration } from '../text/duration';
import { effectiveProbe, type EffectiveProbe } from '../probes';
import type { ContainerInfo, DiagnoseContext } from './context';
import { containerEvents, logsOf, longRunning } from './context';
import type { Claimed } from './detect-startup';
import type { PodEvent } from './events';
import {
  cause,
  eventEvidence,
  explainingLogLine,
  sentence,
  isoOf,
  logTail,
  newest,
  quote,
  rankCauses,
  specEvidence,
  statusEvidence,
} from './evidence';
import { backoffFromMessage, exitCodeMeaning, restartBackoffSeconds, signalName } from './exit-codes';
import { cpuMillis, memoryBytes, shortBytes, suggestedMemory } from './memory';
import type { Cause, Diagnosis, Evidence, Fix, Severity } from './types';

const HOUR_MS = 3_600_000;

/** The run that ended last: the current state when terminated, else lastState. */
function lastRun(c: ContainerInfo): { t: ContainerStateTerminated; path: string } | undefined {
  const s = c.status;
  if (s?.state?.terminated) return { t: s.state.terminated, path: `${c.statusPath}.state.terminated` };
  if (s?.lastState?.terminated)
    return { t: s.lastState.terminated, path: `${c.statusPath}.lastState.terminated` };
  return undefined;
}

function runSeconds(t: ContainerStateTerminated): number | undefined {
  const start = timeMillis(t.startedAt);
  const end = timeMillis(t.finishedAt);
  return start !== undefined && end !== undefined ? (end - start) / 1000 : undefined;
}

function upper(label: string): string {
  return `${label[0]!.toUpperCase()}${label.slice(1)}`;
}

/** How bad a restart problem is now: looping → critical, failing → error, recovered → warning. */
function restartSeverity(c: ContainerInfo): Severity {
  if (c.status?.state?.waiting?.reason === 'CrashLoopBackOff') return 'critical';
  if (c.status?.state?.running && c.status.ready) return 'warning';
  return 'error';
}

/** Whether the last run ended long enough ago, with the container healthy since, that it is history. */
function isHistory(ctx: DiagnoseContext, c: ContainerInfo, t: ContainerStateTerminated): boolean {
  if (!c.status?.state?.running || !c.status.ready) return false;
  const finished = timeMillis(t.finishedAt);
  return finished !== undefined && ctx.nowMs - finished > HOUR_MS;
}

/** Evidence about where the kubelet's restart back-off stands. */
function backoffEvidence(
  ctx: DiagnoseContext,
  c: ContainerInfo,
  t: ContainerStateTerminated | undefined,
): { evidence: Evidence[]; text: string } {
  const waiting = c.status?.state?.waiting;
  const restarts = c.status?.restartCount ?? 0;
  const evidence: Evidence[] = [];
  if (waiting?.reason !== 'CrashLoopBackOff') return { evidence, text: '' };
  evidence.push(
    statusEvidence(`${c.statusPath}.state.waiting`, `CrashLoopBackOff: ${waiting.message ?? ''}`.trim()),
  );
  const backoff = backoffFromMessage(waiting.message) ?? restartBackoffSeconds(restarts);
  const finished = t ? timeMillis(t.finishedAt) : undefined;
  const remaining = finished === undefined ? undefined : finished / 1000 + backoff - ctx.nowMs / 1000;
  const event = newest(containerEvents(ctx, c, ['BackOff']), (e) =>
    /restarting failed container/i.test(e.message),
  );
  if (event) evidence.push(eventEvidence(event));
  const next =
    remaining === undefined
      ? `back-off ${shortDuration(backoff)}`
      : remaining > 0
        ? `next retry in ~${shortDuration(remaining)}`
        : 'retrying now';
  const capped = backoff >= 300 ? ' (back-off at its 5-minute maximum)' : '';
  return { evidence, text: ` Restart ${restarts}; ${next}${capped}.` };
}

function logEvidence(
  c: ContainerInfo,
  log: string | undefined,
  which: 'previous' | 'current',
  n = 8,
): Evidence[] {
  return logTail(log, n).map((line) => ({
    source: 'log' as const,
    text: line,
    path: `logs/${c.name}${which === 'previous' ? ' (previous)' : ''}`,
  }));
}

function memoryLimit(c: ContainerInfo): { text: string; bytes: number } | undefined {
  const value = (c.spec?.['resources'] as { limits?: Record<string, unknown> } | undefined)?.limits?.[
    'memory'
  ];
  const bytes = memoryBytes(value);
  return bytes === undefined ? undefined : { text: String(value), bytes };
}

function cpuLimitMillis(c: ContainerInfo): number | undefined {
  return cpuMillis(
    (c.spec?.['resources'] as { limits?: Record<string, unknown> } | undefined)?.limits?.['cpu'],
  );
}

/** The JVM heap cap of a container, with where it is set, as evidence paths name it. */
function jvmHeapOf(
  c: ContainerInfo,
  limitBytes: number | undefined,
): { bytes: number; text: string; path: string } | undefined {
  const heap = c.spec ? jvmHeap(c.spec, limitBytes) : undefined;
  if (!heap) return undefined;
  const where = heap.source.field === 'env' ? `env[${heap.source.name}]` : heap.source.field;
  return { bytes: heap.bytes, text: heap.flag, path: `${c.specPath}.${where}` };
}

function nodeSystemOom(ctx: DiagnoseContext): PodEvent | undefined {
  const node = ctx.pod.spec?.nodeName;
  if (!node) return undefined;
  const events = (ctx.input.events ?? []).filter(
    (e) => e.reason === 'SystemOOM' && (e.involvedObject ?? e.regarding)?.name === node,
  );
  const last = events.at(-1);
  return last
    ? {
        reason: 'SystemOOM',
        message: last.message ?? last.note ?? '',
        type: last.type ?? 'Warning',
        count: last.count ?? 1,
        timeMs: timeMillis(last.lastTimestamp ?? last.eventTime ?? undefined),
        firstMs: undefined,
        component: 'kubelet',
      }
    : undefined;
}

function oomKilled(ctx: DiagnoseContext, c: ContainerInfo, claimed: Claimed): Diagnosis | undefined {
  const run = lastRun(c);
  if (run?.t.reason !== 'OOMKilled') return undefined;
  claimed.add(c.name);
  const { t, path } = run;
  const limit = memoryLimit(c);
  const heap = jvmHeapOf(c, limit?.bytes);
  const restarts = c.status?.restartCount ?? 0;
  const evidence: Evidence[] = [
    statusEvidence(
      `${path}.reason`,
      `OOMKilled, exit code ${t.exitCode ?? 137}${t.finishedAt ? ` at ${isoOf(t.finishedAt)}` : ''}`,
      t.finishedAt,
    ),
  ];
  const back = backoffEvidence(ctx, c, t);
  evidence.push(...back.evidence);
  const limitPath = `${c.specPath}.resources.limits.memory`;
  evidence.push(
    limit
      ? specEvidence(limitPath, `limits.memory: ${limit.text} (${shortBytes(limit.bytes)})`)
      : specEvidence(`${c.specPath}.resources`, 'no memory limit'),
  );
  if (heap) evidence.push(specEvidence(heap.path, `JVM heap ${heap.text} (${shortBytes(heap.bytes)})`));
  const systemOom = nodeSystemOom(ctx);
  if (systemOom)
    evidence.push({
      source: 'node',
      text: `${systemOom.reason}: ${systemOom.message}`,
      path: `node ${ctx.pod.spec?.nodeName ?? ''}`,
    });
  evidence.push(...logEvidence(c, logsOf(ctx, c.name).previous, 'previous', 5));
  const causes: Cause[] = [];
  const fixes: Fix[] = [];
  if (!limit) {
    causes.push(
      cause(
        'The container has no memory limit, so it was killed by the node: the node ran out of memory because pods without limits overcommitted it.',
        'likely',
      ),
    );
    fixes.push({
      text: 'Set a memory request and limit so the scheduler reserves memory for it.',
      specPath: limitPath,
    });
  } else if (heap && heap.bytes >= limit.bytes) {
    causes.push(
      cause(
        `The JVM heap alone (${heap.text} = ${shortBytes(heap.bytes)}) is at least the container limit (${limit.text}); heap plus metaspace, threads and buffers cannot fit.`,
        'likely',
      ),
    );
    fixes.push({
      text: `Lower the heap to about 75% of the limit, or use -XX:MaxRAMPercentage=75 instead of -Xmx.`,
      specPath: heap.path,
    });
    fixes.push({
      text: `Or raise the memory limit so the heap is at most 75% of it.`,
      specPath: limitPath,
      value: suggestedMemory(heap.bytes, 1 / 0.75),
    });
  } else if (heap && heap.bytes > limit.bytes * 0.75) {
    causes.push(
      cause(
        `The JVM heap (${heap.text}) leaves less than 25% of the ${limit.text} limit for metaspace, thread stacks and direct buffers.`,
        'likely',
      ),
    );
    fixes.push({
      text: 'Give the JVM about 25% headroom above its heap.',
      specPath: limitPath,
      value: suggestedMemory(heap.bytes, 1 / 0.75),
    });
  } else {
    causes.push(
      cause(
        `The process needs more than its ${limit.text} limit under its real load (a memory leak, large requests, caches that grow without bound).`,
        'likely',
      ),
    );
    if (heap)
      causes.push(
        cause(
          'Off-heap memory of the JVM (direct buffers, native libraries) grows beyond the limit.',
          'possible',
        ),
      );
    fixes.push({
      text: `It used the whole ${limit.text} limit; raise the limit by 25% and watch its usage (kubectl top pod), or find the leak.`,
      specPath: limitPath,
      value: suggestedMemory(limit.bytes, 1.25),
    });
  }
  if (systemOom)
    causes.unshift(
      cause('The node itself ran out of memory (SystemOOM) and the kernel killed this container.', 'likely'),
    );
  const last = t.finishedAt ? ` (last at ${isoOf(t.finishedAt)})` : '';
  return {
    id: 'oom-killed',
    severity: restartSeverity(c),
    title: `${upper(c.label)} is killed for running out of memory (OOMKilled)`,
    summary: `${upper(c.label)} exceeded ${limit ? `its memory limit of ${limit.text}` : 'the memory available on the node'} and the kernel killed it (exit 137)${last}; it has restarted ${restarts} time${restarts === 1 ? '' : 's'}.${back.text}`,
    container: c.name,
    evidence,
    causes: rankCauses(causes),
    fixes,
  };
}

type ProbeFailureKind = 'refused' | 'timeout' | 'http-status' | 'exec' | 'other';

/** What a probe failure message says: refused connection, timeout, an HTTP status, an exec failure. */
export function classifyProbeMessage(message: string): { kind: ProbeFailureKind; status?: number } {
  const status = /statuscode: (\d{3})/.exec(message);
  if (status) return { kind: 'http-status', status: Number(status[1]) };
  if (/connection refused|no route to host|connection reset/.test(message)) return { kind: 'refused' };
  if (
    /context deadline exceeded|Client\.Timeout|timed out|timeout|i\/o timeout|did not complete within/i.test(
      message,
    )
  )
    return { kind: 'timeout' };
  if (/probe failed: /.test(message)) return { kind: 'exec' };
  return { kind: 'other' };
}

/** The application's own start time, from well-known log lines (`Started App in 14.5 seconds`). */
export function appStartSeconds(log: string | undefined): number | undefined {
  if (!log) return undefined;
  const m =
    /Started \S+ in ([\d.]+) seconds/.exec(log) ??
    /started in ([\d.]+)s/i.exec(log) ??
    /(?:server|application|app|service)\s+(?:started|ready|listening)[^\n]{0,60}?\bin ([\d.]+) ?(?:s|sec|seconds)\b/i.exec(
      log,
    );
  return m ? Number(m[1]) : undefined;
}

function probePort(probe: Record<string, unknown> | undefined): string | number | undefined {
  const handler = (probe?.['httpGet'] ?? probe?.['tcpSocket'] ?? probe?.['grpc']) as
    { port?: string | number } | undefined;
  return handler?.port;
}

function declaredPorts(c: ContainerInfo): Array<{ name?: string; containerPort?: number }> {
  return (c.spec?.['ports'] as Array<{ name?: string; containerPort?: number }> | undefined) ?? [];
}

function probeCauses(
  c: ContainerInfo,
  field: 'readinessProbe' | 'livenessProbe' | 'startupProbe',
  message: string,
  p: EffectiveProbe | undefined,
  startSeconds: number | undefined,
  starting = false,
): Cause[] {
  const out: Cause[] = [];
  const failure = classifyProbeMessage(message);
  const probe = c.spec?.[field] as Record<string, unknown> | undefined;
  const port = probePort(probe);
  const ports = declaredPorts(c);
  const portDeclared =
    port === undefined ||
    ports.length === 0 ||
    ports.some((d) => d.name === port || d.containerPort === port);
  switch (failure.kind) {
    case 'refused':
      if (!portDeclared)
        out.push(
          cause(
            `The probe checks port ${port} but the container declares ${ports.map((d) => d.containerPort).join(', ')}: nothing listens where the probe knocks.`,
            'likely',
          ),
        );
      if (startSeconds !== undefined && p && startSeconds > p.initialDelaySeconds) {
        starting = true;
        out.push(
          cause(
            `The app needs about ${startSeconds} s to start and the probe starts at ${p.initialDelaySeconds} s: early checks find no listener.`,
            'likely',
          ),
        );
      }
      out.push(
        cause(
          `Nothing listens on port ${port ?? 'the probed port'} inside the container: a wrong port, or the app binds only to 127.0.0.1 instead of 0.0.0.0.`,
          portDeclared && !starting ? 'likely' : 'possible',
        ),
      );
      break;
    case 'timeout':
      out.push(
        cause(`The endpoint does not answer within timeoutSeconds (${p?.timeoutSeconds ?? 1} s).`, 'likely'),
      );
      {
        const cpu = cpuLimitMillis(c);
        if (cpu !== undefined && cpu <= 500)
          out.push(cause(`The CPU limit (${cpu}m) throttles the app so it answers too slowly.`, 'likely'));
      }
      out.push(
        cause(
          'The health endpoint does real work (database queries, downstream calls) and is slow under load.',
          'possible',
        ),
      );
      break;
    case 'http-status':
      if (failure.status === 404)
        out.push(
          cause(
            `The probe path ${String((probe?.['httpGet'] as { path?: string } | undefined)?.path ?? '')} does not exist in the app (HTTP 404).`,
            'likely',
          ),
        );
      else if (failure.status !== undefined && failure.status >= 500)
        out.push(
          cause(
            `The app answers ${failure.status}: it reports itself unhealthy, often because a dependency it checks (database, cache) is down.`,
            'likely',
          ),
        );
      else if (failure.status === 401 || failure.status === 403)
        out.push(cause(`The health endpoint requires authentication (HTTP ${failure.status}).`, 'likely'));
      else out.push(cause(`The app answers HTTP ${failure.status ?? '?'}; probes need 200–399.`, 'likely'));
      break;
    case 'exec':
      out.push(
        cause(`The probe command fails: ${quote(message.replace(/^.*?probe failed: /, ''), 160)}`, 'likely'),
      );
      break;
    default:
      out.push(cause(`The kubelet reports: ${quote(message, 160)}`, 'likely'));
  }
  if (p && p.periodSeconds <= 2 && p.failureThreshold <= 1) {
    out.push(
      cause(
        `The probe runs every ${p.periodSeconds} s and fails after a single miss (failureThreshold 1): one slow reply is enough.`,
        'possible',
      ),
    );
  }
  return out;
}

function timingText(p: EffectiveProbe, kind: 'readiness' | 'liveness'): string {
  const deadline = p.initialDelaySeconds + p.periodSeconds * p.failureThreshold;
  return kind === 'liveness'
    ? `liveness ${p.description}: first check at ${p.initialDelaySeconds} s, every ${p.periodSeconds} s, timeout ${p.timeoutSeconds} s, killed after ${p.failureThreshold} failures (by ${deadline} s if it never answers)`
    : `readiness ${p.description}: first check at ${p.initialDelaySeconds} s, every ${p.periodSeconds} s, timeout ${p.timeoutSeconds} s, unready after ${p.failureThreshold} failures`;
}

function livenessRestarts(ctx: DiagnoseContext, c: ContainerInfo, claimed: Claimed): Diagnosis | undefined {
  const killing = newest(containerEvents(ctx, c, ['Killing']), (e) =>
    /failed (liveness|startup) probe/.test(e.message),
  );
  const restarts = c.status?.restartCount ?? 0;
  if (!killing || restarts === 0) return undefined;
  const run = lastRun(c);
  if (run && isHistory(ctx, c, run.t)) return undefined;
  claimed.add(c.name);
  const startup = /startup probe/.test(killing.message);
  const field = startup ? 'startupProbe' : 'livenessProbe';
  const unhealthy = newest(containerEvents(ctx, c, ['Unhealthy']), (e) =>
    new RegExp(`^${startup ? 'Startup' : 'Liveness'} probe (failed|errored)`).test(e.message),
  );
  const p = effectiveProbe(c.spec?.[field]);
  const evidence: Evidence[] = [eventEvidence(killing)];
  if (unhealthy) evidence.push(eventEvidence(unhealthy));
  if (run)
    evidence.push(
      statusEvidence(
        run.path,
        `exit code ${run.t.exitCode ?? '?'} (${run.t.reason ?? ''}): ${exitCodeMeaning(run.t.exitCode ?? 137)}`,
        run.t.finishedAt,
      ),
    );
  const back = backoffEvidence(ctx, c, run?.t);
  evidence.push(...back.evidence);
  if (p)
    evidence.push(
      specEvidence(
        `${c.specPath}.${field}`,
        timingText(p, 'liveness').replace(/^liveness/, startup ? 'startup' : 'liveness'),
      ),
    );
  const logs = logsOf(ctx, c.name);
  const startSeconds = appStartSeconds(logs.previous) ?? appStartSeconds(logs.current);
  const duration = run ? runSeconds(run.t) : undefined;
  const causes: Cause[] = [];
  const fixes: Fix[] = [];
  const hasStartupProbe = c.spec?.['startupProbe'] !== undefined;
  let starting = false;
  if (p) {
    const deadline = p.initialDelaySeconds + p.periodSeconds * p.failureThreshold;
    const killedWhileStarting =
      (startSeconds !== undefined && startSeconds > deadline - p.periodSeconds) ||
      (duration !== undefined &&
        duration <= deadline + p.periodSeconds + 5 &&
        startSeconds === undefined &&
        unhealthy !== undefined &&
        classifyProbeMessage(unhealthy.message).kind === 'refused');
    if (killedWhileStarting && !startup) {
      starting = true;
      causes.push(
        cause(
          `The probe kills the app before it has started: it is killed ${deadline} s after start at the latest${startSeconds !== undefined ? `, but it needs about ${startSeconds} s to start` : duration !== undefined ? `, and each run lasted only ${Math.round(duration)} s` : ''}.`,
          'likely',
        ),
      );
      const budget = Math.ceil(((startSeconds ?? deadline) * 2) / 10) * 10;
      if (!hasStartupProbe) {
        const live = (c.spec?.['livenessProbe'] ?? {}) as Record<string, unknown>;
        const handler = Object.fromEntries(
          ['httpGet', 'tcpSocket', 'grpc', 'exec']
            .filter((k) => live[k] !== undefined)
            .map((k) => [k, live[k]]),
        );
        fixes.push({
          text: `Add a startupProbe with the liveness check that allows ${budget} s to start; liveness only runs after it succeeds.`,
          specPath: `${c.specPath}.startupProbe`,
          value: JSON.stringify({ ...handler, periodSeconds: 10, failureThreshold: Math.ceil(budget / 10) }),
        });
      }
    }
  }
  if (unhealthy) causes.push(...probeCauses(c, field, unhealthy.message, p, startSeconds, starting));
  causes.push(
    cause(
      'The liveness check depends on something outside the container (database, downstream service): when that is slow, every replica is restarted.',
      'possible',
    ),
  );
  fixes.push({
    text: 'Make the liveness endpoint cheap and local (is the process alive?), and raise timeoutSeconds/failureThreshold if it is slow under load.',
    specPath: `${c.specPath}.${field}`,
  });
  return {
    id: 'liveness-restarts',
    severity: restartSeverity(c),
    title: `${upper(c.label)} is restarted by its failing ${startup ? 'startup' : 'liveness'} probe`,
    summary: `The kubelet killed ${c.label} because its ${startup ? 'startup' : 'liveness'} probe failed${unhealthy ? ` (${quote(unhealthy.message.replace(/^\w+ probe (failed|errored): /, ''), 120)})` : ''}; it has restarted ${restarts} time${restarts === 1 ? '' : 's'}${run?.t.exitCode !== undefined ? `, last exit ${run.t.exitCode} (${exitCodeMeaning(run.t.exitCode)})` : ''}.${back.text}`,
    container: c.name,
    evidence,
    causes: rankCauses(causes),
    fixes,
  };
}

function readinessFailing(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined {
  const running = c.status?.state?.running;
  if (!running) return undefined;
  const events = containerEvents(ctx, c, ['Unhealthy']).filter((e) =>
    /^Readiness probe (failed|errored)/.test(e.message),
  );
  const last = events.at(-1);
  if (!last) return undefined;
  const ready = c.status?.ready === true;
  const started = timeMillis(running.startedAt);
  // Failures from before the current run, or long ago while ready now, are history.
  if (started !== undefined && last.timeMs !== undefined && last.timeMs < started) return undefined;
  if (ready && (last.timeMs === undefined || ctx.nowMs - last.timeMs > 10 * 60_000)) return undefined;
  const p = effectiveProbe(c.spec?.['readinessProbe']);
  const logs = logsOf(ctx, c.name);
  const startSeconds = appStartSeconds(logs.current);
  // Failures only while the app was starting, followed by Ready, are normal start-up unless the
  // log shows the app starts later than the probe begins.
  const readySince = timeMillis(
    ctx.pod.status?.conditions?.find((x) => x.type === 'ContainersReady' && x.status === 'True')
      ?.lastTransitionTime,
  );
  const startupOnly =
    ready &&
    readySince !== undefined &&
    started !== undefined &&
    last.timeMs !== undefined &&
    last.timeMs <= readySince &&
    readySince - started <= 5 * 60_000;
  if (
    startupOnly &&
    !(startSeconds !== undefined && p !== undefined && startSeconds > p.initialDelaySeconds)
  ) {
    return undefined;
  }
  const evidence: Evidence[] = [
    statusEvidence(
      `${c.statusPath}.ready`,
      `ready: ${ready}, running since ${isoOf(running.startedAt) ?? '?'}`,
    ),
    eventEvidence(last),
  ];
  const readyCondition = ctx.pod.status?.conditions?.find((x) => x.type === 'Ready');
  if (readyCondition && readyCondition.status !== 'True')
    evidence.push(
      statusEvidence(
        'status.conditions[Ready]',
        `Ready=${readyCondition.status ?? ''}${readyCondition.reason ? `, reason ${readyCondition.reason}` : ''}${readyCondition.message ? `: ${readyCondition.message}` : ''}`,
        readyCondition.lastTransitionTime,
      ),
    );
  if (p) evidence.push(specEvidence(`${c.specPath}.readinessProbe`, timingText(p, 'readiness')));
  const cpu = cpuLimitMillis(c);
  if (cpu !== undefined)
    evidence.push(specEvidence(`${c.specPath}.resources.limits.cpu`, `limits.cpu: ${cpu}m`));
  if (startSeconds !== undefined)
    evidence.push({
      source: 'log',
      text: `the app reports it started after ${startSeconds} s`,
      path: `logs/${c.name}`,
    });
  const causes = probeCauses(c, 'readinessProbe', last.message, p, startSeconds);
  const fixes: Fix[] = [];
  const failure = classifyProbeMessage(last.message);
  const slowStart = startSeconds !== undefined && p !== undefined && startSeconds > p.initialDelaySeconds;
  if (slowStart) {
    fixes.push({
      text: `Start probing once the app is up (it needs ~${startSeconds} s).`,
      specPath: `${c.specPath}.readinessProbe.initialDelaySeconds`,
      value: String(Math.ceil(startSeconds)),
    });
  }
  if (failure.kind === 'refused' && !slowStart)
    fixes.push({
      text: 'Point the probe at the port the app listens on (and make the app listen on 0.0.0.0).',
      specPath: `${c.specPath}.readinessProbe`,
    });
  if (failure.kind === 'http-status' && failure.status === 404)
    fixes.push({
      text: 'Use the health path the app serves.',
      specPath: `${c.specPath}.readinessProbe.httpGet.path`,
    });
  if (failure.kind === 'timeout') {
    fixes.push({
      text: 'Allow slower answers.',
      specPath: `${c.specPath}.readinessProbe.timeoutSeconds`,
      value: String(Math.max(3, (p?.timeoutSeconds ?? 1) * 3)),
    });
    if (cpu !== undefined && cpu <= 500)
      fixes.push({
        text: 'Give the container more CPU so it is not throttled.',
        specPath: `${c.specPath}.resources.limits.cpu`,
        value: `${Math.max(500, cpu * 2)}m`,
      });
  }
  if (p && p.periodSeconds <= 2 && p.failureThreshold <= 1)
    fixes.push({
      text: 'Tolerate a slow reply.',
      specPath: `${c.specPath}.readinessProbe.failureThreshold`,
      value: '3',
    });
  fixes.push({
    text: `Check the endpoint from inside the pod: kubectl exec ${ctx.name} -c ${c.name} -- wget -qO- http://localhost:${String(probePort(c.spec?.['readinessProbe'] as Record<string, unknown> | undefined) ?? 'PORT')}${String(((c.spec?.['readinessProbe'] as Record<string, unknown> | undefined)?.['httpGet'] as { path?: string } | undefined)?.path ?? '/')}`,
  });
  return {
    id: 'readiness-failing',
    severity: ready ? 'warning' : 'error',
    title: ready
      ? `The readiness probe of ${c.label} fails intermittently`
      : `${upper(c.label)} is running but not ready: its readiness probe fails`,
    summary: `${ready ? 'The readiness probe failed recently' : 'The container runs, but the Service sends it no traffic because its readiness probe fails'}: ${quote(last.message.replace(/^Readiness probe (failed|errored): /, ''), 160)}${last.count > 1 ? ` (${last.count} times)` : ''}.`,
    container: c.name,
    evidence,
    causes: rankCauses(causes),
    fixes,
  };
}

const SHELL_IMAGES =
  /^(?:[^/]+\/)*(busybox|alpine|ubuntu|debian|centos|fedora|rockylinux|almalinux|amazonlinux|archlinux|opensuse\/leap)(?::|@|$)/;

/** Causes of an exit with code 0 under restartPolicy Always: nothing stays in the foreground. */
function zeroExitCauses(c: ContainerInfo): { causes: Cause[]; fixes: Fix[] } {
  const command = [
    ...((c.spec?.['command'] as unknown[] | undefined) ?? []),
    ...((c.spec?.['args'] as unknown[] | undefined) ?? []),
  ]
    .map(String)
    .join(' ');
  const image = typeof c.spec?.image === 'string' ? c.spec.image : '';
  const causes: Cause[] = [];
  if (
    /&\s*$|&\s*(;|\n)|\bnohup\b|\bservice \S+ start\b|\bstartup\.sh\b|\s-d\b|--daemon|\bdaemonize\b/.test(
      command,
    )
  ) {
    causes.push(
      cause(
        `The command starts its work in the background and returns (${quote(command, 100)}): PID 1 exits, so the container stops.`,
        'likely',
      ),
    );
  }
  if (command === '' && SHELL_IMAGES.test(image)) {
    causes.push(
      cause(
        `The image ${image} runs a shell by default, which exits at once without a terminal: the container has no command.`,
        'likely',
      ),
    );
  }
  causes.push(
    cause(
      'The program does a finite job and exits: it should run as a Job, not under a controller that restarts it.',
      causes.length === 0 ? 'likely' : 'possible',
    ),
  );
  return {
    causes,
    fixes: [
      {
        text: 'Run the main process in the foreground (exec it as PID 1, no "&", no "service … start").',
        specPath: `${c.specPath}.command`,
      },
      { text: 'If the work is meant to finish, use a Job (restartPolicy: OnFailure) instead.' },
    ],
  };
}

const LOG_CAUSES: ReadonlyArray<[RegExp, string]> = [
  [
    /exec format error/i,
    'The binary is built for another CPU architecture than the node (e.g. amd64 image on an arm64 node).',
  ],
  [
    /address already in use|EADDRINUSE/i,
    'The port it binds is already taken (two processes, or hostNetwork clashing with something on the node).',
  ],
  [
    /Cannot find module|ModuleNotFoundError|ImportError|ClassNotFoundException|NoClassDefFoundError/,
    'A module or class is missing from the image (a build or packaging mistake).',
  ],
  [
    /no such file or directory|FileNotFoundException|ENOENT/i,
    'A file it needs is missing: a config file that should come from a ConfigMap or volume, or a wrong path.',
  ],
  [
    /permission denied|EACCES|Operation not permitted/i,
    'It lacks permission for a file or port (running as non-root, read-only root filesystem, or a port below 1024).',
  ],
  [
    /connection refused|ECONNREFUSED|could not connect|Connection timed out|no such host|getaddrinfo|UnknownHostException/i,
    'A dependency it connects to at startup (database, cache, API) is not reachable and it exits instead of retrying.',
  ],
  [
    /environment variable|env var|is not set|must be set|missing required/i,
    'A required setting (environment variable, flag) is missing.',
  ],
  [
    /OutOfMemoryError|out of memory|Cannot allocate memory/i,
    'It runs out of memory inside its own heap (raise -Xmx / the limit).',
  ],
  [
    /panic:|goroutine \d+ \[running\]|Traceback \(most recent call last\)|Exception in thread "main"|Unhandled exception|UnhandledPromiseRejection/,
    'The application crashes with an unhandled error at startup (see the log lines).',
  ],
];

function logCauses(log: string | undefined): Cause[] {
  if (!log) return [];
  return LOG_CAUSES.filter(([re]) => re.test(log)).map(([, text]) => cause(text, 'likely'));
}

function sigkillCauses(ctx: DiagnoseContext): Cause[] {
  const out: Cause[] = [];
  if (ctx.pod.metadata?.deletionTimestamp)
    out.push(
      cause(
        'The pod is being deleted and the process did not exit on SIGTERM within the grace period, so it was killed.',
        'likely',
      ),
    );
  if (ctx.events.some((e) => e.reason === 'Preempting' || e.reason === 'Preempted' || e.reason === 'Evicted'))
    out.push(cause('The pod was evicted or preempted.', 'likely'));
  if (nodeSystemOom(ctx))
    out.push(cause('The node ran out of memory (SystemOOM) and the kernel killed the process.', 'likely'));
  out.push(
    cause(
      "Something sent SIGKILL outside the kubelet's probes: the kernel OOM killer for a child process, or a manual kill; check `kubectl get events` and the node's kernel log (dmesg).",
      out.length === 0 ? 'likely' : 'possible',
    ),
  );
  return out;
}

function crashLoop(ctx: DiagnoseContext, c: ContainerInfo, claimed: Claimed): Diagnosis | undefined {
  if (claimed.has(c.name)) return undefined;
  const run = lastRun(c);
  const waiting = c.status?.state?.waiting;
  if (!run) return undefined;
  const code = run.t.exitCode ?? 0;
  const restarts = c.status?.restartCount ?? 0;
  const looping = waiting?.reason === 'CrashLoopBackOff';
  if (!looping && code === 0 && (ctx.restartPolicy !== 'Always' || c.role === 'ephemeral')) return undefined;
  if (!looping && restarts === 0 && !c.status?.state?.terminated) return undefined;
  if (isHistory(ctx, c, run.t)) return undefined;
  // A main container that ended while the pod is being deleted is just shutting down.
  if (!looping && ctx.pod.metadata?.deletionTimestamp && (code === 143 || code === 137 || code === 0))
    return undefined;
  claimed.add(c.name);
  const logs = logsOf(ctx, c.name);
  const log = c.status?.state?.terminated ? (logs.current ?? logs.previous) : (logs.previous ?? logs.current);
  const meaning = exitCodeMeaning(code, ctx.restartPolicy);
  const evidence: Evidence[] = [
    statusEvidence(
      `${run.path}.exitCode`,
      `exit code ${code}${run.t.signal ? ` (signal ${run.t.signal})` : ''}, reason ${run.t.reason ?? 'Error'}: ${meaning}${runSeconds(run.t) !== undefined ? `, after running ${shortDuration(runSeconds(run.t)!)}` : ''}`,
      run.t.finishedAt,
    ),
  ];
  if (run.t.message) evidence.push(statusEvidence(`${run.path}.message`, quote(run.t.message, 300)));
  const back = backoffEvidence(ctx, c, run.t);
  evidence.push(...back.evidence);
  evidence.push(...logEvidence(c, log, c.status?.state?.terminated ? 'current' : 'previous'));
  const command = [
    ...((c.spec?.['command'] as unknown[] | undefined) ?? []),
    ...((c.spec?.['args'] as unknown[] | undefined) ?? []),
  ].map(String);
  if (command.length > 0) {
    const field = c.spec?.['command'] !== undefined ? 'command' : 'args';
    evidence.push(specEvidence(`${c.specPath}.${field}`, `command/args: ${JSON.stringify(command)}`));
  }
  let causes: Cause[] = [...logCauses(log)];
  let fixes: Fix[] = [];
  const line = explainingLogLine(log);
  if (code === 0 && ctx.restartPolicy === 'Always') {
    const z = zeroExitCauses(c);
    causes.push(...z.causes);
    fixes = z.fixes;
  } else if (code === 127) {
    causes.unshift(
      cause(
        `A command does not exist in the image${line ? ` (${quote(line, 120)})` : ''}: a typo, a tool missing from a slim image, or a script run by a shell that lacks it.`,
        'likely',
      ),
    );
    fixes.push({
      text: 'Use a command that exists in the image, or install it in the Dockerfile.',
      specPath: `${c.specPath}.command`,
    });
  } else if (code === 126) {
    causes.unshift(
      cause(
        'The command exists but cannot be executed: no execute bit, a directory, or a script for an interpreter the image lacks.',
        'likely',
      ),
    );
    fixes.push({
      text: 'chmod +x it in the image, or run it through its interpreter (["sh", "script.sh"]).',
      specPath: `${c.specPath}.command`,
    });
  } else if (code === 2) {
    causes.unshift(
      cause(
        'The program rejected its command line (unknown flag, missing argument) or a shell script has a syntax error.',
        'likely',
      ),
    );
    fixes.push({
      text: "Check the flags against the program's --help for this image version.",
      specPath: `${c.specPath}.args`,
    });
  } else if (code === 137) {
    causes.push(...sigkillCauses(ctx));
    fixes.push({
      text: 'Find who sent SIGKILL (events, node kernel log); if it is memory, raise the memory limit.',
      specPath: `${c.specPath}.resources.limits.memory`,
    });
  } else if (code === 143) {
    causes.push(
      cause(
        'Something asked the container to stop with SIGTERM (a kubelet kill after a failed probe or hook, a node drain, or a supervisor inside the container).',
        'likely',
      ),
    );
    fixes.push({ text: 'Check the events around the exit time for Killing or eviction entries.' });
  } else if (code === 139) {
    causes.push(
      cause(
        'The process crashed with a segmentation fault: a native library bug, or a binary built for a different libc (glibc binary on alpine/musl) or CPU.',
        'likely',
      ),
    );
    fixes.push({
      text: 'Run the same image locally with the same arguments; check that native dependencies match the base image.',
    });
  } else if (code === 134) {
    causes.push(
      cause('The process aborted itself (failed assertion, fatal runtime error, JVM/Node crash).', 'likely'),
    );
  } else if (code > 128 && code < 160) {
    causes.push(cause(`The process was killed by ${signalName(code - 128)}.`, 'likely'));
  } else {
    if (line) causes.push(cause(`The application reports: ${quote(line, 200)}`, 'likely'));
    causes.push(
      cause(
        "The application exits with an error at startup: read the previous run's log for the reason (configuration, a dependency, a bad argument).",
        line ? 'possible' : 'likely',
      ),
    );
    fixes.push({
      text: `Read the ${c.status?.state?.terminated ? 'container' : "crashed run's"} log: kubectl logs ${ctx.name} -c ${c.name}${c.status?.state?.terminated ? '' : ' --previous'} -n ${ctx.namespace}.`,
    });
  }
  causes = rankCauses(causes);
  const restartsText = restarts > 0 ? `, restarted ${restarts} time${restarts === 1 ? '' : 's'}` : '';
  const title = looping
    ? `${upper(c.label)} keeps crashing: exit code ${code} (${meaning})`
    : code === 0
      ? `${upper(c.label)} exits although it should keep running`
      : `${upper(c.label)} exited with code ${code} (${meaning})`;
  return {
    id: 'crash-loop',
    severity: looping ? 'critical' : restartSeverity(c) === 'warning' ? 'warning' : 'error',
    title,
    summary: `${upper(c.label)} exited with ${code} (${meaning})${restartsText}.${line ? ` Its log ends with: ${sentence(quote(line, 160))}` : ''}${back.text}`,
    container: c.name,
    evidence,
    causes,
    fixes,
  };
}

export function detectRuntime(ctx: DiagnoseContext, claimed: Claimed): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const c of longRunning(ctx)) {
    if (claimed.has(c.name)) continue;
    const d = oomKilled(ctx, c, claimed) ?? livenessRestarts(ctx, c, claimed);
    if (d) out.push(d);
  }
  for (const c of longRunning(ctx)) {
    const d = crashLoop(ctx, c, claimed);
    if (d) out.push(d);
  }
  for (const c of longRunning(ctx)) {
    if (claimed.has(c.name) && !c.status?.state?.running) continue;
    const d = readinessFailing(ctx, c);
    if (d) out.push(d);
  }
  return out;
}
