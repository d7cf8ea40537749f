/** completed: the pod ran to completion (phase Succeeded). */
import { timeMillis } from '../../k8s';
import type { DiagnoseContext } from '../context';
import { longRunning } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { statusEvidence } from '../evidence';
import { shortDuration } from '../../text/duration';
import type { Diagnosis, Evidence } from '../types';
import { onlyWarnings } from '../found';

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

export const completedDiagnosis: DiagnosisDeclaration = {
  id: 'completed',
  severity: 'info',
  title: 'The pod ran to completion',
  scope: 'pod',
  detect: (ctx, found) => (onlyWarnings(found) && ctx.phase === 'Succeeded' ? [completed(ctx)] : []),
};
