/** sandbox-failure: FailedCreatePodSandBox, a CNI plugin that is not ready. */
import type { DiagnoseContext } from '../context';
import { notRunningYet } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { cause, eventEvidence, newest, quote, rankCauses } from '../evidence';
import type { Cause, Diagnosis, Evidence } from '../types';

function sandboxFailure(ctx: DiagnoseContext): Diagnosis[] {
  if (!notRunningYet(ctx)) return [];
  const event = newest(
    ctx.events,
    (e) =>
      e.reason === 'FailedCreatePodSandBox' ||
      e.reason === 'NetworkNotReady' ||
      /NetworkPluginNotReady/.test(e.message),
  );
  const nodeReady = ctx.input.node?.status?.conditions?.find((c) => c.type === 'Ready');
  const nodeNetwork =
    nodeReady && /NetworkPluginNotReady|network plugin|cni/i.test(nodeReady.message ?? '')
      ? nodeReady
      : undefined;
  if (!event && !nodeNetwork) return [];
  // A sandbox created after the failure means it was transient.
  if (
    event &&
    ctx.events.some((e) => e.reason === 'Pulling' || e.reason === 'Started' || e.reason === 'Created') &&
    ctx.events
      .filter((e) => e.reason === 'Pulling' || e.reason === 'Created')
      .some((e) => (e.timeMs ?? 0) > (event.timeMs ?? 0))
  )
    return [];
  const message = event?.message ?? nodeNetwork?.message ?? '';
  const evidence: Evidence[] = [];
  if (event) evidence.push(eventEvidence(event));
  if (nodeNetwork)
    evidence.push({
      source: 'node',
      text: `Node Ready=${nodeNetwork.status ?? ''}: ${nodeNetwork.message ?? ''}`,
      path: 'node.status.conditions[Ready]',
    });
  const causes: Cause[] = [];
  if (
    /NetworkPluginNotReady|cni plugin not initialized|network plugin is not ready|no networks found/i.test(
      message,
    )
  ) {
    causes.push(
      cause(
        'The CNI plugin is not installed or not running on the node (its DaemonSet pod crashes or was never deployed).',
        'likely',
      ),
    );
  }
  if (/no IP addresses available|failed to assign an IP|failed to allocate for range|IPAM/i.test(message)) {
    causes.push(cause("The node's pod IP range (or the subnet of the cloud CNI) is exhausted.", 'likely'));
  }
  if (/Unauthorized|connection is unauthorized/i.test(message))
    causes.push(cause('The CNI plugin cannot talk to the API server (expired token or RBAC).', 'likely'));
  if (/pause|sandbox image/i.test(message))
    causes.push(cause('The node cannot pull the pause (sandbox) image.', 'likely'));
  causes.push(cause('The container runtime on the node is unhealthy.', 'possible'));
  return [
    {
      id: 'sandbox-failure',
      severity: 'critical',
      title: 'The pod sandbox (network namespace) cannot be created',
      summary: `The node cannot set up the pod's sandbox, so no container can start: ${quote(message, 240)}`,
      evidence,
      causes: rankCauses(causes),
      fixes: [
        {
          text: 'Check the CNI pods on the node (kubectl get pods -n kube-system -o wide --field-selector spec.nodeName=NODE) and their logs.',
        },
        {
          text: 'Cordon the node and let the pod run elsewhere while the node is repaired (kubectl cordon NODE; kubectl delete pod).',
        },
      ],
    },
  ];
}

export const sandboxFailureDiagnosis: DiagnosisDeclaration = {
  id: 'sandbox-failure',
  severity: 'critical',
  title: 'The pod sandbox (network namespace) cannot be created',
  scope: 'pod',
  detect: sandboxFailure,
};
