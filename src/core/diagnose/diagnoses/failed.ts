/** The pod is in phase Failed and nothing else explains it: its own reason and message. */
import type { DiagnoseContext } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { cause, statusEvidence } from '../evidence';
import type { Diagnosis } from '../types';
import { noProblems } from '../found';

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

/** Phase Failed with nothing that explains it: the pod's own reason and message. */
export const failedWithoutDetailDiagnosis: DiagnosisDeclaration = {
  id: 'crash-loop',
  severity: 'error',
  title: 'The pod failed',
  scope: 'pod',
  detect: (ctx, found) => (ctx.phase === 'Failed' && noProblems(found) ? [failedWithoutDetail(ctx)] : []),
};
