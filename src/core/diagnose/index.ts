/**
 * Pod diagnosis: a pod with its events, logs, node and owners in; an Explanation out (what is
 * wrong, the evidence, ranked causes, fixes naming the spec field, a timeline). Pure and fast.
 */
import { timeMillis } from '../k8s';
import { withUsageEvidence } from './usage-evidence';
import { effectiveProbe } from '../probes';
import { buildContext, longRunning, type DiagnoseContext } from './context';
import { containerCards } from './containers';
import { detectNode } from './detect-node';
import { detectRuntime } from './detect-runtime';
import { detectScheduling } from './detect-scheduling';
import { detectStartup, type Claimed } from './detect-startup';
import { cause, eventEvidence, isoOf, newest, rankCauses, specEvidence, statusEvidence } from './evidence';
import { shortDuration } from './exit-codes';
import { buildTimeline } from './timeline';
import type { Cause, Diagnosis, DiagnoseInput, Evidence, Explanation, Fix, Severity } from './types';

export type * from './types';
export { parseSchedulingMessage, parseQuotaMessage } from './scheduling';
export type { SchedulingMessage, SchedulingReason, SchedulingReasonKind, QuotaExceeded } from './scheduling';
export { exitCodeMeaning, restartBackoffSeconds, signalName } from './exit-codes';
export { classifyImagePull, parseMissingConfig, parseHookMessage } from './detect-startup';
export { classifyProbeMessage, appStartSeconds } from './detect-runtime';
export { parseEvictionMessage } from './detect-node';
export { podEvents, eventTimeMs, containerOfFieldPath } from './events';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, error: 1, warning: 2, info: 3 };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function completed(ctx: DiagnoseContext): Diagnosis {
  const evidence: Evidence[] = longRunning(ctx)
    .filter((c) => c.status?.state?.terminated)
    .map((c) =>
      statusEvidence(
        `${c.statusPath}.state.terminated`,
        `${c.name} exited with 0 (${c.status?.state?.terminated?.reason ?? 'Completed'})`,
        c.status?.state?.terminated?.finishedAt,
      ),
    );
  const start = timeMillis(ctx.pod.status?.startTime);
  const end = Math.max(
    ...longRunning(ctx).map((c) => timeMillis(c.status?.state?.terminated?.finishedAt) ?? -Infinity),
  );
  const took =
    start !== undefined && Number.isFinite(end) ? ` in ${shortDuration((end - start) / 1000)}` : '';
  return {
    id: 'completed',
    severity: 'info',
    title: 'The pod ran to completion',
    summary: `All containers exited with code 0${took}; the pod will not run again (phase Succeeded).`,
    evidence: [statusEvidence('status.phase', 'phase: Succeeded'), ...evidence],
    causes: [],
    fixes: [],
  };
}

function healthy(ctx: DiagnoseContext): Diagnosis {
  const containers = longRunning(ctx);
  return {
    id: 'healthy',
    severity: 'info',
    title: 'The pod is running and ready',
    summary: `${containers.length === 1 ? 'Its container is' : `All ${plural(containers.length, 'container')} are`} running and ready${ctx.row.restarts !== '0' ? ` (restarts: ${ctx.row.restarts})` : ''}.`,
    evidence: [
      statusEvidence('status.phase', `phase: ${ctx.phase}, READY ${ctx.row.ready}`),
      ...containers.map((c) =>
        statusEvidence(
          `${c.statusPath}.ready`,
          `${c.name}: ready, running since ${isoOf(c.status?.state?.running?.startedAt) ?? '?'}`,
        ),
      ),
    ],
    causes: [],
    fixes: [],
  };
}

/** A pod on its normal way up (or down): say what it is doing, without alarm. */
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

function failedWithoutDetail(ctx: DiagnoseContext): Diagnosis {
  const s = ctx.pod.status ?? {};
  return {
    id: 'crash-loop',
    severity: 'error',
    title: `The pod failed${s.reason ? `: ${s.reason}` : ''}`,
    summary: s.message ?? 'The pod is in phase Failed and reports no container exit code.',
    evidence: [
      statusEvidence(
        'status.phase',
        `phase: Failed${s.reason ? `, reason ${s.reason}` : ''}${s.message ? `: ${s.message}` : ''}`,
      ),
    ],
    causes: [
      cause('The pod reports no exit code; the status message and the events say what stopped it.', 'likely'),
    ],
    fixes: [
      {
        text: `Read the events: kubectl get events -n ${ctx.namespace} --field-selector involvedObject.name=${ctx.name}.`,
      },
    ],
  };
}

function ranked(diagnoses: Diagnosis[]): Diagnosis[] {
  return diagnoses
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEVERITY_RANK[a.d.severity] - SEVERITY_RANK[b.d.severity] || a.i - b.i)
    .map(({ d }) => d);
}

function headline(diagnoses: readonly Diagnosis[]): string {
  const top = diagnoses[0];
  if (!top) return '';
  const more = diagnoses.filter(
    (d) => d !== top && (d.severity === 'critical' || d.severity === 'error'),
  ).length;
  return `${top.title}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}.`.replace(
    /\.\.$/,
    '.',
  );
}

export function explainPod(input: DiagnoseInput): Explanation {
  const ctx = buildContext(input);
  const claimed: Claimed = new Set();
  let diagnoses = [
    ...detectNode(ctx, claimed),
    ...detectScheduling(ctx),
    ...detectStartup(ctx, claimed),
    ...detectRuntime(ctx, claimed),
  ];
  const problems = diagnoses.filter((d) => d.severity !== 'info');
  if (problems.length === 0 || problems.every((d) => d.severity === 'warning')) {
    const readyCondition = ctx.pod.status?.conditions?.find((c) => c.type === 'Ready');
    const allReady =
      longRunning(ctx).length > 0 &&
      longRunning(ctx).every((c) => c.status?.ready === true && c.status.state?.running);
    if (ctx.phase === 'Succeeded') diagnoses.push(completed(ctx));
    else if (ctx.phase === 'Failed' && problems.length === 0) diagnoses.push(failedWithoutDetail(ctx));
    else if (
      ctx.phase === 'Running' &&
      allReady &&
      readyCondition?.status !== 'False' &&
      !ctx.pod.metadata?.deletionTimestamp
    ) {
      if (problems.length === 0) diagnoses.push(healthy(ctx));
    } else if (ctx.phase !== 'Failed') diagnoses.push(pending(ctx));
  }
  diagnoses = withUsageEvidence(ranked(diagnoses), ctx.pod, input.metrics);
  return {
    pod: { namespace: ctx.namespace, name: ctx.name },
    phase: ctx.phase,
    status: ctx.row.status,
    ready: ctx.row.ready,
    restarts: ctx.row.restarts,
    age: ctx.row.age,
    node: ctx.row.node,
    labels: Object.fromEntries(
      Object.entries(ctx.pod.metadata?.labels ?? {}).filter(([, v]) => typeof v === 'string'),
    ),
    headline: headline(diagnoses),
    diagnoses,
    timeline: buildTimeline(ctx),
    containers: containerCards(ctx),
  };
}

/** The CLI's exit code for an explanation: 1 when something is wrong (error or critical), else 0. */
export function explanationExitCode(explanation: Explanation): 0 | 1 {
  return explanation.diagnoses.some((d) => d.severity === 'critical' || d.severity === 'error') ? 1 : 0;
}
