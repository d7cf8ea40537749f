import { statusOf } from '../../build';
import { fieldPath } from '../../pods';
import { chattyLog, MIN, occurrences, ownedPod, repeatEvent, runningPod } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';

/** How the pods of frontend.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const plan = ownedPod(ctx, workload, 17 * MIN, { node: 'a', ipSuffix: 23 });
  const pod = runningPod(ctx, plan, { ready: false });
  const ip = String(statusOf(pod).podIP);
  repeatEvent(
    ctx,
    pod,
    {
      reason: 'Unhealthy',
      type: 'Warning',
      message: `Readiness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`,
      fieldPath: fieldPath('frontend'),
    },
    plan.createdMs + 5000,
    10_000,
    occurrences(plan.createdMs, ctx.startMs, 10_000),
  );
  chattyLog(
    ctx,
    pod,
    'frontend',
    plan.createdMs + 2600,
    7_000,
    (n) =>
      `{"level":"info","time":"%T","msg":"rendered page","path":"/products/${1000 + (n % 37)}","status":200,"ms":${18 + (n % 23)}}`,
  );
}
