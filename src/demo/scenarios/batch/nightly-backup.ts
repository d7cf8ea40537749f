import { condition, iso, statusOf } from '../../build';
import { containerStatus, podSkeleton, recordScheduled, recordStart, terminated } from '../../pods';
import { addOwner, HOUR, MIN, podPlanOf, put } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';
import type { Json } from '../../selectors';

/** How the pods of nightly-backup.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const createdMs = ctx.startMs - 9 * HOUR - 17 * MIN;
  const completedMs = createdMs + 4 * MIN + 12_000;
  const owner = addOwner(ctx, workload, { createdMs, jobName: 'nightly-backup-29391840', completedMs });
  const pod = podSkeleton(podPlanOf(workload, owner, createdMs, { node: 'b', ipSuffix: 90 }));
  const scheduledMs = createdMs + 100;
  const startedMs = scheduledMs + 2200;
  const status = statusOf(pod);
  status.phase = 'Succeeded';
  status.conditions = [
    condition('PodReadyToStartContainers', 'False', completedMs + 1000),
    condition('Initialized', 'True', scheduledMs, 'PodCompleted'),
    condition('Ready', 'False', completedMs, 'PodCompleted'),
    condition('ContainersReady', 'False', completedMs, 'PodCompleted'),
    condition('PodScheduled', 'True', scheduledMs),
  ];
  status.containerStatuses = [
    containerStatus(pod, 'backup', {
      state: terminated(0, 'Completed', startedMs, completedMs),
      created: true,
    }),
  ];
  const c = (status.containerStatuses as Json[])[0] as Json;
  ((c.state as Json).terminated as Json).containerID = c.containerID;
  const stored = put(ctx, pod);
  recordScheduled(ctx.world, stored, scheduledMs);
  recordStart(ctx.world, stored, 'backup', startedMs);
  ctx.world.startLog(
    stored,
    'backup',
    String(c.containerID),
    [
      {
        ms: startedMs + 100,
        text: `${iso(startedMs)} starting pg_dump of shop@postgres.data.svc.cluster.local`,
      },
      { ms: completedMs - 9000, text: `${iso(completedMs - 9000)} dump written: 3.8 GiB` },
      {
        ms: completedMs - 300,
        text: `${iso(completedMs - 300)} uploaded to gs://example-shop-backups/2026-11-23/shop.dump`,
      },
    ],
    ctx.world.now(),
  );
}
