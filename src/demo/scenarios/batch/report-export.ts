import { condition, iso, metaOf, statusOf } from '../../build';
import {
  containerStatus,
  fieldPath,
  podSkeleton,
  recordScheduled,
  recordStart,
  terminated,
} from '../../pods';
import { MIN, ownedPod, put } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';
import type { Json } from '../../selectors';

/** How the pods of report-export.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const { world } = ctx;
  const plan = ownedPod(ctx, workload, 31 * MIN, { node: 'b', ipSuffix: 96 });
  const pod = podSkeleton(plan);
  const scheduledMs = plan.createdMs + 100;
  const startedMs = scheduledMs + 2400;
  // The deadline counts from status.startTime, which is the pod's creation here.
  const killedMs = plan.createdMs + Number(workload.podSpec.activeDeadlineSeconds) * 1000;
  const exitedMs = killedMs + 1200;
  const status = statusOf(pod);
  Object.assign(status, {
    phase: 'Failed',
    reason: 'DeadlineExceeded',
    message: 'Pod was active on the node longer than the specified deadline',
  });
  status.conditions = [
    condition('PodReadyToStartContainers', 'False', exitedMs + 1000),
    condition('Initialized', 'True', scheduledMs),
    condition('Ready', 'False', killedMs, 'PodFailed'),
    condition('ContainersReady', 'False', killedMs, 'PodFailed'),
    condition('PodScheduled', 'True', scheduledMs),
  ];
  // SIGTERM ends the process: 128 + 15.
  status.containerStatuses = [
    containerStatus(pod, 'export', { state: terminated(143, 'Error', startedMs, exitedMs), created: true }),
  ];
  const c = (status.containerStatuses as Json[])[0] as Json;
  ((c.state as Json).terminated as Json).containerID = c.containerID;
  const stored = put(ctx, pod);
  recordScheduled(world, stored, scheduledMs);
  recordStart(world, stored, 'export', startedMs);
  world.recordEvent(
    stored,
    {
      reason: 'DeadlineExceeded',
      message: 'Pod was active on the node longer than the specified deadline',
    },
    killedMs,
  );
  world.recordEvent(
    stored,
    { reason: 'Killing', message: 'Stopping container export', fieldPath: fieldPath('export') },
    killedMs,
  );
  const progress = [0.04, 0.11, 0.17, 0.24, 0.3, 0.37];
  world.startLog(
    stored,
    'export',
    String(c.containerID),
    [
      {
        ms: startedMs + 300,
        text: `${iso(startedMs)} export 3.4.1: orders since 2026-01-01, 6,148,220 rows`,
      },
      ...progress.map((share, i) => ({
        ms: startedMs + (i + 1) * 95_000,
        text: `${iso(startedMs + (i + 1) * 95_000)} exported ${Math.round(share * 6_148_220).toLocaleString('en-US')} rows (${Math.round(share * 100)}%)`,
      })),
      { ms: killedMs + 200, text: `${iso(killedMs)} received SIGTERM, exiting` },
    ],
    world.now(),
  );
  const job = world.store.get('jobs', workload.namespace, workload.name);
  if (!job) return;
  const failed = (type: string): Json => ({
    ...condition(
      type,
      'True',
      exitedMs + 500,
      'BackoffLimitExceeded',
      'Job has reached the specified backoff limit',
    ),
    lastProbeTime: iso(exitedMs + 500),
  });
  world.store.update('jobs', workload.namespace, workload.name, (j) => {
    statusOf(j).active = 0;
    statusOf(j).ready = 0;
    statusOf(j).failed = 1;
    statusOf(j).conditions = [failed('FailureTarget'), failed('Failed')];
  });
  world.recordEvent(
    job,
    {
      reason: 'SuccessfulCreate',
      message: `Created pod: ${String(metaOf(stored).name)}`,
      component: 'job-controller',
    },
    plan.createdMs,
  );
  world.recordEvent(
    job,
    {
      reason: 'BackoffLimitExceeded',
      type: 'Warning',
      message: 'Job has reached the specified backoff limit',
      component: 'job-controller',
    },
    exitedMs + 500,
  );
}
