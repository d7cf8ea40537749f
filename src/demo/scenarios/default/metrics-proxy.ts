import { createHash } from 'node:crypto';
import { metaOf } from '../../build';
import { waiting } from '../../pods';
import { MIN, occurrences, ownedPod, waitingPod } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';
import type { EventSeed } from '../../world';

/** How the pods of metrics-proxy.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const { world } = ctx;
  const plan = ownedPod(ctx, workload, 6 * MIN, { node: 'a' });
  const { stored, scheduledMs } = waitingPod(ctx, plan, 'proxy', waiting('ContainerCreating'), {
    scheduledAfterMs: 80,
  });
  const every = 15_000;
  const sandboxId = (n: number): string =>
    createHash('sha256')
      .update(`${String(metaOf(stored).uid)}/${n}`)
      .digest('hex');
  const sandbox = (n: number): string =>
    `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sandboxId(n)}": plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized`;
  // client-go records the first similar events one by one, then folds the rest into one event.
  const attempt = (n: number): EventSeed =>
    n < 10
      ? { reason: 'FailedCreatePodSandBox', type: 'Warning', message: sandbox(n) }
      : {
          reason: 'FailedCreatePodSandBox',
          type: 'Warning',
          message: `(combined from similar events): ${sandbox(n)}`,
          aggregate: true,
        };
  const attempts = occurrences(scheduledMs, ctx.startMs, every);
  for (let n = 1; n <= attempts; n++)
    world.recordEvent(stored, attempt(n), ctx.startMs - (attempts - n) * every);
  let serial = attempts;
  world.every(ctx.startMs + every, every, (at) => {
    const current = world.pod('default', String(metaOf(stored).name));
    if (!current) return false;
    serial++;
    world.recordEvent(current, attempt(serial), at);
    return true;
  });
}
