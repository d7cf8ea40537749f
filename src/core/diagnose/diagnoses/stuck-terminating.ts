/** stuck-terminating: the pod still exists past the end of its grace period. */
import { timeMillis } from '../../k8s';
import type { DiagnoseContext } from '../context';
import { longRunning } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { cause, isoOf, rankCauses, statusEvidence } from '../evidence';
import { shortDuration } from '../../text/duration';
import type { Cause, Diagnosis, Evidence, Fix } from '../types';

function stuckTerminating(ctx: DiagnoseContext): Diagnosis[] {
  const meta = ctx.pod.metadata ?? {};
  const deletion = timeMillis(meta.deletionTimestamp);
  if (deletion === undefined) return [];
  const overdue = (ctx.nowMs - deletion) / 1000;
  // deletionTimestamp is the end of the grace period; a little slack for the kubelet's last report.
  if (overdue < 30) return [];
  const evidence: Evidence[] = [
    statusEvidence(
      'metadata.deletionTimestamp',
      `deletionTimestamp ${isoOf(meta.deletionTimestamp) ?? ''} (grace period ${meta.deletionGracePeriodSeconds ?? ctx.pod.spec?.terminationGracePeriodSeconds ?? 30} s) — ${shortDuration(overdue)} overdue`,
    ),
  ];
  const causes: Cause[] = [];
  const fixes: Fix[] = [];
  const finalizers = meta.finalizers ?? [];
  if (finalizers.length > 0) {
    evidence.push(statusEvidence('metadata.finalizers', `finalizers: ${finalizers.join(', ')}`));
    causes.push(
      cause(
        `Finalizers ${finalizers.join(', ')} are still set: the controller that should remove them is not running or is failing.`,
        'likely',
      ),
    );
    fixes.push({
      text: `Fix or restart the controller that owns the finalizer; as a last resort remove it: kubectl patch pod ${ctx.name} -n ${ctx.namespace} --type=merge -p '{"metadata":{"finalizers":null}}'.`,
    });
  }
  const ready = ctx.input.node?.status?.conditions?.find((c) => c.type === 'Ready');
  if (
    (ready && ready.status !== 'True') ||
    ctx.pod.status?.reason === 'NodeLost' ||
    ctx.phase === 'Unknown'
  ) {
    if (ready)
      evidence.push({
        source: 'node',
        text: `node ${ctx.pod.spec?.nodeName ?? ''} Ready=${ready.status ?? ''}: ${ready.message ?? ''}`,
        path: 'node.status.conditions[Ready]',
      });
    causes.push(
      cause(
        'The node is unreachable, so no kubelet confirms that the containers stopped; the API server keeps the pod until it does.',
        'likely',
      ),
    );
    fixes.push({
      text: `If the node is really gone: kubectl delete pod ${ctx.name} -n ${ctx.namespace} --grace-period=0 --force (never for StatefulSet pods whose node may come back).`,
    });
  }
  // Exit 137 at the end of the grace period: the process ignored SIGTERM and was SIGKILLed.
  const killedAtGrace = longRunning(ctx).filter((c) => {
    const t = c.status?.state?.terminated;
    const finished = timeMillis(t?.finishedAt);
    return t?.exitCode === 137 && finished !== undefined && finished >= deletion - 5_000;
  });
  for (const c of killedAtGrace) {
    evidence.push(
      statusEvidence(
        `${c.statusPath}.state.terminated`,
        `${c.name} exited with 137 (SIGKILL) at ${isoOf(c.status?.state?.terminated?.finishedAt) ?? '?'}, when the grace period ran out`,
        c.status?.state?.terminated?.finishedAt,
      ),
    );
  }
  if (killedAtGrace.length > 0) {
    causes.push(
      cause(
        `${killedAtGrace.map((c) => `"${c.name}"`).join(', ')} ignored SIGTERM and ran until the kubelet killed it with SIGKILL at the end of the grace period.`,
        finalizers.length === 0 ? 'likely' : 'possible',
      ),
    );
    fixes.push({
      text: 'Handle SIGTERM in the application (or exec it as PID 1 instead of under sh -c) so it stops within terminationGracePeriodSeconds.',
      specPath: `${killedAtGrace[0]!.specPath}.command`,
    });
  }
  const stillRunning = longRunning(ctx).filter((c) => c.status?.state?.running);
  if (stillRunning.length > 0) {
    for (const c of stillRunning)
      evidence.push(
        statusEvidence(
          `${c.statusPath}.state.running`,
          `${c.name} still running since ${isoOf(c.status?.state?.running?.startedAt) ?? '?'}`,
        ),
      );
    causes.push(
      cause(
        'A process ignores SIGTERM and the kubelet has not yet killed it (or cannot: a hung container runtime, a volume that will not unmount).',
        finalizers.length === 0 ? 'likely' : 'possible',
      ),
    );
    fixes.push({
      text: 'Make PID 1 handle SIGTERM (exec the process instead of wrapping it in sh -c, or use tini/dumb-init); check the kubelet log on the node.',
    });
  }
  if (causes.length === 0) {
    causes.push(
      cause(
        'The kubelet has not confirmed the deletion yet (busy or failing to unmount volumes or to remove the sandbox).',
        'likely',
      ),
    );
    fixes.push({ text: 'Check the kubelet log on the node for errors about this pod.' });
  }
  return [
    {
      id: 'stuck-terminating',
      severity: 'error',
      title: `The pod is stuck Terminating for ${shortDuration(overdue)} past its grace period`,
      summary: `The pod was deleted but it still exists ${shortDuration(overdue)} after its grace period ended${finalizers.length > 0 ? `; finalizers ${finalizers.join(', ')} hold it` : ''}.`,
      evidence,
      causes: rankCauses(causes),
      fixes,
    },
  ];
}

export const stuckTerminatingDiagnosis: DiagnosisDeclaration = {
  id: 'stuck-terminating',
  severity: 'error',
  title: 'The pod is stuck Terminating',
  scope: 'pod',
  detect: stuckTerminating,
};
