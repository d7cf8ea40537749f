/** readiness-failing: a running container whose readiness probe fails, so it gets no traffic. */
import { timeMillis } from '../../k8s';
import { effectiveProbe } from '../../probes';
import type { ContainerInfo, DiagnoseContext } from '../context';
import { containerEvents, logsOf } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { appStartSeconds, classifyProbeMessage, probeCauses, probePort, timingText } from '../probe-failures';
import { eventEvidence, isoOf, quote, rankCauses, specEvidence, statusEvidence } from '../evidence';
import { cpuLimitMillis, upper } from '../runs';
import type { Diagnosis, Evidence, Fix } from '../types';

function readinessFailing(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined {
  const running = c.status?.state?.running;
  if (!running) return undefined;
  const events = containerEvents(ctx, c, ['Unhealthy']).filter((e) =>
    /^Readiness probe (failed|errored)/.test(e.message),
  );
  const last = events.at(-1);
  if (!last) return undefined;
  const ready = c.status?.ready === true;
  const started = timeMillis(running.startedAt);
  // Failures from before the current run, or long ago while ready now, are history.
  if (started !== undefined && last.timeMs !== undefined && last.timeMs < started) return undefined;
  if (ready && (last.timeMs === undefined || ctx.nowMs - last.timeMs > 10 * 60_000)) return undefined;
  const p = effectiveProbe(c.spec?.['readinessProbe']);
  const logs = logsOf(ctx, c.name);
  const startSeconds = appStartSeconds(logs.current);
  // Failures only while the app was starting, followed by Ready, are normal start-up unless the
  // log shows the app starts later than the probe begins.
  const readySince = timeMillis(
    ctx.pod.status?.conditions?.find((x) => x.type === 'ContainersReady' && x.status === 'True')
      ?.lastTransitionTime,
  );
  const startupOnly =
    ready &&
    readySince !== undefined &&
    started !== undefined &&
    last.timeMs !== undefined &&
    last.timeMs <= readySince &&
    readySince - started <= 5 * 60_000;
  if (
    startupOnly &&
    !(startSeconds !== undefined && p !== undefined && startSeconds > p.initialDelaySeconds)
  ) {
    return undefined;
  }
  const evidence: Evidence[] = [
    statusEvidence(
      `${c.statusPath}.ready`,
      `ready: ${ready}, running since ${isoOf(running.startedAt) ?? '?'}`,
    ),
    eventEvidence(last),
  ];
  const readyCondition = ctx.pod.status?.conditions?.find((x) => x.type === 'Ready');
  if (readyCondition && readyCondition.status !== 'True')
    evidence.push(
      statusEvidence(
        'status.conditions[Ready]',
        `Ready=${readyCondition.status ?? ''}${readyCondition.reason ? `, reason ${readyCondition.reason}` : ''}${readyCondition.message ? `: ${readyCondition.message}` : ''}`,
        readyCondition.lastTransitionTime,
      ),
    );
  if (p) evidence.push(specEvidence(`${c.specPath}.readinessProbe`, timingText(p, 'readiness')));
  const cpu = cpuLimitMillis(c);
  if (cpu !== undefined)
    evidence.push(specEvidence(`${c.specPath}.resources.limits.cpu`, `limits.cpu: ${cpu}m`));
  if (startSeconds !== undefined)
    evidence.push({
      source: 'log',
      text: `the app reports it started after ${startSeconds} s`,
      path: `logs/${c.name}`,
    });
  const causes = probeCauses(c, 'readinessProbe', last.message, p, startSeconds);
  const fixes: Fix[] = [];
  const failure = classifyProbeMessage(last.message);
  const slowStart = startSeconds !== undefined && p !== undefined && startSeconds > p.initialDelaySeconds;
  if (slowStart) {
    fixes.push({
      text: `Start probing once the app is up (it needs ~${startSeconds} s).`,
      specPath: `${c.specPath}.readinessProbe.initialDelaySeconds`,
      value: String(Math.ceil(startSeconds)),
    });
  }
  if (failure.kind === 'refused' && !slowStart)
    fixes.push({
      text: 'Point the probe at the port the app listens on (and make the app listen on 0.0.0.0).',
      specPath: `${c.specPath}.readinessProbe`,
    });
  if (failure.kind === 'http-status' && failure.status === 404)
    fixes.push({
      text: 'Use the health path the app serves.',
      specPath: `${c.specPath}.readinessProbe.httpGet.path`,
    });
  if (failure.kind === 'timeout') {
    fixes.push({
      text: 'Allow slower answers.',
      specPath: `${c.specPath}.readinessProbe.timeoutSeconds`,
      value: String(Math.max(3, (p?.timeoutSeconds ?? 1) * 3)),
    });
    if (cpu !== undefined && cpu <= 500)
      fixes.push({
        text: 'Give the container more CPU so it is not throttled.',
        specPath: `${c.specPath}.resources.limits.cpu`,
        value: `${Math.max(500, cpu * 2)}m`,
      });
  }
  if (p && p.periodSeconds <= 2 && p.failureThreshold <= 1)
    fixes.push({
      text: 'Tolerate a slow reply.',
      specPath: `${c.specPath}.readinessProbe.failureThreshold`,
      value: '3',
    });
  fixes.push({
    text: `Check the endpoint from inside the pod: kubectl exec ${ctx.name} -c ${c.name} -- wget -qO- http://localhost:${String(probePort(c.spec?.['readinessProbe'] as Record<string, unknown> | undefined) ?? 'PORT')}${String(((c.spec?.['readinessProbe'] as Record<string, unknown> | undefined)?.['httpGet'] as { path?: string } | undefined)?.path ?? '/')}`,
  });
  return {
    id: 'readiness-failing',
    severity: ready ? 'warning' : 'error',
    title: ready
      ? `The readiness probe of ${c.label} fails intermittently`
      : `${upper(c.label)} is running but not ready: its readiness probe fails`,
    summary: `${ready ? 'The readiness probe failed recently' : 'The container runs, but the Service sends it no traffic because its readiness probe fails'}: ${quote(last.message.replace(/^Readiness probe (failed|errored): /, ''), 160)}${last.count > 1 ? ` (${last.count} times)` : ''}.`,
    container: c.name,
    evidence,
    causes: rankCauses(causes),
    fixes,
  };
}

export const readinessFailingDiagnosis: DiagnosisDeclaration = {
  id: 'readiness-failing',
  severity: 'error',
  title: 'A readiness probe fails',
  scope: 'container',
  containers: 'long-running',
  skipsClaimed: false,
  detect: readinessFailing,
};
