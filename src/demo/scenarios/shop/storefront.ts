import { iso, metaOf, statusOf } from '../../build';
import { containerStatus, fieldPath, recordStart, running, waiting } from '../../pods';
import { ownedPod, setReady, waitingPod } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';
import type { Json } from '../../selectors';

/** How the pods of storefront.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const { world } = ctx;
  const plan = ownedPod(ctx, workload, 3000, { node: 'b', ipSuffix: 80 });
  const { stored, scheduledMs } = waitingPod(ctx, plan, 'storefront', waiting('ContainerCreating'), {
    scheduledAfterMs: 100,
    sandboxAfterMs: 1400,
  });
  const name = String(metaOf(stored).name);
  world.recordEvent(
    stored,
    {
      reason: 'Pulling',
      message: `Pulling image "${String(((plan.spec.containers as Json[])[0] as Json).image)}"`,
      fieldPath: fieldPath('storefront'),
    },
    scheduledMs + 1500,
  );
  const startedMs = ctx.startMs + 14_000;
  world.schedule(startedMs, (at) => {
    const updated = world.updatePod('shop', name, (p) => {
      statusOf(p).phase = 'Running';
      statusOf(p).containerStatuses = [
        containerStatus(p, 'storefront', { state: running(at), created: true }),
      ];
    });
    if (!updated) return;
    recordStart(world, updated, 'storefront', at, false, 14);
    const cid = String(((statusOf(updated).containerStatuses as Json[])[0] as Json).containerID);
    world.startLog(
      updated,
      'storefront',
      cid,
      [
        { ms: at + 200, text: `time=${iso(at)} level=INFO msg="storefront 8.1.0 starting" addr=:8080` },
        {
          ms: at + 4200,
          text: `time=${iso(at + 4000)} level=INFO msg="template cache warmed" templates=214`,
        },
        { ms: at + 6100, text: `time=${iso(at + 6000)} level=INFO msg="ready"` },
      ],
      world.now(),
    );
  });
  world.schedule(startedMs + 6500, (at) => {
    world.updatePod('shop', name, (p) => setReady(p, true, at, ['storefront']));
  });
}
