/**
 * failed: the pod's containers exited with an error and will not be restarted (phase Failed, or
 * restartPolicy Never): the same exit-code matrix as crash-loop, without back-off. When nothing
 * explains a Failed pod, its own reason and message do.
 */
import type { DiagnoseContext } from '../context';
import type { ContainerInfo } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { exitedRun, restartsNoMore } from '../exits';
import { cause, statusEvidence } from '../evidence';
import type { Diagnosis } from '../types';
import { noProblems } from '../found';

function failedWithoutDetail(ctx: DiagnoseContext): Diagnosis {
  const s = ctx.pod.status ?? {};
  return {
    id: 'failed',
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

/** Phase Failed with nothing that explains it: the pod's own reason and message. */
export const failedWithoutDetailDiagnosis: DiagnosisDeclaration = {
  id: 'failed',
  severity: 'error',
  title: 'The pod failed',
  scope: 'pod',
  detect: (ctx, found) => (ctx.phase === 'Failed' && noProblems(found) ? [failedWithoutDetail(ctx)] : []),
};

/** A container that exited with an error and will not run again. */
export const failedDiagnosis: DiagnosisDeclaration = {
  id: 'failed',
  severity: 'error',
  title: 'A container exited with an error and will not be restarted',
  scope: 'container',
  containers: 'long-running',
  skipsClaimed: true,
  claims: 'container',
  detect: (ctx: DiagnoseContext, c: ContainerInfo) =>
    restartsNoMore(ctx, c) ? exitedRun(ctx, c) : undefined,
};
