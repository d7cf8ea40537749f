import { timeMillis } from '../k8s';
import type { DiagnoseContext } from './context';
import { longRunning } from './context';
import {
  cause,
  eventEvidence,
  isoOf,
  newest,
  quote,
  rankCauses,
  specEvidence,
  statusEvidence,
} from './evidence';
import { shortDuration } from '../text/duration';
import { memoryBytes, suggestedMemory } from './memory';
import type { Cause, Diagnosis, Evidence, Fix } from './types';

export interface EvictionDetails {
  /** `memory`, `ephemeral-storage`, `nodefs`, `pids`, … */
  resource?: string;
  threshold?: string;
  available?: string;
  containers: Array<{ name: string; usage: string; request: string }>;
  /** A pod or container exceeded its own ephemeral-storage limit (not node pressure). */
  limitExceeded?: { container?: string; volume?: string; limit: string };
}

/** The kubelet's eviction message: resource, threshold, and the containers that used it. */
export function parseEvictionMessage(message: string): EvictionDetails {
  const out: EvictionDetails = { containers: [] };
  const low =
    /low on resource: ([\w.-]+)\.(?: Threshold quantity: ([^,]+), available: ([^.\s]+(?:\.\d+)?[A-Za-z]*)\.?)?/.exec(
      message,
    );
  if (low) {
    out.resource = low[1]!;
    if (low[2]) out.threshold = low[2].trim();
    if (low[3]) out.available = low[3].trim();
  }
  const condition = /node had condition: \[(\w+)\]/.exec(message);
  if (!low && condition)
    out.resource =
      { MemoryPressure: 'memory', DiskPressure: 'ephemeral-storage', PIDPressure: 'pids' }[condition[1]!] ??
      condition[1]!;
  for (const m of message.matchAll(/Container (\S+) was using ([^,]+), request is ([^,]+)/g)) {
    out.containers.push({ name: m[1]!, usage: m[2]!.trim(), request: m[3]!.trim() });
  }
  const containerLimit = /Container (\S+) exceeded its local ephemeral storage limit "([^"]+)"/.exec(message);
  if (containerLimit) {
    out.resource = 'ephemeral-storage';
    out.limitExceeded = { container: containerLimit[1]!, limit: containerLimit[2]! };
  }
  const podLimit =
    /Pod ephemeral local storage usage exceeds the total limit of containers ([^\s.]+(?:\.\d+)?\w*)/.exec(
      message,
    );
  if (podLimit) {
    out.resource = 'ephemeral-storage';
    out.limitExceeded = { limit: podLimit[1]! };
  }
  const volume = /Usage of EmptyDir volume "([^"]+)" exceeds the limit "([^"]+)"/.exec(message);
  if (volume) {
    out.resource = 'ephemeral-storage';
    out.limitExceeded = { volume: volume[1]!, limit: volume[2]! };
  }
  return out;
}

const ADMISSION_REASONS =
  /^(OutOf\w+|NodeAffinity|NodeSelectorMismatching|UnexpectedAdmissionError|Shutdown|NodeShutdown|Terminated|InvalidNodeInfo)$/;

function evicted(ctx: DiagnoseContext): Diagnosis[] {
  const status = ctx.pod.status ?? {};
  const disruption = status.conditions?.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
  const preempted = newest(
    ctx.events,
    (e) => e.reason === 'Preempted' || (e.reason === 'Killing' && /preempt/i.test(e.message)),
  );
  if (status.reason === 'Evicted') {
    const message = status.message ?? '';
    const details = parseEvictionMessage(message);
    const evidence: Evidence[] = [statusEvidence('status.reason', `Evicted: ${message}`)];
    const event = newest(ctx.events, (e) => e.reason === 'Evicted');
    if (event) evidence.push(eventEvidence(event));
    if (disruption)
      evidence.push(
        statusEvidence(
          'status.conditions[DisruptionTarget]',
          `DisruptionTarget: ${disruption.reason ?? ''} ${disruption.message ?? ''}`.trim(),
          disruption.lastTransitionTime,
        ),
      );
    const causes: Cause[] = [];
    const fixes: Fix[] = [];
    const resource = details.resource ?? 'a resource';
    const culprit = [...details.containers].sort(
      (a, b) => (memoryBytes(b.usage) ?? 0) - (memoryBytes(a.usage) ?? 0),
    )[0];
    if (details.limitExceeded) {
      const where = details.limitExceeded.volume
        ? `emptyDir volume "${details.limitExceeded.volume}"`
        : details.limitExceeded.container
          ? `container "${details.limitExceeded.container}"`
          : 'the pod';
      causes.push(
        cause(
          `${where[0]!.toUpperCase()}${where.slice(1)} wrote more than its ephemeral-storage limit of ${details.limitExceeded.limit} (logs, temp files, caches on local disk).`,
          'likely',
        ),
      );
      fixes.push(
        details.limitExceeded.volume
          ? {
              text: 'Raise the emptyDir sizeLimit or clean up what is written there.',
              specPath: `spec.volumes[${details.limitExceeded.volume}].emptyDir.sizeLimit`,
            }
          : {
              text: 'Raise the ephemeral-storage limit, or write large data to a volume instead of the container filesystem.',
              specPath: `spec.containers[${details.limitExceeded.container ?? '*'}].resources.limits.ephemeral-storage`,
            },
      );
    } else {
      causes.push(
        cause(
          `The node ran short of ${resource}${details.threshold ? ` (available ${details.available ?? '?'}, eviction threshold ${details.threshold})` : ''} and the kubelet evicted pods to recover, starting with those using most above their requests.`,
          'likely',
        ),
      );
      if (culprit) {
        causes.push(
          cause(
            `Container "${culprit.name}" used ${culprit.usage} of ${resource} while requesting ${culprit.request}: pods using more than they request are evicted first.`,
            'likely',
          ),
        );
        const usage = memoryBytes(culprit.usage);
        fixes.push({
          text: `Request what "${culprit.name}" really uses (observed ${culprit.usage}, + 25%), so the scheduler reserves it and the kubelet evicts it last; set the same limit to make the pod Guaranteed.`,
          specPath: `spec.containers[${culprit.name}].resources.requests.${resource === 'memory' ? 'memory' : 'ephemeral-storage'}`,
          ...(usage !== undefined ? { value: suggestedMemory(usage, 1.25) } : {}),
        });
      }
      causes.push(cause('Other pods on the node without requests or limits overcommit it.', 'possible'));
      fixes.push({
        text: 'Give every pod on the node requests and limits; for disk pressure, clean images and logs on the node or give it more disk.',
      });
    }
    return [
      {
        id: 'evicted',
        severity: 'error',
        title: details.limitExceeded
          ? `The pod was evicted: it exceeded its ephemeral-storage limit`
          : `The pod was evicted: the node ran short of ${resource}`,
        summary: `The kubelet on ${ctx.pod.spec?.nodeName ?? 'the node'} evicted the pod (it will not restart; its controller creates a replacement)${culprit ? `; container "${culprit.name}" used ${culprit.usage} with a request of ${culprit.request}` : ''}.`,
        ...(culprit
          ? { container: culprit.name }
          : details.limitExceeded?.container
            ? { container: details.limitExceeded.container }
            : {}),
        evidence,
        causes: rankCauses(causes),
        fixes,
      },
    ];
  }
  if (status.reason === 'DeadlineExceeded') {
    const deadline = ctx.pod.spec?.['activeDeadlineSeconds'];
    const evidence: Evidence[] = [
      statusEvidence('status.reason', `DeadlineExceeded: ${status.message ?? ''}`.trim()),
    ];
    if (typeof deadline === 'number')
      evidence.push(specEvidence('spec.activeDeadlineSeconds', `activeDeadlineSeconds: ${deadline}`));
    const killing = newest(ctx.events, (e) => e.reason === 'DeadlineExceeded');
    if (killing) evidence.push(eventEvidence(killing));
    return [
      {
        id: 'evicted',
        severity: 'error',
        title: `The pod was stopped: it ran longer than its activeDeadlineSeconds${typeof deadline === 'number' ? ` (${shortDuration(deadline)})` : ''}`,
        summary: `The kubelet killed the pod's containers because the pod was active longer than spec.activeDeadlineSeconds allows; it will not restart.`,
        evidence,
        causes: [
          cause(
            'The work takes longer than the deadline allows (more data than usual, a slow dependency).',
            'likely',
          ),
          cause(
            'The process hangs (waiting on a lock, a network call without timeout) and never finishes.',
            'possible',
          ),
        ],
        fixes: [
          {
            text: 'Raise the deadline if the work is legitimately slow, or find where it hangs.',
            specPath: 'spec.activeDeadlineSeconds',
            ...(typeof deadline === 'number' ? { value: String(deadline * 2) } : {}),
          },
        ],
      },
    ];
  }
  if (ctx.phase === 'Failed' && status.reason && ADMISSION_REASONS.test(status.reason)) {
    const shutdown = /Shutdown|Terminated/.test(status.reason);
    return [
      {
        id: 'evicted',
        severity: 'error',
        title: shutdown
          ? 'The pod was stopped because its node shut down'
          : `The node rejected the pod: ${status.reason}`,
        summary: shutdown
          ? `The node ${ctx.pod.spec?.nodeName ?? ''} shut down and terminated the pod: ${status.message ?? ''}`.trim()
          : `The kubelet on ${ctx.pod.spec?.nodeName ?? 'the node'} refused to run the pod (${status.reason}): ${status.message ?? ''}`.trim(),
        evidence: [statusEvidence('status.reason', `${status.reason}: ${status.message ?? ''}`)],
        causes: [
          cause(
            shutdown
              ? 'Graceful node shutdown (maintenance, spot/preemptible instance reclaimed).'
              : 'The scheduler and the kubelet disagreed about free resources (often static pods or device plugins taking resources the scheduler did not see).',
            'likely',
          ),
        ],
        fixes: [
          {
            text: 'Delete the pod; its controller creates a replacement. Standalone pods must be recreated by hand.',
          },
        ],
      },
    ];
  }
  if (disruption && /Preemption/.test(disruption.reason ?? '')) {
    const evidence: Evidence[] = [
      statusEvidence(
        'status.conditions[DisruptionTarget]',
        `DisruptionTarget: ${disruption.reason ?? ''}: ${disruption.message ?? ''}`,
        disruption.lastTransitionTime,
      ),
    ];
    if (preempted) evidence.push(eventEvidence(preempted));
    return [
      {
        id: 'evicted',
        severity: 'warning',
        title: 'The pod was preempted by a higher-priority pod',
        summary: 'The scheduler evicted this pod to make room for a pod of higher priority.',
        evidence,
        causes: [
          cause('The cluster is full and a pod with a higher PriorityClass needed the room.', 'likely'),
        ],
        fixes: [
          {
            text: 'Give the workload a suitable PriorityClass, or add capacity.',
            specPath: 'spec.priorityClassName',
          },
        ],
      },
    ];
  }
  return [];
}

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

/** Node-level failures; an eviction claims every container, whose SIGKILL it explains. */
export function detectNode(ctx: DiagnoseContext, claimed: Set<string>): Diagnosis[] {
  const evictions = evicted(ctx);
  if (evictions.length > 0) for (const c of ctx.containers) claimed.add(c.name);
  return [...stuckTerminating(ctx), ...nodeLost(ctx), ...evictions];
}
