/** unschedulable: no node can run the pod, or its owner cannot create pods within the quota. */
import type { DiagnoseContext } from '../context';
import { longRunning } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { parseQuotaMessage, parseSchedulingMessage, type SchedulingReason } from '../scheduling';
import { cause, eventEvidence, newest, quote, rankCauses, specEvidence, statusEvidence } from '../evidence';
import type { Cause, Diagnosis, Evidence, Fix } from '../types';
import { agree, plural } from '../../text/plural';

/** `2 nodes have a taint the pod does not tolerate (node-role.kubernetes.io/control-plane)` */
function describeReason(r: SchedulingReason): string {
  const n = r.count === undefined ? 'Some nodes' : plural(r.count, 'node');
  const has = agree(r.count, 'has', 'have');
  const does = agree(r.count, "doesn't", "don't");
  switch (r.kind) {
    case 'insufficient-resource':
      return r.resource === 'pods'
        ? `${n} already run as many pods as they allow`
        : `${n} ${has} not enough unrequested ${r.resource ?? 'resources'} left`;
    case 'untolerated-taint':
      return `${n} ${has} a taint the pod does not tolerate (${r.taint ?? r.text})`;
    case 'node-not-ready':
      return `${n} ${agree(r.count, 'is', 'are')} not ready or unreachable`;
    case 'node-unschedulable':
      return `${n} ${agree(r.count, 'is', 'are')} cordoned (unschedulable)`;
    case 'node-affinity':
      return `${n} ${does} match the pod's nodeSelector or node affinity`;
    case 'pod-affinity':
      return `${n} ${does} satisfy the pod affinity rules`;
    case 'pod-anti-affinity':
      return `${n} ${does} satisfy the pod anti-affinity rules`;
    case 'topology-spread':
      return `${n} would break the pod's topology spread constraints`;
    case 'host-ports':
      return `${n} ${has} the requested hostPort already in use`;
    case 'unbound-pvc':
      return 'a PersistentVolumeClaim of the pod is not bound to a volume';
    case 'volume-node-affinity':
      return `${n} ${agree(r.count, 'is', 'are')} not in the zone or topology of the pod's PersistentVolume`;
    case 'volume-limit':
      return `${n} ${has} reached the maximum number of attached volumes`;
    case 'no-nodes':
      return 'the cluster has no nodes the scheduler can use';
    default:
      return `${n}: ${r.text}`;
  }
}

function resourceRequests(
  ctx: DiagnoseContext,
  resource: string,
): Array<{ path: string; value: string; container: string }> {
  const out: Array<{ path: string; value: string; container: string }> = [];
  for (const c of longRunning(ctx)) {
    const resources = c.spec?.['resources'] as { requests?: Record<string, unknown> } | undefined;
    const value = resources?.requests?.[resource];
    if (typeof value === 'string' || typeof value === 'number') {
      out.push({
        path: `${c.specPath}.resources.requests.${resource}`,
        value: String(value),
        container: c.name,
      });
    }
  }
  return out;
}

function jsonText(value: unknown): string {
  return JSON.stringify(value);
}

