/** healthy: the pod is running and ready. */
import type { DiagnoseContext } from '../context';
import { longRunning } from '../context';
import { plural } from '../../text/plural';
import type { DiagnosisDeclaration } from '../declaration';
import { isoOf, statusEvidence } from '../evidence';
import type { Diagnosis } from '../types';
import { noProblems, runningAndReady } from '../found';

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

export const healthyDiagnosis: DiagnosisDeclaration = {
  id: 'healthy',
  severity: 'info',
  title: 'The pod is running and ready',
  scope: 'pod',
  detect: (ctx, found) =>
    ctx.phase !== 'Succeeded' && runningAndReady(ctx) && noProblems(found) ? [healthy(ctx)] : [],
};
