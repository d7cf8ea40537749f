/** hook-failure: a postStart or preStop hook fails. */
import type { ContainerInfo, DiagnoseContext } from '../context';
import { containerEvents } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { cause, eventEvidence, newest, quote, rankCauses, specEvidence, statusEvidence } from '../evidence';
import { exitCodeMeaning } from '../exit-codes';
import type { Cause, Diagnosis, Evidence } from '../types';

/** `... failed - error: command '/bin/sh -c /init.sh' exited with 126: , message: "..."` */
export function parseHookMessage(message: string): {
  handler?: string;
  exitCode?: number;
  output?: string;
  error?: string;
} {
  const handler = /lifecycle hook \(\[?(.*?)\]?\) for Container/.exec(message)?.[1];
  const exit = /exited with (\d+)/.exec(message);
  const output = /message: "(.*)"\s*$/s
    .exec(message)?.[1]
    ?.replace(/\\n/g, '\n')
    .replace(/\\r/g, '')
    .replace(/\\"/g, '"')
    .trim();
  const error = /failed - error: (.*?)(?:, message: ".*")?\s*$/s
    .exec(message)?.[1]
    ?.replace(/[:,\s]+$/, '')
    .trim();
  return {
    ...(handler ? { handler } : {}),
    ...(exit ? { exitCode: Number(exit[1]) } : {}),
    ...(output ? { output } : {}),
    ...(error ? { error } : {}),
  };
}

function hookFailure(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined {
  const events = containerEvents(ctx, c, ['FailedPostStartHook', 'FailedPreStopHook']);
  const waiting = c.status?.state?.waiting;
  const event = events.at(-1);
  if (!event && waiting?.reason !== 'PostStartHookError') return undefined;
  const preStop = event?.reason === 'FailedPreStopHook';
  const message = event?.message ?? waiting?.message ?? '';
  const parsed = parseHookMessage(message);
  const hook = preStop ? 'preStop' : 'postStart';
  const evidence: Evidence[] = [];
  if (event) evidence.push(eventEvidence(event));
  if (waiting?.reason === 'PostStartHookError')
    evidence.push(
      statusEvidence(`${c.statusPath}.state.waiting`, `PostStartHookError: ${quote(waiting.message ?? '')}`),
    );
  const killing = newest(containerEvents(ctx, c, ['Killing']), (e) =>
    /FailedPostStartHook|PostStartHook/.test(e.message),
  );
  if (killing) evidence.push(eventEvidence(killing));
  const lifecycle = (c.spec?.['lifecycle'] as Record<string, unknown> | undefined)?.[hook];
  if (lifecycle !== undefined)
    evidence.push(
      specEvidence(`${c.specPath}.lifecycle.${hook}`, `${hook}: ${quote(JSON.stringify(lifecycle), 200)}`),
    );
  const causes: Cause[] = [];
  if (parsed.exitCode !== undefined) {
    causes.push(
      cause(
        `The hook command exited with ${parsed.exitCode} (${exitCodeMeaning(parsed.exitCode, 'Never')})${parsed.output ? `: ${quote(parsed.output, 160)}` : ''}.`,
        'likely',
      ),
    );
  }
  if (/connection refused/.test(message))
    causes.push(
      cause(
        'The HTTP hook ran before the application listened on its port: postStart runs right after the container starts, in parallel with the entrypoint.',
        'likely',
      ),
    );
  if (!preStop)
    causes.push(
      cause(
        'postStart runs concurrently with the entrypoint, so it cannot rely on files or ports the application creates while starting.',
        'possible',
      ),
    );
  else
    causes.push(
      cause(
        'The preStop hook fails or outlives terminationGracePeriodSeconds, so the container is killed without a clean shutdown.',
        'possible',
      ),
    );
  return {
    id: 'hook-failure',
    severity: preStop ? 'warning' : 'error',
    title: `The ${hook} hook of ${c.label} fails`,
    summary: preStop
      ? `The preStop hook of ${c.label} failed while the pod was stopping${parsed.exitCode !== undefined ? ` (exit ${parsed.exitCode})` : ''}; the container was stopped without it.`
      : `The kubelet kills ${c.label} because its postStart hook failed${parsed.exitCode !== undefined ? ` (exit ${parsed.exitCode})` : ''}, then restarts it, and the hook fails again.`,
    container: c.name,
    evidence,
    causes: rankCauses(causes),
    fixes: [
      {
        text: `Fix the hook or make it tolerant (retry until the app is up, "|| true" for best-effort work); move one-off setup into an init container.`,
        specPath: `${c.specPath}.lifecycle.${hook}`,
      },
    ],
  };
}

export const hookFailureDiagnosis: DiagnosisDeclaration = {
  id: 'hook-failure',
  severity: 'error',
  title: 'A lifecycle hook fails',
  scope: 'container',
  containers: 'all',
  skipsClaimed: true,
  // A failed postStart kills the container, which explains its restarts; a failed preStop (a
  // warning: the container was stopping anyway) explains nothing more.
  claims: 'container',
  claimsWhen: (d) => d.severity !== 'warning',
  detect: hookFailure,
};