function causesAndFixes(
  ctx: DiagnoseContext,
  reasons: readonly SchedulingReason[],
): { causes: Cause[]; fixes: Fix[]; evidence: Evidence[] } {
  const causes: Cause[] = [];
  const fixes: Fix[] = [];
  const evidence: Evidence[] = [];
  const spec = ctx.pod.spec ?? {};
  const top = Math.max(0, ...reasons.map((r) => r.count ?? 0));
  for (const r of reasons) {
    if (r.kind === 'preemption-not-helpful' || r.kind === 'no-preemption-victims') continue;
    const likelihood = r.count === undefined || r.count === top ? 'likely' : 'possible';
    switch (r.kind) {
      case 'insufficient-resource': {
        const resource = r.resource ?? 'cpu';
        causes.push(
          cause(
            `The pod requests more ${resource} than any node has free: the nodes' allocatable ${resource} is already reserved by other pods' requests.`,
            likelihood,
          ),
        );
        for (const req of resourceRequests(ctx, resource)) {
          evidence.push(specEvidence(req.path, `${req.container} requests ${resource}: ${req.value}`));
          fixes.push({
            text: `Lower the ${resource} request of ${req.container} to what it really uses (kubectl top pod), or add nodes / enable the cluster autoscaler.`,
            specPath: req.path,
          });
        }
        if (resourceRequests(ctx, resource).length === 0) {
          fixes.push({
            text: `Free ${resource} on the nodes (scale down other workloads) or add nodes; check with \`kubectl describe nodes\` under "Allocated resources".`,
          });
        }
        break;
      }
      case 'untolerated-taint': {
        const key = r.taint?.split(':')[0]?.trim() ?? '';
        const controlPlane = /node-role\.kubernetes\.io\/(control-plane|master)/.test(key);
        causes.push(
          cause(
            controlPlane
              ? `Only control-plane nodes have room, and they are tainted ${key} to keep workloads off: the cluster has no free worker node.`
              : `Nodes are tainted ${r.taint ?? ''} and the pod has no matching toleration.`,
            likelihood,
          ),
        );
        fixes.push(
          controlPlane
            ? {
                text: 'Add or free worker nodes; tolerating the control-plane taint is rarely what you want.',
              }
            : {
                text: `Add a toleration for ${key} if the pod may run on those nodes, or remove the taint (kubectl taint nodes NODE ${key}-).`,
                specPath: 'spec.tolerations',
                value: `- key: ${key}\n  operator: Exists`,
              },
        );
        break;
      }
      case 'node-affinity': {
        if (spec['nodeSelector'] !== undefined)
          evidence.push(specEvidence('spec.nodeSelector', `nodeSelector: ${jsonText(spec['nodeSelector'])}`));
        const affinity = (spec['affinity'] as { nodeAffinity?: unknown } | undefined)?.nodeAffinity;
        if (affinity !== undefined)
          evidence.push(
            specEvidence('spec.affinity.nodeAffinity', `nodeAffinity: ${quote(jsonText(affinity), 200)}`),
          );
        causes.push(
          cause(
            'No node carries the labels the pod selects (a typo in a label, or the node pool it targets does not exist or is full).',
            likelihood,
          ),
        );
        fixes.push({
          text: 'Compare the selector with `kubectl get nodes --show-labels` and fix the label or the selector.',
          specPath: spec['nodeSelector'] !== undefined ? 'spec.nodeSelector' : 'spec.affinity.nodeAffinity',
        });
        break;
      }
      case 'pod-anti-affinity':
      case 'pod-affinity':
        causes.push(
          cause(
            r.kind === 'pod-anti-affinity'
              ? 'Required pod anti-affinity: every node already runs a pod it must avoid (more replicas than eligible nodes).'
              : 'Required pod affinity: no node runs the pods this one must be placed with.',
            likelihood,
          ),
        );
        fixes.push({
          text: 'Use preferredDuringSchedulingIgnoredDuringExecution instead of required, or add nodes.',
          specPath: 'spec.affinity',
        });
        break;
      case 'topology-spread':
        causes.push(
          cause(
            'A topology spread constraint with whenUnsatisfiable: DoNotSchedule cannot be met with the current nodes.',
            likelihood,
          ),
        );
        fixes.push({
          text: 'Relax maxSkew or set whenUnsatisfiable: ScheduleAnyway.',
          specPath: 'spec.topologySpreadConstraints',
        });
        break;
      case 'unbound-pvc': {
        const claims = (
          (spec['volumes'] as
            Array<{ name?: string; persistentVolumeClaim?: { claimName?: string } }> | undefined) ?? []
        ).filter((v) => v.persistentVolumeClaim);
        for (const v of claims)
          evidence.push(
            specEvidence(
              `spec.volumes[${v.name ?? ''}].persistentVolumeClaim.claimName`,
              `claimName: ${v.persistentVolumeClaim?.claimName ?? ''}`,
            ),
          );
        causes.push(
          cause(
            'The PersistentVolumeClaim is Pending: it names a StorageClass that does not exist or has no provisioner, or no PersistentVolume matches it.',
            'likely',
          ),
        );
        causes.push(cause('The claim does not exist at all (a typo in claimName).', 'possible'));
        fixes.push({
          text: `Check \`kubectl describe pvc ${claims[0]?.persistentVolumeClaim?.claimName ?? 'NAME'} -n ${ctx.namespace}\`: fix its storageClassName or create a matching PersistentVolume.`,
        });
        break;
      }
      case 'volume-node-affinity':
        causes.push(
          cause(
            "The pod's PersistentVolume is bound to a zone where no node can take the pod (a zonal disk in a zone without capacity).",
            likelihood,
          ),
        );
        fixes.push({
          text: "Use a StorageClass with volumeBindingMode: WaitForFirstConsumer, or add nodes in the volume's zone.",
        });
        break;
      case 'node-not-ready':
      case 'node-unschedulable':
        causes.push(
          cause(
            r.kind === 'node-not-ready'
              ? 'Nodes are NotReady or unreachable (kubelet down, network partition).'
              : 'Nodes are cordoned for maintenance.',
            likelihood,
          ),
        );
        fixes.push({
          text:
            r.kind === 'node-not-ready'
              ? 'Check `kubectl get nodes` and the kubelet on the NotReady nodes.'
              : 'Uncordon the nodes when maintenance is over (kubectl uncordon NODE).',
        });
        break;
      case 'host-ports':
        causes.push(
          cause('The pod asks for a hostPort that another pod already holds on every node.', likelihood),
        );
        fixes.push({
          text: 'Drop hostPort and use a Service, or run at most one such pod per node (DaemonSet).',
        });
        break;
      case 'volume-limit':
        causes.push(cause('The nodes reached their limit of attachable volumes.', likelihood));
        fixes.push({ text: 'Add nodes or use fewer volumes per node.' });
        break;
      case 'no-nodes':
        causes.push(cause('The cluster has no (ready) nodes.', 'likely'));
        fixes.push({ text: 'Add nodes or fix the kubelet on the existing ones (`kubectl get nodes`).' });
        break;
      default:
        causes.push(cause(`The scheduler reports: ${r.text}.`, likelihood));
    }
  }
  return { causes, fixes, evidence };
}

