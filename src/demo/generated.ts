import { iso, nameSuffix, statusOf } from './build';
import { addDeployment, type NodeKey } from './cluster-objects';
import { containerStatus, podConditions, podSkeleton, running, terminated, waiting } from './pods';
import type { Json } from './selectors';
import type { World } from './world';

/**
 * `--pods N`: N more pods in mixed states across a few namespaces, for scale tests of the tree,
 * the watch cache and paging. They hold still; the scenario pods carry the simulation.
 */

const NAMESPACES = ['load-a', 'load-b', 'load-c', 'load-d', 'load-e'];
const PER_DEPLOYMENT = 50;

type Shape = 'running' | 'crashloop' | 'pending' | 'notready' | 'pullbackoff';

/** Mostly healthy, like a real cluster: 80 % running, the rest spread over the usual failures. */
function shapeOf(i: number): Shape {
  const r = i % 20;
  if (r < 16) return 'running';
  return (['crashloop', 'pending', 'notready', 'pullbackoff'] as const)[r - 16] ?? 'running';
}

export function addGeneratedPods(world: World, count: number, startMs: number): void {
  for (const ns of NAMESPACES) {
    world.store.put('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        uid: nameSuffix(`ns:${ns}`, 12),
        creationTimestamp: iso(startMs - 86_400_000),
        labels: { 'kubernetes.io/metadata.name': ns },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  const template = (app: string): Json => ({
    containers: [
      {
        name: 'app',
        image: `registry.example.com/load/${app}:1.0.0`,
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
      },
    ],
  });
  for (let d = 0; d * PER_DEPLOYMENT < count; d++) {
    const ns = NAMESPACES[d % NAMESPACES.length] ?? 'load-a';
    const app = `svc-${String(d).padStart(4, '0')}`;
    const spec = template(app);
    const replicas = Math.min(PER_DEPLOYMENT, count - d * PER_DEPLOYMENT);
    const createdMs = startMs - (d % 30) * 3_600_000 - 60_000;
    const owner = addDeployment(world, {
      namespace: ns,
      name: app,
      createdMs,
      replicas,
      readyReplicas: Math.floor(replicas * 0.8),
      podSpec: spec,
    });
    for (let i = 0; i < replicas; i++) {
      const index = d * PER_DEPLOYMENT + i;
      const node: NodeKey = index % 2 === 0 ? 'a' : 'b';
      const name = `${owner.podPrefix}${nameSuffix(`gen:${index}`, 5)}`;
      const pod = podSkeleton({
        namespace: ns,
        name,
        owner,
        node,
        createdMs: createdMs + i * 1000,
        spec,
        ipSuffix: 100 + (i % 150),
      });
      fillStatus(pod, shapeOf(index), createdMs + i * 1000, startMs);
      world.store.put('pods', pod);
    }
  }
}

function fillStatus(pod: Json, shape: Shape, createdMs: number, nowMs: number): void {
  const status = statusOf(pod);
  const scheduledMs = createdMs + 100;
  const started = scheduledMs + 2000;
  // Scheduled with its sandbox up a second later; a pod that is not ready blames its one container.
  const scheduledConditions = (readyMs: number, ready: boolean): Json[] =>
    podConditions({
      scheduledMs,
      sandboxReadyMs: scheduledMs + 1000,
      readyMs,
      ready,
      ...(ready ? {} : { notReady: ['app'] }),
    });
  switch (shape) {
    case 'running':
      status.phase = 'Running';
      status.conditions = scheduledConditions(started + 3000, true);
      status.containerStatuses = [
        containerStatus(pod, 'app', { state: running(started), ready: true, created: true }),
      ];
      return;
    case 'crashloop': {
      const restarts = 5 + Math.floor((nowMs - createdMs) / 300_000);
      status.phase = 'Running';
      status.conditions = scheduledConditions(started, false);
      status.containerStatuses = [
        containerStatus(pod, 'app', {
          state: waiting('CrashLoopBackOff', 'back-off 5m0s restarting failed container=app'),
          lastState: terminated(1, 'Error', nowMs - 200_000, nowMs - 190_000),
          restartCount: restarts,
          created: true,
        }),
      ];
      return;
    }
    case 'pending':
      delete (pod.spec as Json).nodeName;
      for (const f of ['hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime']) delete status[f];
      status.conditions = podConditions({
        readyMs: scheduledMs,
        ready: false,
        unschedulable:
          '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
      });
      return;
    case 'notready':
      status.phase = 'Running';
      status.conditions = scheduledConditions(started, false);
      status.containerStatuses = [
        containerStatus(pod, 'app', { state: running(started), ready: false, created: true }),
      ];
      return;
    case 'pullbackoff':
      status.conditions = scheduledConditions(scheduledMs, false);
      status.containerStatuses = [
        containerStatus(pod, 'app', {
          state: waiting('ImagePullBackOff', 'Back-off pulling image "registry.example.com/load/app:1.0.0"'),
          created: false,
        }),
      ];
      return;
  }
}
