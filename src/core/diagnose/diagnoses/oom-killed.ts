/** oom-killed: the kernel killed a container for exceeding its memory limit (or the node ran out). */
import { jvmHeap } from '../../jvm';
import { timeMillis } from '../../k8s';
import { shortDuration } from '../../text/duration';
import type { ContainerInfo, DiagnoseContext } from '../context';
import { logsOf } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { cause, isoOf, rankCauses, specEvidence, statusEvidence } from '../evidence';
import { shortBytes, suggestedMemory } from '../memory';
import {
  backoffEvidence,
  isHistory,
  lastRun,
  logEvidence,
  memoryLimit,
  nodeSystemOom,
  restartSeverity,
  upper,
} from '../runs';
import type { Cause, Diagnosis, Evidence, Fix } from '../types';

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

/**
 * The run the kernel killed for memory: the last one, or the one before it when the last ended
 * without a real exit (ContainerStatusUnknown: the pod was evicted or its node lost meanwhile).
 */
function oomRun(c: ContainerInfo): ReturnType<typeof lastRun> {
  const run = lastRun(c);
  if (run?.t.reason === 'OOMKilled') return run;
  const previous = c.status?.lastState?.terminated;
  if (run?.t.reason === 'ContainerStatusUnknown' && previous?.reason === 'OOMKilled')
    return { t: previous, path: `${c.statusPath}.lastState.terminated` };
  return undefined;
}

function oomKilled(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined {
  const run = oomRun(c);
  if (!run) return undefined;
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

/** An OOM kill long ago, in a container running and ready since: history, not the pod's state. */
function isPast(ctx: DiagnoseContext, c: ContainerInfo): boolean {
  const run = oomRun(c);
  return run !== undefined && isHistory(ctx, c, run.t);
}

export const oomKilledDiagnosis: DiagnosisDeclaration = {
  id: 'oom-killed',
  severity: 'critical',
  title: 'A container is killed for running out of memory',
  scope: 'container',
  containers: 'long-running',
  // Also under an eviction: a container OOM-killed at its own limit is a problem of its own.
  skipsClaimed: false,
  claims: 'container',
  detect: (ctx, c) => (isPast(ctx, c) ? undefined : oomKilled(ctx, c)),
};

/**
 * The same OOM kill when it is history: an info below the pod's present state (healthy), so a pod
 * that has run well for days is not counted as unhealthy, yet the old kill stays visible.
 */
export const pastOomKilledDiagnosis: DiagnosisDeclaration = {
  id: 'oom-killed',
  severity: 'info',
  title: 'A container was killed for running out of memory, long ago',
  scope: 'container',
  containers: 'long-running',
  skipsClaimed: false,
  detect: (ctx, c) => {
    const d = isPast(ctx, c) ? oomKilled(ctx, c) : undefined;
    const finished = timeMillis(oomRun(c)?.t.finishedAt);
    if (!d || finished === undefined) return undefined;
    return {
      ...d,
      severity: 'info',
      title: `${upper(c.label)} was killed for running out of memory ${shortDuration((ctx.nowMs - finished) / 1000)} ago`,
    };
  },
};
