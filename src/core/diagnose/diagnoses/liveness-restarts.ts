/** liveness-restarts: the kubelet restarts a container whose liveness or startup probe fails. */
import { effectiveProbe } from '../../probes';
import type { ContainerInfo, DiagnoseContext } from '../context';
import { containerEvents, logsOf } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { appStartSeconds, classifyProbeMessage, probeCauses, timingText } from '../probe-failures';
import { cause, eventEvidence, newest, quote, rankCauses, specEvidence, statusEvidence } from '../evidence';
import { exitCodeMeaning } from '../exit-codes';
import { backoffEvidence, isHistory, lastRun, restartSeverity, runSeconds, upper } from '../runs';
import type { Cause, Diagnosis, Evidence, Fix } from '../types';

function livenessRestarts(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined {
  const killing = newest(containerEvents(ctx, c, ['Killing']), (e) =>
    /failed (liveness|startup) probe/.test(e.message),
  );
  const restarts = c.status?.restartCount ?? 0;
  if (!killing || restarts === 0) return undefined;
  const run = lastRun(c);
  if (run && isHistory(ctx, c, run.t)) return undefined;
  const startup = /startup probe/.test(killing.message);
  const field = startup ? 'startupProbe' : 'livenessProbe';
  const unhealthy = newest(containerEvents(ctx, c, ['Unhealthy']), (e) =>
    new RegExp(`^${startup ? 'Startup' : 'Liveness'} probe (failed|errored)`).test(e.message),
  );
  const p = effectiveProbe(c.spec?.[field]);
  const evidence: Evidence[] = [eventEvidence(killing)];
  if (unhealthy) evidence.push(eventEvidence(unhealthy));
  if (run)
    evidence.push(
      statusEvidence(
        run.path,
        `exit code ${run.t.exitCode ?? '?'} (${run.t.reason ?? ''}): ${exitCodeMeaning(run.t.exitCode ?? 137)}`,
        run.t.finishedAt,
      ),
    );
  const back = backoffEvidence(ctx, c, run?.t);
  evidence.push(...back.evidence);
  if (p)
    evidence.push(
      specEvidence(
        `${c.specPath}.${field}`,
        timingText(p, 'liveness').replace(/^liveness/, startup ? 'startup' : 'liveness'),
      ),
    );
  const logs = logsOf(ctx, c.name);
  const startSeconds = appStartSeconds(logs.previous) ?? appStartSeconds(logs.current);
  const duration = run ? runSeconds(run.t) : undefined;
  const causes: Cause[] = [];
  const fixes: Fix[] = [];
  const hasStartupProbe = c.spec?.['startupProbe'] !== undefined;
  let starting = false;
  if (p) {
    const deadline = p.initialDelaySeconds + p.periodSeconds * p.failureThreshold;
    const killedWhileStarting =
      (startSeconds !== undefined && startSeconds > deadline - p.periodSeconds) ||
      (duration !== undefined &&
        duration <= deadline + p.periodSeconds + 5 &&
        startSeconds === undefined &&
        unhealthy !== undefined &&
        classifyProbeMessage(unhealthy.message).kind === 'refused');
    if (killedWhileStarting && !startup) {
      starting = true;
      causes.push(
        cause(
          `The probe kills the app before it has started: it is killed ${deadline} s after start at the latest${startSeconds !== undefined ? `, but it needs about ${startSeconds} s to start` : duration !== undefined ? `, and each run lasted only ${Math.round(duration)} s` : ''}.`,
          'likely',
        ),
      );
      const budget = Math.ceil(((startSeconds ?? deadline) * 2) / 10) * 10;
      if (!hasStartupProbe) {
        const live = (c.spec?.['livenessProbe'] ?? {}) as Record<string, unknown>;
        const handler = Object.fromEntries(
          ['httpGet', 'tcpSocket', 'grpc', 'exec']
            .filter((k) => live[k] !== undefined)
            .map((k) => [k, live[k]]),
        );
        fixes.push({
          text: `Add a startupProbe with the liveness check that allows ${budget} s to start; liveness only runs after it succeeds.`,
          specPath: `${c.specPath}.startupProbe`,
          value: JSON.stringify({ ...handler, periodSeconds: 10, failureThreshold: Math.ceil(budget / 10) }),
        });
      }
    }
  }
  if (unhealthy) causes.push(...probeCauses(c, field, unhealthy.message, p, startSeconds, starting));
  causes.push(
    cause(
      'The liveness check depends on something outside the container (database, downstream service): when that is slow, every replica is restarted.',
      'possible',
    ),
  );
  fixes.push({
    text: 'Make the liveness endpoint cheap and local (is the process alive?), and raise timeoutSeconds/failureThreshold if it is slow under load.',
    specPath: `${c.specPath}.${field}`,
  });
  return {
    id: 'liveness-restarts',
    severity: restartSeverity(c),
    title: `${upper(c.label)} is restarted by its failing ${startup ? 'startup' : 'liveness'} probe`,
    summary: `The kubelet killed ${c.label} because its ${startup ? 'startup' : 'liveness'} probe failed${unhealthy ? ` (${quote(unhealthy.message.replace(/^\w+ probe (failed|errored): /, ''), 120)})` : ''}; it has restarted ${restarts} time${restarts === 1 ? '' : 's'}${run?.t.exitCode !== undefined ? `, last exit ${run.t.exitCode} (${exitCodeMeaning(run.t.exitCode)})` : ''}.${back.text}`,
    container: c.name,
    evidence,
    causes: rankCauses(causes),
    fixes,
  };
}

export const livenessRestartsDiagnosis: DiagnosisDeclaration = {
  id: 'liveness-restarts',
  severity: 'critical',
  title: 'A container is restarted by its failing liveness probe',
  scope: 'container',
  containers: 'long-running',
  skipsClaimed: true,
  claims: 'container',
  detect: livenessRestarts,
};
