import { condition, metaOf, specOf, statusOf } from './build';
import { addDeployment, addJob, addStatefulSet, type NodeKey, type Owner } from './cluster-objects';
import {
  containerStatus,
  fieldPath,
  playCrashLoop,
  podConditions,
  podSkeleton,
  recordScheduled,
  recordStart,
  running,
  waiting,
  type CrashLoop,
  type PodPlan,
} from './pods';
import type { Scenario, ScenarioContext, Workload } from './scenario';
import type { Json } from './selectors';
import type { EventSeed } from './world';

/**
 * What scenario files are made of: the workload's owner objects, pod shapes the kubelet and
 * scheduler leave behind (crash loops, waiting containers, unschedulable pods, running pods), and
 * builders that turn a few lines of data into a scenario's `play`.
 */

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

type Ctx = ScenarioContext;

/** Where a pod runs: the node and the last octet of its IP there. */
export type Placement = Pick<PodPlan, 'node' | 'ipSuffix'>;

export function put(ctx: Ctx, pod: Json): Json {
  return ctx.world.store.put('pods', pod);
}

/** Events that keep repeating while the cause lasts, as the kubelet and scheduler retry. */
export function repeatEvent(
  ctx: Ctx,
  object: Json,
  seed: EventSeed,
  firstMs: number,
  everyMs: number,
  count: number,
): void {
  const { world } = ctx;
  const ns = String(metaOf(object).namespace);
  const name = String(metaOf(object).name);
  const lastMs = firstMs + (count - 1) * everyMs;
  world.recordEvent(object, { ...seed, count, firstMs }, lastMs);
  world.every(lastMs + everyMs, everyMs, (at) => {
    const current = world.pod(ns, name);
    if (!current) return false;
    world.recordEvent(current, seed, at);
    return true;
  });
}

export function occurrences(sinceMs: number, untilMs: number, everyMs: number): number {
  return Math.max(1, Math.floor((untilMs - sinceMs) / everyMs));
}

export interface OwnerState {
  createdMs: number;
  /** Ready pods, for the owner's status (default 0). */
  ready?: number;
  available?: number;
  /** Pods the ReplicaSet managed to create, when fewer than the replicas. */
  current?: number;
  /** A CronJob's Job name (`nightly-backup-29391840`); a Job's own name otherwise. */
  jobName?: string;
  /** When the Job completed. */
  completedMs?: number;
}

/** Adds the workload's controller objects (Deployment + ReplicaSet, StatefulSet, Job). */
export function addOwner(ctx: Ctx, workload: Workload, state: OwnerState): Owner {
  const { app: _app, ...extraLabels } = workload.labels;
  const base = {
    namespace: workload.namespace,
    name: workload.name,
    createdMs: state.createdMs,
    replicas: workload.replicas,
    readyReplicas: state.ready ?? 0,
    podSpec: workload.podSpec,
    ...(state.available !== undefined ? { availableReplicas: state.available } : {}),
    ...(state.current !== undefined ? { currentReplicas: state.current } : {}),
  };
  const spec = (workload.object.spec ?? {}) as Json;
  switch (workload.kind) {
    case 'Deployment':
      return addDeployment(ctx.world, {
        ...base,
        ...(Object.keys(extraLabels).length > 0 ? { labels: extraLabels } : {}),
      });
    case 'StatefulSet':
      return addStatefulSet(ctx.world, {
        ...base,
        serviceName: String(spec.serviceName ?? workload.name),
        volumeClaimTemplates: claimTemplates(workload),
      });
    case 'Job':
    case 'CronJob': {
      const jobSpec = workload.kind === 'CronJob' ? (((spec.jobTemplate as Json).spec ?? {}) as Json) : spec;
      return addJob(ctx.world, {
        ...base,
        name: state.jobName ?? workload.name,
        ...(workload.kind === 'CronJob' ? { cronJob: workload.name } : {}),
        ...(typeof jobSpec.backoffLimit === 'number' ? { backoffLimit: jobSpec.backoffLimit } : {}),
        ...(state.completedMs !== undefined ? { completedMs: state.completedMs } : {}),
      });
    }
  }
}

