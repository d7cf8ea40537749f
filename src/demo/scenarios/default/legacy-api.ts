import { condition, iso, metaOf, statusOf } from '../../build';
import { NODE_C_LOST_AGO_S, NODES } from '../../cluster-objects';
import { containerStatus, podSkeleton, running } from '../../pods';
import { DAY, MIN, ownedPod, put } from '../../scenario-kit';
import type { ScenarioContext, Workload } from '../../scenario';
import type { Json } from '../../selectors';

/** How the pods of legacy-api.yaml behave (the scenario is described there). */
export function play(ctx: ScenarioContext, workload: Workload): void {
  const plan = ownedPod(ctx, workload, 12 * DAY, { node: 'c', ipSuffix: 12 });
  const { createdMs } = plan;
  const pod = podSkeleton(plan);
  const lostMs = ctx.startMs - NODE_C_LOST_AGO_S * 1000;
  const meta = metaOf(pod);
  meta.deletionTimestamp = iso(lostMs + 5 * MIN + 5000);
  meta.deletionGracePeriodSeconds = 30;
  const status = statusOf(pod);
  status.phase = 'Running';
  status.reason = 'NodeLost';
  status.message = `Node ${NODES.c.name} which was running pod ${String(meta.name)} is unresponsive`;
  status.conditions = [
    condition('PodReadyToStartContainers', 'True', createdMs + 1500),
    condition('Initialized', 'True', createdMs + 100),
    { ...condition('Ready', 'False', lostMs + 5000), lastProbeTime: null },
    condition('ContainersReady', 'True', createdMs + 9000),
    condition('PodScheduled', 'True', createdMs + 100),
    condition(
      'DisruptionTarget',
      'True',
      lostMs + 5 * MIN + 5000,
      'DeletionByTaintManager',
      'Taint manager: deleting due to NoExecute taint',
    ),
  ];
  status.containerStatuses = [
    containerStatus(pod, 'legacy-api', { state: running(createdMs + 2500), ready: true, created: true }),
  ];
  const stored = put(ctx, pod);
  ctx.world.recordEvent(
    stored,
    { reason: 'NodeNotReady', type: 'Warning', message: 'Node is not ready', component: 'node-controller' },
    lostMs + 5000,
  );
  ctx.world.recordEvent(
    stored,
    {
      reason: 'TaintManagerEviction',
      message: `Marking for deletion Pod default/${String(meta.name)}`,
      component: 'taint-eviction-controller',
    },
    lostMs + 5 * MIN + 5000,
  );
  const cid = String(((status.containerStatuses as Json[])[0] as Json).containerID);
  ctx.world.logs.startRun(`default/${String(meta.name)}/legacy-api`, cid, [
    { ms: lostMs - 60_000, text: 'GET /v1/invoices 200 12ms' },
  ]);
}
