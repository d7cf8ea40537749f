import { timeMillis, type ContainerState } from '../k8s';
import type { DiagnoseContext } from './context';
import { isoTime } from './evidence';
import { timesSuffix } from './events';
import { exitCodeMeaning } from './exit-codes';
import type { TimelineEntry, TimelineSource } from './types';

interface Entry {
  ms: number;
  source: TimelineSource;
  text: string;
  severity?: 'warning' | 'normal';
}

function stateEntries(name: string, policy: string, state: ContainerState | undefined, out: Entry[]): void {
  const running = state?.running;
  const t = state?.terminated;
  const started = timeMillis(running?.startedAt ?? t?.startedAt);
  if (started !== undefined) out.push({ ms: started, source: 'status', text: `${name} started` });
  const finished = timeMillis(t?.finishedAt);
  if (t && finished !== undefined) {
    const code = t.exitCode ?? 0;
    out.push({
      ms: finished,
      source: 'status',
      text: `${name} exited with code ${code}${t.reason ? ` (${t.reason})` : ''}: ${exitCodeMeaning(code, policy)}`,
      severity: code === 0 ? 'normal' : 'warning',
    });
  }
}

/** Conditions, container state changes and events of the pod, oldest first, without repeats. */
export function buildTimeline(ctx: DiagnoseContext): TimelineEntry[] {
  const out: Entry[] = [];
  const created = timeMillis(ctx.pod.metadata?.creationTimestamp);
  if (created !== undefined) out.push({ ms: created, source: 'status', text: 'Pod created' });
  for (const c of ctx.pod.status?.conditions ?? []) {
    const ms = timeMillis(c.lastTransitionTime);
    if (ms === undefined) continue;
    const detail = [c.reason, c.message].filter(Boolean).join(': ');
    out.push({
      ms,
      source: 'status',
      text: `${c.type ?? '?'} is ${c.status ?? '?'}${detail ? ` (${detail})` : ''}`,
      severity: c.status === 'True' ? 'normal' : 'warning',
    });
  }
  for (const c of ctx.containers) {
    // Init containers are meant to exit; only long-running ones are judged by the restart policy.
    const policy = c.role === 'main' || c.role === 'sidecar' ? ctx.restartPolicy : 'Never';
    stateEntries(c.name, policy, c.status?.lastState, out);
    stateEntries(c.name, policy, c.status?.state, out);
  }
  for (const e of ctx.events) {
    if (e.timeMs === undefined) continue;
    out.push({
      ms: e.timeMs,
      source: 'event',
      text: `${e.reason}: ${e.message}${timesSuffix(e.count)}`,
      severity: e.type === 'Warning' ? 'warning' : 'normal',
    });
  }
  const node = ctx.input.node;
  for (const c of node?.status?.conditions ?? []) {
    const ms = timeMillis(c.lastTransitionTime);
    const bad = c.type === 'Ready' ? c.status !== 'True' : c.status === 'True';
    if (ms === undefined || !bad) continue;
    out.push({
      ms,
      source: 'node',
      text: `Node ${node?.metadata?.name ?? ''}: ${c.type ?? '?'} is ${c.status ?? '?'}${c.reason ? ` (${c.reason})` : ''}`,
      severity: 'warning',
    });
  }
  const deletion = timeMillis(ctx.pod.metadata?.deletionTimestamp);
  if (deletion !== undefined)
    out.push({
      ms: deletion,
      source: 'status',
      text: 'Grace period of the deletion ends (deletionTimestamp)',
      severity: 'warning',
    });
  const seen = new Set<string>();
  return out
    .sort((a, b) => a.ms - b.ms)
    .filter((e) => {
      const key = `${e.ms}|${e.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((e) => ({
      time: isoTime(e.ms)!,
      source: e.source,
      text: e.text,
      ...(e.severity ? { severity: e.severity } : {}),
    }));
}
