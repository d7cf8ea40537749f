/** init-failure: an init container fails, or runs for too long, so the main containers never start. */
import type { DiagnoseContext } from '../context';
import { logsOf } from '../context';
import type { DiagnosisDeclaration, Found } from '../declaration';
import {
  cause,
  explainingLogLine,
  logTail,
  quote,
  rankCauses,
  sentence,
  specEvidence,
  statusEvidence,
} from '../evidence';
import { exitCodeMeaning } from '../exit-codes';
import { shortDuration } from '../../text/duration';
import { commandOf } from '../runs';
import type { Cause, Diagnosis, Evidence } from '../types';

function initFailure(ctx: DiagnoseContext, found: Found): Diagnosis[] {
  for (const c of ctx.containers) {
    if (c.role !== 'init' || found.claimed.has(c.name)) continue;
    const state = c.status?.state;
    const t =
      state?.terminated?.exitCode !== undefined && state.terminated.exitCode !== 0
        ? state.terminated
        : state?.waiting?.reason === 'CrashLoopBackOff'
          ? c.status?.lastState?.terminated
          : undefined;
    const runningSince =
      state?.running?.startedAt !== undefined
        ? Date.parse(
            String(
              state.running.startedAt instanceof Date
                ? state.running.startedAt.toISOString()
                : state.running.startedAt,
            ),
          )
        : undefined;
    const logs = logsOf(ctx, c.name);
    if (t && t.exitCode !== undefined && t.exitCode !== 0) {
      const log = logs.previous ?? logs.current;
      const path = state?.terminated
        ? `${c.statusPath}.state.terminated`
        : `${c.statusPath}.lastState.terminated`;
      const evidence: Evidence[] = [
        statusEvidence(
          path,
          `exit code ${t.exitCode} (${t.reason ?? 'Error'}): ${exitCodeMeaning(t.exitCode, 'Never')}`,
          t.finishedAt,
        ),
      ];
      if (state?.waiting?.reason === 'CrashLoopBackOff')
        evidence.push(
          statusEvidence(
            `${c.statusPath}.state.waiting`,
            `CrashLoopBackOff, ${c.status?.restartCount ?? 0} restarts`,
          ),
        );
      for (const line of logTail(log)) evidence.push({ source: 'log', text: line, path: `logs/${c.name}` });
      const command = commandOf(c);
      if (command) evidence.push(specEvidence(`${c.specPath}.command`, `command/args: ${command}`));
      const line = explainingLogLine(log);
      const causes: Cause[] = [];
      if (line) causes.push(cause(`The init container's last error: ${quote(line, 200)}`, 'likely'));
      if (t.exitCode === 127)
        causes.push(cause('A command of its script does not exist in the image.', 'likely'));
      if (
        /can't resolve|no such host|connection refused|timed out|Name or service not known/i.test(log ?? '')
      ) {
        causes.push(
          cause(
            'It depends on a service (database, API, DNS name) that is not reachable yet or does not exist.',
            'likely',
          ),
        );
      }
      if (t.reason === 'OOMKilled')
        causes.push(cause('It ran out of memory (OOMKilled): its memory limit is too low.', 'likely'));
      causes.push(cause(`Exit code ${t.exitCode}: ${exitCodeMeaning(t.exitCode, 'Never')}.`, 'possible'));
      const index = ctx.containers.filter((x) => x.role === 'init' || x.role === 'sidecar').indexOf(c);
      return [
        {
          id: 'init-failure',
          severity: 'critical',
          title: `Init container "${c.name}" fails with exit code ${t.exitCode}`,
          summary: `The pod is stuck in ${ctx.row.status}: init container ${index + 1} "${c.name}" exits with ${t.exitCode} (${exitCodeMeaning(t.exitCode, 'Never')}), so the main containers never start.${line ? ` Its log ends with: ${sentence(quote(line, 160))}` : ''}`,
          container: c.name,
          evidence,
          causes: rankCauses(causes),
          fixes: [
            {
              text: `Read its log (kubectl logs ${ctx.name} -c ${c.name} --previous -n ${ctx.namespace}) and fix what it reports; init containers must exit 0.`,
              specPath: `${c.specPath}.command`,
            },
          ],
        },
      ];
    }
    if (runningSince !== undefined && !Number.isNaN(runningSince) && ctx.nowMs - runningSince > 5 * 60_000) {
      const log = logs.current;
      const evidence: Evidence[] = [
        statusEvidence(
          `${c.statusPath}.state.running`,
          `running since ${new Date(runningSince).toISOString().replace('.000Z', 'Z')}`,
        ),
      ];
      for (const line of logTail(log, 5))
        evidence.push({ source: 'log', text: line, path: `logs/${c.name}` });
      return [
        {
          id: 'init-failure',
          severity: 'warning',
          title: `Init container "${c.name}" has been running for ${shortDuration((ctx.nowMs - runningSince) / 1000)}`,
          summary: `The pod waits in ${ctx.row.status} until init container "${c.name}" finishes; it has not finished for ${shortDuration((ctx.nowMs - runningSince) / 1000)}.`,
          container: c.name,
          evidence,
          causes: [
            cause(
              'It waits for a dependency (a database, a Service DNS name) that never becomes available.',
              'likely',
            ),
            cause(
              'It is a long-running process placed by mistake among init containers (a sidecar needs restartPolicy: Always).',
              'possible',
            ),
          ],
          fixes: [
            {
              text: 'Check the dependency it waits for, or give the wait loop a timeout so the failure is visible.',
              specPath: `${c.specPath}.command`,
            },
          ],
        },
      ];
    }
    if (state?.terminated?.exitCode === 0) continue;
    break;
  }
  return [];
}

export const initFailureDiagnosis: DiagnosisDeclaration = {
  id: 'init-failure',
  severity: 'critical',
  title: 'An init container fails or never finishes',
  scope: 'pod',
  detect: initFailure,
};
