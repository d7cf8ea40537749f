/** What the diagnoses found so far say, for those that apply only when nothing else does. */
import { longRunning, type DiagnoseContext } from './context';
import type { Found } from './declaration';

/** Only warnings or nothing found so far: the pod's own state says the rest. */
export function onlyWarnings(found: Found): boolean {
  return found.diagnoses.every((d) => d.severity === 'warning' || d.severity === 'info');
}

export function noProblems(found: Found): boolean {
  return found.diagnoses.every((d) => d.severity === 'info');
}

/** Phase Running, every long-running container running and ready, Ready not False, not deleted. */
export function runningAndReady(ctx: DiagnoseContext): boolean {
  const readyCondition = ctx.pod.status?.conditions?.find((c) => c.type === 'Ready');
  const allReady =
    longRunning(ctx).length > 0 &&
    longRunning(ctx).every((c) => c.status?.ready === true && c.status.state?.running);
  return (
    ctx.phase === 'Running' &&
    allReady &&
    readyCondition?.status !== 'False' &&
    !ctx.pod.metadata?.deletionTimestamp
  );
}
