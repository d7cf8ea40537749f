import { metaOf, statusOf } from '../../build';
import { fieldPath } from '../../pods';
import { HOUR, MIN, ownedPod, runningPod, setReady } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';
import type { EventSeed } from '../../world';

/** How the pods of search.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const plan = ownedPod(ctx, workload, 4 * HOUR + 3 * MIN, { node: 'b', ipSuffix: 24 }, { ready: 1 });
  const pod = runningPod(ctx, plan, { ready: true });
  const ns = 'default';
  const name = String(metaOf(pod).name);
  const ip = String(statusOf(pod).podIP);
  const seed: EventSeed = {
    reason: 'Unhealthy',
    type: 'Warning',
    message: `Readiness probe failed: Get "http://${ip}:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    fieldPath: fieldPath('search'),
  };
  ctx.world.recordEvent(pod, { ...seed, count: 212, firstMs: plan.createdMs + 40_000 }, ctx.startMs - 25_000);
  let ready = true;
  ctx.world.every(ctx.startMs + 20_000, 20_000, (at) => {
    ready = !ready;
    const updated = ctx.world.updatePod(ns, name, (p) => setReady(p, ready, at, ['search']));
    if (!updated) return false;
    if (!ready) ctx.world.recordEvent(updated, seed, at);
    return true;
  });
}