/** A StatefulSet's claim templates with the fields the API server fills in. */
function claimTemplates(workload: Workload): Json[] {
  const templates = ((workload.object.spec as Json).volumeClaimTemplates as Json[] | undefined) ?? [];
  return templates.map((t) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    ...t,
    spec: { ...(t.spec as Json), volumeMode: (t.spec as Json).volumeMode ?? 'Filesystem' },
  }));
}

/**
 * The plan of one of the workload's pods. A StatefulSet's pod is `<name>-0` and mounts the claims
 * its volumeClaimTemplates made (`<template>-<name>-0`), which only the pod names.
 */
export function podPlanOf(
  workload: Workload,
  owner: Owner,
  createdMs: number,
  placement: Placement = {},
): PodPlan {
  const plan: PodPlan = {
    namespace: workload.namespace,
    owner,
    createdMs,
    spec: workload.podSpec,
    ...placement,
  };
  if (workload.kind !== 'StatefulSet') return plan;
  const pod = `${workload.name}-0`;
  const claims = claimTemplates(workload).map((t) => {
    const claim = String((t.metadata as Json).name);
    return { name: claim, persistentVolumeClaim: { claimName: `${claim}-${pod}` } };
  });
  const volumes = [...((workload.podSpec.volumes as Json[] | undefined) ?? []), ...claims];
  return { ...plan, name: pod, labels: { app: workload.name }, spec: { ...workload.podSpec, volumes } };
}

/**
 * Adds the workload's owner, created `createdAgo` ms before start-up, and returns the plan of its
 * one pod on `placement`.
 */
export function ownedPod(
  ctx: Ctx,
  workload: Workload,
  createdAgo: number,
  placement: Placement = {},
  state: Omit<OwnerState, 'createdMs'> = {},
): PodPlan {
  const createdMs = ctx.startMs - createdAgo;
  const owner = addOwner(ctx, workload, { ...state, createdMs });
  return podPlanOf(workload, owner, createdMs, placement);
}

/** A pod whose one container (or init container) crash-loops from `createdMs` on. */
export function crashLooper(ctx: Ctx, plan: PodPlan, loop: CrashLoop): void {
  const { world } = ctx;
  const pod = podSkeleton(plan);
  const scheduledMs = plan.createdMs + 150;
  const init = loop.init ?? false;
  const status = statusOf(pod);
  status.conditions = podConditions({
    scheduledMs,
    sandboxReadyMs: scheduledMs + 2000,
    readyMs: scheduledMs,
    ready: false,
    notReady: init ? (loop.waitingMain ?? []) : [loop.container],
    ...(init ? { initPending: [loop.container] } : {}),
  });
  if (init) {
    status.initContainerStatuses = [
      containerStatus(pod, loop.container, { state: waiting('PodInitializing'), created: false }),
    ];
    status.containerStatuses = (loop.waitingMain ?? []).map((c) =>
      containerStatus(pod, c, { state: waiting('PodInitializing'), created: false }),
    );
  } else {
    status.containerStatuses = [
      containerStatus(pod, loop.container, { state: waiting('ContainerCreating'), created: false }),
    ];
  }
  const stored = put(ctx, pod);
  recordScheduled(world, stored, scheduledMs);
  playCrashLoop(world, plan.namespace, String(metaOf(stored).name), loop, scheduledMs + 2500);
}

/**
 * Stores a pod, scheduled `scheduledAfterMs` after its creation, whose one container never
 * started and waits in `state`. Without `sandboxAfterMs` the pod sandbox never came up, so the
 * pod has no IP either.
 */
export function waitingPod(
  ctx: Ctx,
  plan: PodPlan,
  container: string,
  state: Json,
  timing: { scheduledAfterMs: number; sandboxAfterMs?: number },
): { stored: Json; scheduledMs: number } {
  const pod = podSkeleton(plan);
  const scheduledMs = plan.createdMs + timing.scheduledAfterMs;
  const status = statusOf(pod);
  if (timing.sandboxAfterMs === undefined) {
    delete status.podIP;
    delete status.podIPs;
  }
  status.conditions = podConditions({
    scheduledMs,
    ...(timing.sandboxAfterMs === undefined ? {} : { sandboxReadyMs: scheduledMs + timing.sandboxAfterMs }),
    readyMs: scheduledMs,
    ready: false,
    notReady: [container],
  });
  status.containerStatuses = [containerStatus(pod, container, { state, created: false })];
  const stored = put(ctx, pod);
  recordScheduled(ctx.world, stored, scheduledMs);
  return { stored, scheduledMs };
}

