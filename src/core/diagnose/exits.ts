/** A container's last exit: what it means and why, shared by crash-loop and failed. */
import type { ContainerInfo, DiagnoseContext } from './context';
import { logsOf } from './context';
import { exitAdvice, logCauses } from './exit-advice';
import { explainingLogLine, quote, rankCauses, sentence, specEvidence, statusEvidence } from './evidence';
import { exitCodeMeaning } from './exit-codes';
import { shortDuration } from '../text/duration';
import { backoffEvidence, isHistory, lastRun, logEvidence, restartSeverity, runSeconds, upper } from './runs';
import type { Diagnosis, Evidence } from './types';

/**
 * The kubelet will not start this container again: the pod failed as a whole, or its restart
 * policy is Never and the container (not a sidecar, which always restarts) has terminated. A Job
 * whose pods use Never retries by creating new pods, so each of its pods fails once, not in a loop.
 */
export function restartsNoMore(ctx: DiagnoseContext, c: ContainerInfo): boolean {
  if (ctx.phase === 'Failed') return true;
  return ctx.restartPolicy === 'Never' && c.role === 'main' && Boolean(c.status?.state?.terminated);
}

/**
 * A container's last exit explained through the exit-code matrix: `crash-loop` while the kubelet
 * restarts it, `failed` once it never will (see `restartsNoMore`). Undefined when the exit is not a
 * problem (a clean exit under OnFailure/Never, a stop during deletion, a restart long ago).
 */
export function exitedRun(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined {
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
  const line = explainingLogLine(log);
  const advice = exitAdvice({ ctx, c, code, line, terminated: Boolean(c.status?.state?.terminated) });
  const fromLog = logCauses(log);
  const causes = rankCauses(
    advice.beforeLog ? [...advice.causes, ...fromLog] : [...fromLog, ...advice.causes],
  );
  const fixes = advice.fixes;
  const restartsText = restarts > 0 ? `, restarted ${restarts} time${restarts === 1 ? '' : 's'}` : '';
  const final = restartsNoMore(ctx, c);
  const title = looping
    ? `${upper(c.label)} keeps crashing: exit code ${code} (${meaning})`
    : code === 0 && !final
      ? `${upper(c.label)} exits although it should keep running`
      : `${upper(c.label)} exited with code ${code} (${meaning})`;
  return {
    id: final ? 'failed' : 'crash-loop',
    severity: looping ? 'critical' : restartSeverity(c) === 'warning' ? 'warning' : 'error',
    title,
    summary: `${upper(c.label)} exited with ${code} (${meaning})${restartsText}${final ? '; it will not be restarted' : ''}.${line ? ` Its log ends with: ${sentence(quote(line, 160))}` : ''}${final ? '' : back.text}`,
    container: c.name,
    evidence,
    causes,
    fixes,
  };
}
