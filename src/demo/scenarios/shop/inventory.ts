import { fieldPath, waiting } from '../../pods';
import { MIN, occurrences, ownedPod, repeatEvent, waitingPod } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';

/** How the pods of inventory.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const plan = ownedPod(ctx, workload, 14 * MIN, { node: 'a', ipSuffix: 70 });
  const message = "couldn't find key DATABASE_URL in ConfigMap shop/inventory-config";
  const { stored, scheduledMs } = waitingPod(
    ctx,
    plan,
    'inventory',
    waiting('CreateContainerConfigError', message),
    { scheduledAfterMs: 120, sandboxAfterMs: 1900 },
  );
  const every = 15_000;
  const n = occurrences(scheduledMs, ctx.startMs, every);
  repeatEvent(
    ctx,
    stored,
    {
      reason: 'Pulled',
      message: 'Container image "registry.example.com/shop/inventory:1.22.0" already present on machine',
      fieldPath: fieldPath('inventory'),
    },
    scheduledMs + 2000,
    every,
    n,
  );
  repeatEvent(
    ctx,
    stored,
    { reason: 'Failed', type: 'Warning', message: `Error: ${message}`, fieldPath: fieldPath('inventory') },
    scheduledMs + 2000,
    every,
    n,
  );
}
