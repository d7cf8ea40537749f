/**
 * failed: the pod's containers exited with an error and will not be restarted (phase Failed, or
 * restartPolicy Never): the same exit-code matrix as crash-loop, without back-off. A pod that ran
 * past its activeDeadlineSeconds failed as a whole. When nothing explains a Failed pod, its own
 * reason and message do.
 */
import type { DiagnoseContext } from '../context';
import type { ContainerInfo } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { exitedRun, restartsNoMore } from '../exits';
import { cause, eventEvidence, newest, specEvidence, statusEvidence } from '../evidence';
import { shortDuration } from '../../text/duration';
import type { Diagnosis, Evidence } from '../types';
import { noProblems } from '../found';

/**
 * The kubelet's active-deadline handler failed the pod (phase Failed, reason DeadlineExceeded) and
 * stopped its containers: the deadline is the pod spec's, not something the node ran short of.
 */
function deadlineExceeded(ctx: DiagnoseContext): Diagnosis[] {
  const status = ctx.pod.status ?? {};
  if (status.reason !== 'DeadlineExceeded') return [];
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
      id: 'failed',
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
          // Pod-spec relative: in a Job or CronJob it is the pod template's field.
          specPath: 'spec.activeDeadlineSeconds',
          ...(typeof deadline === 'number' ? { value: String(deadline * 2) } : {}),
        },
      ],
    },
  ];
}

/** The pod ran past its activeDeadlineSeconds. */
export const deadlineExceededDiagnosis: DiagnosisDeclaration = {
  id: 'failed',
  severity: 'error',
  title: 'The pod ran longer than its activeDeadlineSeconds',
  scope: 'pod',
  // The deadline killed every container: their exits are its consequence, not separate failures.
  claims: 'pod',
  detect: deadlineExceeded,
};

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
