import { condition, statusOf } from '../../build';
import { containerStatus, fieldPath, podSkeleton, terminated } from '../../pods';
import { addOwner, chattyLog, DAY, HOUR, MIN, podPlanOf, put, runningPod } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';
import type { Json } from '../../selectors';

/** How the pods of image-resizer.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const { world } = ctx;
  const createdMs = ctx.startMs - 2 * DAY;
  const owner = addOwner(ctx, workload, { createdMs, ready: 1 });
  const evictedAt = ctx.startMs - 3 * HOUR - 8 * MIN;
  const evicted = podSkeleton(podPlanOf(workload, owner, createdMs, { node: 'a', ipSuffix: 91 }));
  const message = 'Pod ephemeral local storage usage exceeds the total limit of containers 1Gi. ';
  const status = statusOf(evicted);
  Object.assign(status, { phase: 'Failed', reason: 'Evicted', message });
  status.conditions = [
    condition('DisruptionTarget', 'True', evictedAt, 'TerminationByKubelet', message),
    condition('PodReadyToStartContainers', 'False', evictedAt + 2000),
    condition('Initialized', 'True', createdMs + 100),
    condition('Ready', 'False', evictedAt + 1000, 'PodFailed'),
    condition('ContainersReady', 'False', evictedAt + 1000, 'PodFailed'),
    condition('PodScheduled', 'True', createdMs + 100),
  ];
  status.containerStatuses = [
    containerStatus(evicted, 'resizer', {
      state: terminated(137, 'ContainerStatusUnknown', createdMs + 2500, evictedAt),
      created: true,
    }),
  ];
  ((((status.containerStatuses as Json[])[0] as Json).state as Json).terminated as Json).message =
    'The container could not be located when the pod was terminated';
  const stored = put(ctx, evicted);
  world.recordEvent(stored, { reason: 'Evicted', type: 'Warning', message }, evictedAt);
  world.recordEvent(
    stored,
    { reason: 'Killing', message: 'Stopping container resizer', fieldPath: fieldPath('resizer') },
    evictedAt,
  );
  const replacementMs = evictedAt + 1000;
  const replacement = runningPod(
    ctx,
    podPlanOf(workload, owner, replacementMs, { node: 'b', ipSuffix: 92 }),
    { ready: true },
  );
  chattyLog(
    ctx,
    replacement,
    'resizer',
    replacementMs + 2600,
    11_000,
    (n) => `%T resized upload ${n} to 4 variants (${120 + (n % 80)} ms)`,
  );
}
