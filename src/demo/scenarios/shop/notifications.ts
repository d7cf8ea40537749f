import { iso, statusOf } from '../../build';
import type { Owner } from '../../cluster-objects';
import { addOwner, MIN, occurrences, repeatEvent } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';

/** How the pods of notifications.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const { world } = ctx;
  const createdMs = ctx.startMs - 31 * MIN;
  const owner = addOwner(ctx, workload, { createdMs, current: 0 });
  const rs = world.store.get('replicasets', 'shop', owner.name);
  if (!rs) return;
  world.store.update('replicasets', 'shop', owner.name, (r) => {
    statusOf(r).conditions = [
      {
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: iso(createdMs + 200),
        reason: 'FailedCreate',
        message: quotaMessage(owner, 'x7k2p'),
      },
    ];
  });
  const seeds = ['x7k2p', 'q9d4m', 'fz6wl', 'r2b8n', 'kt5hc'];
  seeds.forEach((suffix, i) => {
    world.recordEvent(
      rs,
      {
        reason: 'FailedCreate',
        type: 'Warning',
        message: `Error creating: ${quotaMessage(owner, suffix)}`,
        component: 'replicaset-controller',
      },
      createdMs + 200 + i * 1000,
    );
  });
  const repeat = {
    reason: 'FailedCreate',
    type: 'Warning' as const,
    message: `Error creating: ${quotaMessage(owner, 'w4j7s')}`,
    component: 'replicaset-controller',
  };
  repeatEvent(
    ctx,
    rs,
    repeat,
    createdMs + 8000,
    5 * MIN + 30_000,
    occurrences(createdMs, ctx.startMs, 5 * MIN + 30_000),
  );
}

function quotaMessage(owner: Owner, suffix: string): string {
  return `pods "${owner.podPrefix}${suffix}" is forbidden: exceeded quota: shop-quota, requested: limits.memory=1Gi, used: limits.memory=7680Mi, limited: limits.memory=8Gi`;
}
