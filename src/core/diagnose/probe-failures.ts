/** What a failing probe's event says, and the usual reasons behind it. */
import type { EffectiveProbe } from '../probes';
import type { ContainerInfo } from './context';
import { cause, quote } from './evidence';
import { cpuLimitMillis } from './runs';
import type { Cause } from './types';

type ProbeFailureKind = 'refused' | 'timeout' | 'http-status' | 'exec' | 'other';

/** What a probe failure message says: refused connection, timeout, an HTTP status, an exec failure. */
export function classifyProbeMessage(message: string): { kind: ProbeFailureKind; status?: number } {
  const status = /statuscode: (\d{3})/.exec(message);
  if (status) return { kind: 'http-status', status: Number(status[1]) };
  if (/connection refused|no route to host|connection reset/.test(message)) return { kind: 'refused' };
  if (
    /context deadline exceeded|Client\.Timeout|timed out|timeout|i\/o timeout|did not complete within/i.test(
      message,
    )
  )
    return { kind: 'timeout' };
  if (/probe failed: /.test(message)) return { kind: 'exec' };
  return { kind: 'other' };
}

/** The application's own start time, from well-known log lines (`Started App in 14.5 seconds`). */
export function appStartSeconds(log: string | undefined): number | undefined {
  if (!log) return undefined;
  const m =
    /Started \S+ in ([\d.]+) seconds/.exec(log) ??
    /started in ([\d.]+)s/i.exec(log) ??
    /(?:server|application|app|service)\s+(?:started|ready|listening)[^\n]{0,60}?\bin ([\d.]+) ?(?:s|sec|seconds)\b/i.exec(
      log,
    );
  return m ? Number(m[1]) : undefined;
}

export function probePort(probe: Record<string, unknown> | undefined): string | number | undefined {
  const handler = (probe?.['httpGet'] ?? probe?.['tcpSocket'] ?? probe?.['grpc']) as
    { port?: string | number } | undefined;
  return handler?.port;
}

function declaredPorts(c: ContainerInfo): Array<{ name?: string; containerPort?: number }> {
  return (c.spec?.['ports'] as Array<{ name?: string; containerPort?: number }> | undefined) ?? [];
}

export function probeCauses(
  c: ContainerInfo,
  field: 'readinessProbe' | 'livenessProbe' | 'startupProbe',
  message: string,
  p: EffectiveProbe | undefined,
  startSeconds: number | undefined,
  starting = false,
): Cause[] {
  const out: Cause[] = [];
  const failure = classifyProbeMessage(message);
  const probe = c.spec?.[field] as Record<string, unknown> | undefined;
  const port = probePort(probe);
  const ports = declaredPorts(c);
  const portDeclared =
    port === undefined ||
    ports.length === 0 ||
    ports.some((d) => d.name === port || d.containerPort === port);
  switch (failure.kind) {
    case 'refused':
      if (!portDeclared)
        out.push(
          cause(
            `The probe checks port ${port} but the container declares ${ports.map((d) => d.containerPort).join(', ')}: nothing listens where the probe knocks.`,
            'likely',
          ),
        );
      if (startSeconds !== undefined && p && startSeconds > p.initialDelaySeconds) {
        starting = true;
        out.push(
          cause(
            `The app needs about ${startSeconds} s to start and the probe starts at ${p.initialDelaySeconds} s: early checks find no listener.`,
            'likely',
          ),
        );
      }
      out.push(
        cause(
          `Nothing listens on port ${port ?? 'the probed port'} inside the container: a wrong port, or the app binds only to 127.0.0.1 instead of 0.0.0.0.`,
          portDeclared && !starting ? 'likely' : 'possible',
        ),
      );
      break;
    case 'timeout':
      out.push(
        cause(`The endpoint does not answer within timeoutSeconds (${p?.timeoutSeconds ?? 1} s).`, 'likely'),
      );
      {
        const cpu = cpuLimitMillis(c);
        if (cpu !== undefined && cpu <= 500)
          out.push(cause(`The CPU limit (${cpu}m) throttles the app so it answers too slowly.`, 'likely'));
      }
      out.push(
        cause(
          'The health endpoint does real work (database queries, downstream calls) and is slow under load.',
          'possible',
        ),
      );
      break;
    case 'http-status':
      if (failure.status === 404)
        out.push(
          cause(
            `The probe path ${String((probe?.['httpGet'] as { path?: string } | undefined)?.path ?? '')} does not exist in the app (HTTP 404).`,
            'likely',
          ),
        );
      else if (failure.status !== undefined && failure.status >= 500)
        out.push(
          cause(
            `The app answers ${failure.status}: it reports itself unhealthy, often because a dependency it checks (database, cache) is down.`,
            'likely',
          ),
        );
      else if (failure.status === 401 || failure.status === 403)
        out.push(cause(`The health endpoint requires authentication (HTTP ${failure.status}).`, 'likely'));
      else out.push(cause(`The app answers HTTP ${failure.status ?? '?'}; probes need 200–399.`, 'likely'));
      break;
    case 'exec':
      out.push(
        cause(`The probe command fails: ${quote(message.replace(/^.*?probe failed: /, ''), 160)}`, 'likely'),
      );
      break;
    default:
      out.push(cause(`The kubelet reports: ${quote(message, 160)}`, 'likely'));
  }
  if (p && p.periodSeconds <= 2 && p.failureThreshold <= 1) {
    out.push(
      cause(
        `The probe runs every ${p.periodSeconds} s and fails after a single miss (failureThreshold 1): one slow reply is enough.`,
        'possible',
      ),
    );
  }
  return out;
}

export function timingText(p: EffectiveProbe, kind: 'readiness' | 'liveness'): string {
  const deadline = p.initialDelaySeconds + p.periodSeconds * p.failureThreshold;
  return kind === 'liveness'
    ? `liveness ${p.description}: first check at ${p.initialDelaySeconds} s, every ${p.periodSeconds} s, timeout ${p.timeoutSeconds} s, killed after ${p.failureThreshold} failures (by ${deadline} s if it never answers)`
    : `readiness ${p.description}: first check at ${p.initialDelaySeconds} s, every ${p.periodSeconds} s, timeout ${p.timeoutSeconds} s, unready after ${p.failureThreshold} failures`;
}
