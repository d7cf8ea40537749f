import type { ContainerState } from '../k8s';
import type { DiagnoseContext } from './context';
import { isoOf } from './evidence';
import { exitCodeMeaning } from './exit-codes';
import type { ContainerCard } from './types';

function describeState(state: ContainerState | undefined): string | undefined {
  if (state?.running) return `Running since ${isoOf(state.running.startedAt) ?? '?'}`;
  if (state?.waiting) return `Waiting: ${state.waiting.reason ?? 'unknown reason'}`;
  if (state?.terminated) {
    const t = state.terminated;
    return `Terminated: ${t.reason ?? 'Error'} (exit ${t.exitCode ?? '?'})${t.finishedAt ? ` at ${isoOf(t.finishedAt) ?? ''}` : ''}`;
  }
  return undefined;
}

/** One card per container, init containers first, as the explain view and report show them. */
export function containerCards(ctx: DiagnoseContext): ContainerCard[] {
  return ctx.containers.map((c) => {
    const s = c.status;
    const state = s?.state;
    const kind = state?.running
      ? 'running'
      : state?.waiting
        ? 'waiting'
        : state?.terminated
          ? 'terminated'
          : 'unknown';
    const t = state?.terminated;
    const last = s?.lastState?.terminated;
    const policy = c.role === 'main' || c.role === 'sidecar' ? ctx.restartPolicy : 'Never';
    const reason = state?.waiting?.reason ?? t?.reason;
    const message = state?.waiting?.message ?? t?.message;
    const lastText = describeState(s?.lastState);
    return {
      name: c.name,
      role: c.role,
      image: (typeof c.spec?.image === 'string' ? c.spec.image : undefined) ?? s?.image ?? '',
      state: kind,
      stateText: describeState(state) ?? 'Not reported yet',
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      ...(t?.exitCode !== undefined
        ? { exitCode: t.exitCode, exitMeaning: exitCodeMeaning(t.exitCode, policy) }
        : {}),
      ...(lastText ? { lastState: lastText } : {}),
      ...(last?.exitCode !== undefined
        ? { lastExitCode: last.exitCode, lastExitMeaning: exitCodeMeaning(last.exitCode, policy) }
        : {}),
      restarts: s?.restartCount ?? 0,
      ready: s?.ready === true,
    };
  });
}
