/** evicted: the kubelet evicted or rejected the pod, or it was preempted. */
import type { DiagnoseContext } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { cause, eventEvidence, newest, rankCauses, statusEvidence } from '../evidence';
import { memoryBytes, suggestedMemory } from '../memory';
import type { Cause, Diagnosis, Evidence, Fix } from '../types';

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

export const evictedDiagnosis: DiagnosisDeclaration = {
  id: 'evicted',
  severity: 'error',
  title: 'The pod was evicted or stopped by its node',
  scope: 'pod',
  // An eviction kills every container: their exits are its consequence, not separate crashes.
  claims: 'pod',
  detect: evicted,
};
