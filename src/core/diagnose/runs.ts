/** What a container's runs say: its last exit, how bad its restarts are, the back-off, log tails, limits. */
import { timeMillis, type ContainerStateTerminated } from '../k8s';
import type { ContainerInfo, DiagnoseContext } from './context';
import { containerEvents } from './context';
import type { PodEvent } from './events';
import { eventEvidence, logTail, newest, statusEvidence } from './evidence';
import { backoffFromMessage, restartBackoffSeconds } from './exit-codes';
import { shortDuration } from '../text/duration';
import { cpuMillis, memoryBytes } from './memory';
import type { Evidence, Severity } from './types';

const HOUR_MS = 3_600_000;

/** The run that ended last: the current state when terminated, else lastState. */
export function lastRun(c: ContainerInfo): { t: ContainerStateTerminated; path: string } | undefined {
  const s = c.status;
  if (s?.state?.terminated) return { t: s.state.terminated, path: `${c.statusPath}.state.terminated` };
  if (s?.lastState?.terminated)
    return { t: s.lastState.terminated, path: `${c.statusPath}.lastState.terminated` };
  return undefined;
}

export function runSeconds(t: ContainerStateTerminated): number | undefined {
  const start = timeMillis(t.startedAt);
  const end = timeMillis(t.finishedAt);
  return start !== undefined && end !== undefined ? (end - start) / 1000 : undefined;
}

export function upper(label: string): string {
  return `${label[0]!.toUpperCase()}${label.slice(1)}`;
}

/** How bad a restart problem is now: looping → critical, failing → error, recovered → warning. */
export function restartSeverity(c: ContainerInfo): Severity {
  if (c.status?.state?.waiting?.reason === 'CrashLoopBackOff') return 'critical';
  if (c.status?.state?.running && c.status.ready) return 'warning';
  return 'error';
}

/** Whether the last run ended long enough ago, with the container healthy since, that it is history. */
export function isHistory(ctx: DiagnoseContext, c: ContainerInfo, t: ContainerStateTerminated): boolean {
  if (!c.status?.state?.running || !c.status.ready) return false;
  const finished = timeMillis(t.finishedAt);
  return finished !== undefined && ctx.nowMs - finished > HOUR_MS;
}

/** Evidence about where the kubelet's restart back-off stands. */
export function backoffEvidence(
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

export function logEvidence(
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

export function memoryLimit(c: ContainerInfo): { text: string; bytes: number } | undefined {
  const value = (c.spec?.['resources'] as { limits?: Record<string, unknown> } | undefined)?.limits?.[
    'memory'
  ];
  const bytes = memoryBytes(value);
  return bytes === undefined ? undefined : { text: String(value), bytes };
}

export function cpuLimitMillis(c: ContainerInfo): number | undefined {
  return cpuMillis(
    (c.spec?.['resources'] as { limits?: Record<string, unknown> } | undefined)?.limits?.['cpu'],
  );
}

export function nodeSystemOom(ctx: DiagnoseContext): PodEvent | undefined {
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

export function commandOf(c: ContainerInfo): string | undefined {
  const command = c.spec?.['command'];
  const args = c.spec?.['args'];
  const parts = [...(Array.isArray(command) ? command : []), ...(Array.isArray(args) ? args : [])].map(
    String,
  );
  return parts.length > 0 ? JSON.stringify(parts) : undefined;
}
