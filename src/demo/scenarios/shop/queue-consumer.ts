import { iso, metaOf } from '../../build';
import { fieldPath } from '../../pods';
import { chattyLog, DAY, MIN, ownedPod, runningPod, setReady } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';

/** How the pods of queue-consumer.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  // Deleted 95 min ago with a 1 h grace period: 35 min overdue, held by its finalizer.
  const deletedMs = ctx.startMs - 95 * MIN;
  const plan = ownedPod(ctx, workload, 3 * DAY, { node: 'a', ipSuffix: 95 });
  const pod = runningPod(ctx, plan, { ready: true });
  const name = String(metaOf(pod).name);
  ctx.world.updatePod('shop', name, (p) => {
    const meta = metaOf(p);
    meta.deletionTimestamp = iso(deletedMs + 3600 * 1000);
    meta.deletionGracePeriodSeconds = 3600;
    meta.finalizers = ['shop.example.com/drain-queue'];
    setReady(p, false, deletedMs + 1000, ['consumer']);
  });
  const current = ctx.world.pod('shop', name);
  if (!current) return;
  ctx.world.recordEvent(
    current,
    { reason: 'Killing', message: 'Stopping container consumer', fieldPath: fieldPath('consumer') },
    deletedMs,
  );
  chattyLog(
    ctx,
    current,
    'consumer',
    deletedMs,
    20_000,
    (n) =>
      `%T received SIGTERM earlier; draining: ${Math.max(0, 18_234 - n * 3)} messages left in queue orders.refunds`,
  );
}
