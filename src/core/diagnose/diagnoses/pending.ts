/** pending: the pod is on its normal way up (or down); a warning only when that takes too long. */
import { timeMillis } from '../../k8s';
import { effectiveProbe } from '../../probes';
import type { DiagnoseContext } from '../context';
import { longRunning } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { cause, eventEvidence, newest, rankCauses, specEvidence, statusEvidence } from '../evidence';
import { shortDuration } from '../../text/duration';
import type { Cause, Diagnosis, Evidence, Fix } from '../types';
import { onlyWarnings, runningAndReady } from '../found';

const MINUTE = 60_000;

/** A pod on its normal way up (or down): say what it is doing; warn only when it takes too long. */
function pending(ctx: DiagnoseContext): Diagnosis {
  const evidence: Evidence[] = [
    statusEvidence('status.phase', `phase: ${ctx.phase}, STATUS ${ctx.row.status}`),
  ];
  let summary: string;
  // When the current step began, how long it may normally take, and what to suspect beyond that.
  let since: number | undefined;
  let normalMs = Infinity;
  let slow: { causes: Cause[]; fixes: Fix[] } = { causes: [], fixes: [] };
  const created = timeMillis(ctx.pod.metadata?.creationTimestamp);
  const deletion = timeMillis(ctx.pod.metadata?.deletionTimestamp);
  const gate = ctx.pod.status?.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated',
  );
  const pulling = newest(ctx.events, (e) => e.reason === 'Pulling');
  const pulled =
    pulling &&
    ctx.events.some(
      (e) =>
        e.reason === 'Pulled' &&
        (e.timeMs ?? 0) >= (pulling.timeMs ?? 0) &&
        e.message.includes(pulling.message.replace(/^Pulling image /, '')),
    );
  const notReady = longRunning(ctx).filter((c) => c.status?.state?.running && !c.status.ready);
  if (deletion !== undefined) {
    summary = `The pod is shutting down; its grace period ends in ${shortDuration((deletion - ctx.nowMs) / 1000)}.`;
  } else if (gate) {
    const gates = ((ctx.pod.spec?.['schedulingGates'] as Array<{ name?: string }> | undefined) ?? []).map(
      (g) => g.name ?? '',
    );
    summary = `The scheduler waits for scheduling gates to be removed${gates.length > 0 ? `: ${gates.join(', ')}` : ''}.`;
    evidence.push(
      statusEvidence('status.conditions[PodScheduled]', `PodScheduled=False, reason SchedulingGated`),
    );
  } else if (!ctx.pod.spec?.nodeName) {
    summary = 'The pod waits for the scheduler to pick a node.';
    since = created;
    normalMs = 5 * MINUTE;
    slow = {
      causes: [
        cause(
          'No scheduler handles the pod: the default scheduler is down, or spec.schedulerName names one that is not running.',
          'likely',
        ),
      ],
      fixes: [
        {
          text: 'Check the scheduler pods in kube-system and spec.schedulerName.',
          specPath: 'spec.schedulerName',
        },
      ],
    };
    const schedulerName = ctx.pod.spec?.['schedulerName'];
    if (typeof schedulerName === 'string')
      evidence.push(specEvidence('spec.schedulerName', `schedulerName: ${schedulerName}`));
  } else if (pulling && !pulled) {
    since = pulling.firstMs ?? pulling.timeMs;
    normalMs = 10 * MINUTE;
    summary = `The node is pulling ${pulling.message.replace(/^Pulling image /, '')}${pulling.timeMs !== undefined ? ` (for ${shortDuration((ctx.nowMs - (since ?? pulling.timeMs)) / 1000)})` : ''}.`;
    evidence.push(eventEvidence(pulling));
    slow = {
      causes: [
        cause('The image is very large or the registry is slow from this node.', 'likely'),
        cause('The node serializes image pulls and waits behind other large pulls.', 'possible'),
      ],
      fixes: [
        {
          text: 'Use a smaller image (multi-stage build, slim base), a registry mirror close to the nodes, or pre-pull it.',
        },
      ],
    };
  } else if (/^Init:\d+\/\d+$/.test(ctx.row.status)) {
    summary = `Init containers are running (${ctx.row.status}); the main containers start when they finish.`;
  } else if (notReady.length > 0) {
    const c = notReady[0]!;
    const probe = effectiveProbe(c.spec?.['readinessProbe']);
    const started = timeMillis(c.status?.state?.running?.startedAt);
    since = started;
    normalMs = 10 * MINUTE;
    const for_ = started === undefined ? '' : ` for ${shortDuration((ctx.nowMs - started) / 1000)}`;
    summary = `Container "${c.name}" has been running${for_} and is not ready yet${probe ? `; its readiness probe first checks at ${probe.initialDelaySeconds} s, every ${probe.periodSeconds} s` : ''}.`;
    evidence.push(
      statusEvidence(`${c.statusPath}.ready`, `${c.name}: ready false${for_ ? `, running${for_}` : ''}`),
    );
    const gates = (ctx.pod.spec?.readinessGates ?? [])
      .map((g) => g.conditionType ?? '')
      .filter((g) => g !== '');
    const unmet = gates.filter(
      (g) => !ctx.pod.status?.conditions?.some((x) => x.type === g && x.status === 'True'),
    );
    slow = {
      causes: [
        ...(unmet.length > 0
          ? [
              cause(
                `Readiness gate ${unmet.join(', ')} is not True: the controller that sets it (e.g. a load balancer controller) has not acted.`,
                'likely' as const,
              ),
            ]
          : []),
        cause(
          'The readiness probe has not succeeded and the kubelet records no failures (an exec probe that hangs, or events that have expired).',
          'possible',
        ),
      ],
      fixes: [
        {
          text: `Check the probe by hand: kubectl exec ${ctx.name} -c ${c.name} -- …, and kubectl describe pod for its conditions.`,
          specPath: `${c.specPath}.readinessProbe`,
        },
      ],
    };
  } else {
    summary = `The containers are being created (${ctx.row.status}).`;
    since =
      timeMillis(
        ctx.pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'True')
          ?.lastTransitionTime,
      ) ?? created;
    normalMs = 10 * MINUTE;
    slow = {
      causes: [
        cause(
          'The kubelet or the container runtime on the node is stuck (check the kubelet log for this pod).',
          'likely',
        ),
        cause('A volume is still being attached and its events have expired.', 'possible'),
      ],
      fixes: [
        {
          text: `Look at the node: kubectl describe node ${ctx.pod.spec?.nodeName ?? 'NODE'} and the kubelet log; delete the pod to retry elsewhere.`,
        },
      ],
    };
  }
  const elapsed = since === undefined ? 0 : ctx.nowMs - since;
  if (elapsed > normalMs) {
    return {
      id: 'pending',
      severity: 'warning',
      title: `The pod has been starting for ${shortDuration(elapsed / 1000)}, longer than usual`,
      summary,
      evidence,
      causes: rankCauses(slow.causes),
      fixes: slow.fixes,
    };
  }
  return {
    id: 'pending',
    severity: 'info',
    title: deletion !== undefined ? 'The pod is shutting down' : 'The pod is starting',
    summary,
    evidence,
    causes: [],
    fixes: [],
  };
}

export const pendingDiagnosis: DiagnosisDeclaration = {
  id: 'pending',
  severity: 'warning',
  title: 'The pod is starting',
  scope: 'pod',
  detect: (ctx, found) =>
    onlyWarnings(found) && ctx.phase !== 'Succeeded' && ctx.phase !== 'Failed' && !runningAndReady(ctx)
      ? [pending(ctx)]
      : [],
};