const pullFailed = (image: string, error: string): EventSeed[] => [
  { reason: 'Failed', type: 'Warning', message: `Failed to pull image "${image}": ${error}` },
  { reason: 'Failed', type: 'Warning', message: 'Error: ErrImagePull' },
  { reason: 'BackOff', message: `Back-off pulling image "${image}"` },
  { reason: 'Failed', type: 'Warning', message: 'Error: ImagePullBackOff' },
];

/** A pod whose image cannot be pulled since `waitingSinceMs`: ImagePullBackOff and its events. */
export function imagePullPod(
  ctx: Ctx,
  plan: PodPlan,
  container: string,
  error: string,
  waitingSinceMs: number,
): void {
  const image = String(((plan.spec.containers as Json[])[0] as Json).image);
  const { stored, scheduledMs } = waitingPod(
    ctx,
    plan,
    container,
    waiting('ImagePullBackOff', `Back-off pulling image "${image}": ErrImagePull: ${error}`),
    { scheduledAfterMs: 200, sandboxAfterMs: 1800 },
  );
  const path = fieldPath(container);
  const every = 5 * MIN;
  const n = occurrences(waitingSinceMs, ctx.startMs, every);
  repeatEvent(
    ctx,
    stored,
    { reason: 'Pulling', message: `Pulling image "${image}"`, fieldPath: path },
    scheduledMs + 2000,
    every,
    n,
  );
  for (const seed of pullFailed(image, error)) {
    repeatEvent(
      ctx,
      stored,
      { ...seed, fieldPath: path },
      scheduledMs + 3000,
      seed.reason === 'BackOff' ? 20_000 : every,
      seed.reason === 'BackOff' ? occurrences(waitingSinceMs, ctx.startMs, 20_000) : n,
    );
  }
}

/** A pod the scheduler cannot place, retried every 5 minutes with the same message. */
export function pendingPod(ctx: Ctx, plan: PodPlan, message: string): void {
  const pod = podSkeleton(plan);
  statusOf(pod).conditions = podConditions({
    readyMs: plan.createdMs + 100,
    ready: false,
    unschedulable: message,
  });
  const stored = put(ctx, pod);
  repeatEvent(
    ctx,
    stored,
    { reason: 'FailedScheduling', type: 'Warning', message, component: 'default-scheduler' },
    plan.createdMs + 100,
    5 * MIN,
    occurrences(plan.createdMs, ctx.startMs, 5 * MIN),
  );
}

/** A pod whose containers all run since `startedMs` (default: 2.6 s after creation). */
export function runningPod(
  ctx: Ctx,
  plan: PodPlan,
  opts: { ready: boolean; startedMs?: number; restartCount?: number },
): Json {
  const pod = podSkeleton(plan);
  const scheduledMs = plan.createdMs + 100;
  const startedMs = opts.startedMs ?? scheduledMs + 2500;
  const names = ((specOf(pod).containers as Json[]) ?? []).map((c) => String(c.name));
  const status = statusOf(pod);
  status.phase = 'Running';
  status.conditions = podConditions({
    scheduledMs,
    sandboxReadyMs: scheduledMs + 1500,
    readyMs: opts.ready ? startedMs + 5000 : startedMs,
    ready: opts.ready,
    notReady: names,
  });
  status.containerStatuses = names.map((name) =>
    containerStatus(pod, name, {
      state: running(startedMs),
      ready: opts.ready,
      restartCount: opts.restartCount ?? 0,
      created: true,
    }),
  );
  const stored = put(ctx, pod);
  recordScheduled(ctx.world, stored, scheduledMs);
  for (const name of names) recordStart(ctx.world, stored, name, startedMs, false);
  return stored;
}

