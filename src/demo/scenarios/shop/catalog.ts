import { iso, metaOf, statusOf } from '../../build';
import {
  containerStatus,
  fieldPath,
  podConditions,
  podSkeleton,
  recordScheduled,
  recordStart,
  running,
  terminated,
} from '../../pods';
import { ownedPod, put, setReady } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';
import type { Json } from '../../selectors';
import type { EventSeed } from '../../world';

/** How the pods of catalog.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const { world } = ctx;
  const plan = ownedPod(ctx, workload, 12_000, { node: 'a', ipSuffix: 33 });
  const { createdMs } = plan;
  const pod = podSkeleton(plan);
  const scheduledMs = createdMs + 100;
  const initDoneMs = createdMs + 3500;
  const readyAt = ctx.startMs + 30_000;
  const status = statusOf(pod);
  status.phase = 'Running';
  status.conditions = podConditions({
    scheduledMs,
    sandboxReadyMs: scheduledMs + 1200,
    initializedMs: initDoneMs + 500,
    readyMs: initDoneMs + 600,
    ready: false,
    notReady: ['catalog'],
  });
  status.initContainerStatuses = [
    containerStatus(pod, 'fetch-assets', {
      state: terminated(0, 'Completed', scheduledMs + 1500, initDoneMs),
      created: true,
    }),
    containerStatus(pod, 'envoy', { state: running(initDoneMs + 100), ready: true, created: true }),
  ];
  const fetch = (status.initContainerStatuses as Json[])[0] as Json;
  ((fetch.state as Json).terminated as Json).containerID = fetch.containerID;
  status.containerStatuses = [
    containerStatus(pod, 'catalog', { state: running(initDoneMs + 400), created: true }),
  ];
  const stored = put(ctx, pod);
  const name = String(metaOf(stored).name);
  recordScheduled(world, stored, scheduledMs);
  recordStart(world, stored, 'fetch-assets', scheduledMs + 1500, true);
  recordStart(world, stored, 'envoy', initDoneMs + 100, true);
  recordStart(world, stored, 'catalog', initDoneMs + 400);
  const catalogId = String(((statusOf(stored).containerStatuses as Json[])[0] as Json).containerID);
  world.startLog(
    stored,
    'catalog',
    catalogId,
    [
      { ms: initDoneMs + 600, text: 'catalog 7.3.0: loading 184,220 products from /srv/assets' },
      { ms: initDoneMs + 12_000, text: 'catalog: products indexed (62,000/184,220)' },
      { ms: readyAt - 9_000, text: 'catalog: products indexed (184,220/184,220)' },
      { ms: readyAt - 1_000, text: 'catalog: listening on :8080' },
    ],
    world.now(),
  );
  const envoyId = String(((statusOf(stored).initContainerStatuses as Json[])[1] as Json).containerID);
  world.startLog(
    stored,
    'envoy',
    envoyId,
    [
      {
        ms: initDoneMs + 150,
        text: `[${iso(initDoneMs)}][1][info][main] [source/server/server.cc:430] initializing epoch 0 (base id=0, hot restart version=11.104)`,
      },
      {
        ms: initDoneMs + 300,
        text: `[${iso(initDoneMs)}][1][info][main] [source/server/server.cc:960] all clusters initialized. initializing init manager`,
      },
    ],
    world.now(),
  );
  world.startLog(stored, 'fetch-assets', String(fetch.containerID), [], world.now());
  const unhealthy: EventSeed = {
    reason: 'Unhealthy',
    type: 'Warning',
    message: `Readiness probe failed: Get "http://${String(statusOf(stored).podIP)}:8080/ready": dial tcp ${String(statusOf(stored).podIP)}:8080: connect: connection refused`,
    fieldPath: fieldPath('catalog'),
  };
  world.every(initDoneMs + 5400, 5000, (at) => {
    const current = world.pod('shop', name);
    if (!current || at >= readyAt) return false;
    world.recordEvent(current, unhealthy, at);
    return true;
  });
  world.schedule(readyAt, (at) => {
    world.updatePod('shop', name, (p) => setReady(p, true, at, ['catalog']));
  });
}
