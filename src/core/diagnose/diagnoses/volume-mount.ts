/** volume-mount: FailedMount / FailedAttachVolume keep the containers from starting. */
import type { DiagnoseContext } from '../context';
import { notRunningYet } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { parseMissingConfig } from '../config-refs';
import { cause, eventEvidence, newest, quote, rankCauses, specEvidence } from '../evidence';
import type { Cause, Diagnosis, Evidence, Fix } from '../types';

function volumeMount(ctx: DiagnoseContext): Diagnosis[] {
  if (!notRunningYet(ctx) || !ctx.pod.spec?.nodeName) return [];
  const event = newest(
    ctx.events,
    (e) => e.reason === 'FailedMount' || e.reason === 'FailedAttachVolume' || e.reason === 'FailedMapVolume',
  );
  if (!event) return [];
  const volume =
    /for volume "([^"]+)"/.exec(event.message)?.[1] ??
    /unmounted volumes=\[([^\]]+)\]/.exec(event.message)?.[1]?.split(' ')[0];
  const evidence: Evidence[] = [eventEvidence(event)];
  const other = newest(
    ctx.events,
    (e) =>
      (e.reason === 'FailedMount' || e.reason === 'FailedAttachVolume') &&
      e !== event &&
      e.message !== event.message,
  );
  if (other) evidence.push(eventEvidence(other));
  // A Multi-Attach error is the root cause even when later "timed out" mount events bury it.
  const multiAttach = newest(ctx.events, (e) => /Multi-Attach error/.test(e.message));
  if (multiAttach && multiAttach !== event && multiAttach !== other)
    evidence.push(eventEvidence(multiAttach));
  const volumes =
    (ctx.pod.spec?.['volumes'] as Array<Record<string, unknown> & { name?: string }> | undefined) ?? [];
  const volumeSpec = volumes.find((v) => v.name === volume);
  if (volumeSpec)
    evidence.push(
      specEvidence(`spec.volumes[${volume}]`, `volume ${volume}: ${quote(JSON.stringify(volumeSpec), 200)}`),
    );
  const missing =
    parseMissingConfig(event.message) ?? (other ? parseMissingConfig(other.message) : undefined);
  const causes: Cause[] = [];
  const fixes: Fix[] = [];
  let what: string;
  if (missing) {
    what = `the ${missing.kind} ${missing.name} it mounts does not exist`;
    causes.push(
      cause(
        `${missing.kind} ${missing.name} is not in namespace ${ctx.namespace} (not created yet, misspelled, or in another namespace).`,
        'likely',
      ),
    );
    const field = missing.kind === 'Secret' ? 'secret' : 'configMap';
    fixes.push({
      text: `Create the ${missing.kind} (kubectl create ${missing.kind.toLowerCase()}${missing.kind === 'Secret' ? ' generic' : ''} ${missing.name} -n ${ctx.namespace} …) or fix the name.`,
      ...(volume ? { specPath: `spec.volumes[${volume}].${field}` } : {}),
    });
    if (volume)
      fixes.push({
        text: 'If the container can run without it, make the volume optional.',
        specPath: `spec.volumes[${volume}].${field}.optional`,
        value: 'true',
      });
  } else if (multiAttach) {
    what = `its ReadWriteOnce volume${volume ? ` "${volume}"` : ''} is still attached to another node`;
    causes.push(
      cause(
        'An old pod (often of a previous ReplicaSet during a rolling update, or on a dead node) still holds the ReadWriteOnce volume.',
        'likely',
      ),
    );
    fixes.push({
      text: 'Use strategy Recreate for single-replica Deployments with RWO volumes, or a StatefulSet; delete the old pod or wait for the attach-detach controller (6 min for a lost node).',
    });
  } else if (/timed out waiting for the condition|Unable to attach or mount volumes/.test(event.message)) {
    what = `volume${volume ? ` "${volume}"` : ''} could not be attached or mounted in time`;
    causes.push(
      cause(
        'The PersistentVolume is still being provisioned or attached (cloud disk attach limits, a slow CSI driver).',
        'likely',
      ),
    );
    causes.push(
      cause('The CSI driver or the storage backend (NFS server) is not reachable from the node.', 'possible'),
    );
    fixes.push({
      text: `Check \`kubectl describe pvc\` and the CSI driver pods; the earlier FailedMount/FailedAttachVolume events name the underlying error.`,
    });
  } else {
    what = `volume${volume ? ` "${volume}"` : ''} cannot be mounted`;
    if (/mount\.nfs|nfs/i.test(event.message))
      causes.push(
        cause('The NFS server is unreachable from the node, or the export does not allow it.', 'likely'),
      );
    causes.push(cause(`The node reports: ${quote(event.message)}.`, 'likely'));
    fixes.push({
      text: 'Fix the storage the message names (server address, export, credentials, CSI driver).',
      ...(volume ? { specPath: `spec.volumes[${volume}]` } : {}),
    });
  }
  return [
    {
      id: 'volume-mount',
      severity: 'critical',
      title: `A volume of the pod cannot be mounted${volume ? `: ${volume}` : ''}`,
      summary: `The containers cannot start because ${what}.`,
      evidence,
      causes: rankCauses(causes),
      fixes,
    },
  ];
}

export const volumeMountDiagnosis: DiagnosisDeclaration = {
  id: 'volume-mount',
  severity: 'critical',
  title: 'A volume of the pod cannot be mounted',
  scope: 'pod',
  detect: volumeMount,
};