function unschedulable(ctx: DiagnoseContext): Diagnosis[] {
  if (ctx.pod.spec?.nodeName) return [];
  const condition = ctx.pod.status?.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.status === 'False',
  );
  const event = newest(ctx.events, (e) => e.reason === 'FailedScheduling');
  const message = event?.message ?? (condition?.reason === 'Unschedulable' ? condition.message : undefined);
  if (!message) return [];
  const parsed = parseSchedulingMessage(message);
  const evidence: Evidence[] = [];
  if (condition) {
    evidence.push(
      statusEvidence(
        'status.conditions[PodScheduled]',
        `PodScheduled=False, reason ${condition.reason ?? ''}: ${condition.message ?? ''}`.trim(),
        condition.lastTransitionTime,
      ),
    );
  }
  if (event) evidence.push(eventEvidence(event));
  const { causes, fixes, evidence: specEv } = causesAndFixes(ctx, parsed.reasons);
  const nodes =
    parsed.total === undefined
      ? ''
      : parsed.total === 0
        ? 'The cluster has no nodes to run it'
        : `None of the ${plural(parsed.total, 'node')} can run it`;
  const reasons = parsed.reasons.map(describeReason);
  const preemption = parsed.preemption?.reasons.some((r) => r.kind === 'preemption-not-helpful')
    ? ' Evicting lower-priority pods would not help.'
    : '';
  const summary = `${nodes ? `${nodes}: ` : 'The scheduler cannot place the pod: '}${reasons.join('; ')}.${preemption}`;
  return [
    {
      id: 'unschedulable',
      severity: 'critical',
      title: 'The pod cannot be scheduled on any node',
      summary,
      evidence: [...evidence, ...specEv],
      causes: rankCauses(causes),
      fixes,
    },
  ];
}

/** Pods the owner could not create because of a ResourceQuota (FailedCreate on the owner). */
function quotaExceeded(ctx: DiagnoseContext): Diagnosis[] {
  const failures = ctx.ownerEvents.filter((e) => e.reason === 'FailedCreate');
  const last = failures.at(-1);
  if (!last) return [];
  const evidence = [eventEvidence(last, `${last.owner}: `)];
  const quota = parseQuotaMessage(last.message);
  if (quota) {
    const parts = quota.resources.map(
      (r) => `${r.resource}: requested ${r.requested ?? '?'}, used ${r.used ?? '?'} of ${r.limited ?? '?'}`,
    );
    const over = quota.resources[0];
    return [
      {
        id: 'unschedulable',
        severity: 'warning',
        title: `${last.owner} cannot create more pods: ResourceQuota "${quota.quota}" is exhausted`,
        summary: `The API server refuses new pods of ${last.owner} because the namespace's quota "${quota.quota}" would be exceeded (${parts.join('; ')}). Those pods are never created, so they never appear as Pending.`,
        evidence,
        causes: rankCauses([
          cause(
            `The namespace ${ctx.namespace} already uses most of quota "${quota.quota}"; the new pod's ${over?.resource ?? 'request'} does not fit.`,
            'likely',
          ),
          cause(
            'Old ReplicaSets or finished pods still hold quota (a rollout in progress keeps both old and new pods).',
            'possible',
          ),
        ]),
        fixes: [
          {
            text: `Lower the pod's ${over?.resource ?? 'requests'} in the template, or raise the quota: kubectl edit resourcequota ${quota.quota} -n ${ctx.namespace}.`,
          },
          {
            text: `See usage with \`kubectl describe resourcequota ${quota.quota} -n ${ctx.namespace}\` and remove what no longer needs to run.`,
          },
        ],
      },
    ];
  }
  if (/failed quota: .*must specify/.test(last.message)) {
    return [
      {
        id: 'unschedulable',
        severity: 'warning',
        title: `${last.owner} cannot create pods: the quota requires requests and limits`,
        summary:
          'A ResourceQuota on the namespace tracks requests/limits, so every container must set them; the template does not.',
        evidence,
        causes: [
          cause(
            'A container of the pod template has no resources.requests/limits for a resource the quota covers.',
            'likely',
          ),
        ],
        fixes: [
          {
            text: 'Set resources.requests and resources.limits on every container (or add a LimitRange with defaults).',
            specPath: 'spec.containers[*].resources',
          },
        ],
      },
    ];
  }
  return [];
}

export const unschedulableDiagnosis: DiagnosisDeclaration = {
  id: 'unschedulable',
  severity: 'critical',
  title: 'The pod cannot be scheduled',
  scope: 'pod',
  detect: (ctx) => [...unschedulable(ctx), ...quotaExceeded(ctx)],
};
