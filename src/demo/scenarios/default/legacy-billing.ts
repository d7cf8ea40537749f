import { waiting } from '../../pods';
import { MIN, occurrences, ownedPod, repeatEvent, waitingPod } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';

/** How the pods of legacy-billing.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const plan = ownedPod(ctx, workload, 9 * MIN, { node: 'b', ipSuffix: 71 });
  const { stored, scheduledMs } = waitingPod(ctx, plan, 'billing', waiting('ContainerCreating'), {
    scheduledAfterMs: 90,
  });
  repeatEvent(
    ctx,
    stored,
    {
      reason: 'FailedMount',
      type: 'Warning',
      message: 'MountVolume.SetUp failed for volume "config" : configmap "billing-config" not found',
    },
    scheduledMs + 500,
    2 * MIN + 2000,
    occurrences(scheduledMs, ctx.startMs, 2 * MIN + 2000) + 3,
  );
}