/** Marks `containers` ready or not, and the pod's Ready and ContainersReady conditions with them. */
export function setReady(pod: Json, ready: boolean, atMs: number, containers: string[]): void {
  const status = statusOf(pod);
  for (const c of (status.containerStatuses as Json[]) ?? [])
    if (containers.includes(String(c.name))) c.ready = ready;
  const notReady = ((status.containerStatuses as Json[]) ?? [])
    .filter((c) => !c.ready)
    .map((c) => String(c.name));
  const allReady = notReady.length === 0;
  status.conditions = ((status.conditions as Json[]) ?? []).map((c) => {
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') return c;
    if ((c.status === 'True') === allReady) return c;
    return allReady
      ? condition(String(c.type), 'True', atMs)
      : condition(
          String(c.type),
          'False',
          atMs,
          'ContainersNotReady',
          `containers with unready status: [${notReady.join(' ')}]`,
        );
  });
}

/**
 * A running container's log: a line every `everyMs` (the last 200 before start-up, then live).
 * `%T` in a line becomes an ISO time, `%N` nginx's.
 */
export function chattyLog(
  ctx: Ctx,
  pod: Json,
  container: string,
  startedMs: number,
  everyMs: number,
  line: (n: number) => string,
): void {
  const { world } = ctx;
  const meta = metaOf(pod);
  const key = `${String(meta.namespace)}/${String(meta.name)}/${container}`;
  const status = ((statusOf(pod).containerStatuses as Json[]) ?? []).find((c) => c.name === container);
  const stamp = (ms: number, n: number): string =>
    line(n).replace('%T', new Date(ms).toISOString()).replace('%N', nginxTime(ms));
  const firstMs = Math.max(startedMs, ctx.startMs - 200 * everyMs);
  const lines = [];
  let n = 0;
  for (let t = firstMs; t <= ctx.startMs; t += everyMs) lines.push({ ms: t, text: stamp(t, n++) });
  world.logs.startRun(key, String(status?.containerID), lines);
  world.every(firstMs + n * everyMs, everyMs, (at) => {
    if (!world.pod(String(meta.namespace), String(meta.name))) return false;
    world.logs.append(key, { ms: at, text: stamp(at, n++) });
    return true;
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx's $time_local in UTC: `23/Nov/2026:19:27:09 +0000`. */
function nginxTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] ?? ''}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

// --- builders: a scenario's `play` from data ----------------------------------------------------

/** When the workload was created, how long before the demo cluster starts (ms). */
interface Created {
  createdAgo: number;
}

/**
 * The workload's pods (one per placement; one pod without a node by default) crash-loop the same
 * way from creation on: start, log `loop.script`, end with `loop.exitCode`, back off, restart.
 */
export function crashLoops(
  data: Created & {
    pods?: Placement[];
    /** Pod n is created n × `staggerMs` after the first, as a controller creates a batch. */
    staggerMs?: number;
    loop: CrashLoop;
  },
): Scenario['play'] {
  return (ctx, workload) => {
    const createdMs = ctx.startMs - data.createdAgo;
    const owner = addOwner(ctx, workload, { createdMs });
    for (const [i, placement] of (data.pods ?? [{}]).entries())
      crashLooper(
        ctx,
        podPlanOf(workload, owner, createdMs + i * (data.staggerMs ?? 0), placement),
        data.loop,
      );
  };
}

/** The workload's one pod cannot pull its image: `error` is the runtime's message for `image`. */
export function pullFails(
  data: Created & { pod: Placement; error: (image: string) => string },
): Scenario['play'] {
  return (ctx, workload) => {
    const plan = ownedPod(ctx, workload, data.createdAgo, data.pod);
    const container = (plan.spec.containers as Json[])[0] as Json;
    imagePullPod(ctx, plan, String(container.name), data.error(String(container.image)), plan.createdMs);
  };
}

/** The scheduler finds no node for the workload's one pod: `message` is its FailedScheduling. */
export function unschedulable(data: Created & { message: string }): Scenario['play'] {
  return (ctx, workload) => pendingPod(ctx, ownedPod(ctx, workload, data.createdAgo), data.message);
}

/** The scheduler's summary of the lost node, which every FailedScheduling message starts with. */
export const TAINTED = '1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }';

export type { NodeKey };
