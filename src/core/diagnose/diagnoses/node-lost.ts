/** node-lost: the pod's node stopped reporting (NodeLost, phase Unknown, node NotReady). */
import { timeMillis } from '../../k8s';
import type { DiagnoseContext } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { cause, eventEvidence, isoOf, newest, quote, statusEvidence } from '../evidence';
import { shortDuration } from '../../text/duration';
import type { Cause, Diagnosis, Evidence } from '../types';

function nodeLost(ctx: DiagnoseContext): Diagnosis[] {
  const status = ctx.pod.status ?? {};
  const node = ctx.input.node;
  const nodeName = ctx.pod.spec?.nodeName;
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  // A node NotReady only because its network plugin is down is the sandbox detector's case.
  const cniOnly =
    ready?.status === 'False' && /NetworkPluginNotReady|network plugin|cni/i.test(ready.message ?? '');
  const nodeDown = ready !== undefined && ready.status !== 'True' && !cniOnly;
  const lostReason = status.reason === 'NodeLost';
  const notReadyEvent = newest(ctx.events, (e) => e.reason === 'NodeNotReady');
  const podReady = status.conditions?.find((c) => c.type === 'Ready');
  const eventStillTrue =
    notReadyEvent !== undefined &&
    podReady?.status !== 'True' &&
    ctx.phase !== 'Succeeded' &&
    ctx.phase !== 'Failed';
  if (!lostReason && ctx.phase !== 'Unknown' && !nodeDown && !eventStillTrue) return [];
  const evidence: Evidence[] = [];
  if (lostReason) evidence.push(statusEvidence('status.reason', `NodeLost: ${status.message ?? ''}`.trim()));
  if (ctx.phase === 'Unknown') evidence.push(statusEvidence('status.phase', 'phase: Unknown'));
  if (ready) {
    const heartbeat = timeMillis(ready.lastHeartbeatTime);
    evidence.push({
      source: 'node',
      text: `node ${nodeName ?? ''} Ready=${ready.status ?? ''}${ready.reason ? ` (${ready.reason})` : ''}: ${ready.message ?? ''}${heartbeat !== undefined ? `; last heartbeat ${shortDuration((ctx.nowMs - heartbeat) / 1000)} ago` : ''}`,
      path: 'node.status.conditions[Ready]',
      ...(isoOf(ready.lastTransitionTime) ? { time: isoOf(ready.lastTransitionTime)! } : {}),
    });
  }
  for (const taint of node?.spec?.taints ?? []) {
    if (/node\.kubernetes\.io\/(unreachable|not-ready)/.test(taint.key ?? ''))
      evidence.push({
        source: 'node',
        text: `taint ${taint.key ?? ''}:${taint.effect ?? ''}`,
        path: 'node.spec.taints',
      });
  }
  if (notReadyEvent) evidence.push(eventEvidence(notReadyEvent));
  if (podReady && podReady.status !== 'True')
    evidence.push(
      statusEvidence(
        'status.conditions[Ready]',
        `Ready=${podReady.status ?? ''}${podReady.reason ? ` (${podReady.reason})` : ''}`,
        podReady.lastTransitionTime,
      ),
    );
  const stoppedPosting =
    /stopped posting node status/i.test(ready?.message ?? '') || ready?.status === 'Unknown';
  const causes: Cause[] = [
    cause(
      stoppedPosting || lostReason || ctx.phase === 'Unknown'
        ? 'The kubelet on the node stopped reporting: the node is down, the kubelet crashed, or a network partition cuts it off from the API server.'
        : `The node is NotReady: ${quote(ready?.message ?? 'the kubelet reports a problem', 160)}`,
      'likely',
    ),
    cause(
      'The node was deleted or reclaimed (spot/preemptible instance) and its pods were not cleaned up yet.',
      'possible',
    ),
  ];
  return [
    {
      id: 'node-lost',
      severity: 'critical',
      title: `The pod's node ${nodeName ?? ''} is not reporting`.replace('  ', ' '),
      summary: `The pod's state is unknown because node ${nodeName ?? '(unknown)'} is ${ready?.status === 'False' ? 'NotReady' : 'unreachable'}; after the eviction timeout (5 min by default) its controller recreates the pod elsewhere. StatefulSet pods wait until the node is confirmed gone.`,
      evidence,
      causes,
      fixes: [
        {
          text: `Check the node: kubectl describe node ${nodeName ?? 'NODE'}; on it, systemctl status kubelet and its journal.`,
        },
        {
          text: 'If the node is gone for good, delete the Node object so its pods are cleaned up and rescheduled.',
        },
      ],
    },
  ];
}

export const nodeLostDiagnosis: DiagnosisDeclaration = {
  id: 'node-lost',
  severity: 'critical',
  title: "The pod's node is not reporting",
  scope: 'pod',
  detect: nodeLost,
};
