import { condition, metaOf, specOf, statusOf } from './build';
import { addDeployment, addJob, addStatefulSet, NODES, type NodeKey, type Owner } from './cluster-objects';
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
import type { ScenarioContext, Workload } from './scenario';
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

// --- plays as data: the common shapes, declared in a scenario file and played here -------------

/** A duration in a scenario file: `3h12m`, `47m`, `700ms`, `2d`. */
const DURATION = /^(?:\d+(?:d|h|ms|m|s))+$/;
const UNIT_MS: Record<string, number> = { d: DAY, h: HOUR, m: MIN, s: 1000, ms: 1 };

export function durationMs(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(d|h|ms|m|s)/g)) ms += Number(n) * (UNIT_MS[unit ?? ''] ?? 0);
  return ms;
}

interface PlayBase {
  /** How long before the demo cluster starts the workload was created: `47m`, `3h12m`. */
  createdAgo: string;
}

/**
 * The workload's pods (one per placement; one pod without a node by default) crash-loop the same
 * way from creation on: start, write `log`, end with `exitCode` and `reason` after `runSeconds`,
 * back off, restart. An OOM kill cycle is `exitCode: 137, reason: OOMKilled`; an init container's
 * loop is `init: true`, with the main containers that wait in `waitingMain`.
 */
export interface CrashLoopPlay extends PlayBase {
  kind: 'crash-loop';
  pods?: Placement[];
  /** Pod n is created n × `stagger` after the first, as a controller creates a batch. */
  stagger?: string;
  container: string;
  init?: boolean;
  waitingMain?: string[];
  runSeconds: number;
  exitCode: number;
  reason: string;
  /** Events the kubelet records when a run ends (liveness kill, failed hook). */
  onEnd?: EventSeed[];
  /**
   * What one run writes, a line each: seconds after the start, a space, the text (`%T`, `%D`, `%R`
   * and `%S` become the time, see pods.ts).
   */
  log?: string;
}

/** The workload's one pod cannot pull its image; `error` is the runtime's message (`{image}`: the image). */
export interface ImagePullPlay extends PlayBase {
  kind: 'image-pull';
  pod: Placement;
  error: string;
}

/** The scheduler finds no node for the workload's one pod; `message` is its FailedScheduling. */
export interface UnschedulablePlay extends PlayBase {
  kind: 'unschedulable';
  message: string;
}

export type PlayData = CrashLoopPlay | ImagePullPlay | UnschedulablePlay;

type FieldType =
  'string' | 'number' | 'boolean' | 'duration' | 'placement' | 'placements' | 'strings' | 'events';

/** Each kind's fields and their types; `?` marks the optional ones. */
const PLAY_FIELDS: Record<PlayData['kind'], Record<string, FieldType>> = {
  'crash-loop': {
    createdAgo: 'duration',
    'pods?': 'placements',
    'stagger?': 'duration',
    container: 'string',
    'init?': 'boolean',
    'waitingMain?': 'strings',
    runSeconds: 'number',
    exitCode: 'number',
    reason: 'string',
    'onEnd?': 'events',
    'log?': 'string',
  },
  'image-pull': { createdAgo: 'duration', pod: 'placement', error: 'string' },
  unschedulable: { createdAgo: 'duration', message: 'string' },
};

const isPlacement = (v: unknown): boolean =>
  !!v &&
  typeof v === 'object' &&
  Object.entries(v).every(([k, x]) =>
    k === 'node' ? String(x) in NODES : k === 'ipSuffix' && Number.isInteger(x),
  );

const EVENT_FIELDS = new Set(['reason', 'message', 'type', 'fieldPath', 'component']);

const isEventSeed = (e: unknown): boolean =>
  !!e &&
  typeof e === 'object' &&
  Object.entries(e).every(([k, x]) => EVENT_FIELDS.has(k) && typeof x === 'string') &&
  typeof (e as Json).reason === 'string' &&
  typeof (e as Json).message === 'string' &&
  [undefined, 'Normal', 'Warning'].includes((e as Json).type as string | undefined);

const FIELD_CHECKS: Record<FieldType, [(v: unknown) => boolean, string]> = {
  string: [(v) => typeof v === 'string', 'a string'],
  number: [(v) => typeof v === 'number', 'a number'],
  boolean: [(v) => typeof v === 'boolean', 'true or false'],
  duration: [(v) => typeof v === 'string' && DURATION.test(v), 'a duration such as 47m or 3h12m'],
  placement: [isPlacement, 'a placement such as { node: a, ipSuffix: 31 }'],
  placements: [(v) => Array.isArray(v) && v.every(isPlacement), 'a list of placements'],
  strings: [(v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), 'a list of strings'],
  events: [
    (v) => Array.isArray(v) && v.every(isEventSeed),
    'a list of events: reason, message, and optionally type (Normal or Warning), fieldPath, component',
  ],
};

/** What is wrong with a scenario file's `play`, in a few words; undefined when it can be played. */
export function checkPlay(data: unknown): string | undefined {
  const kinds = Object.keys(PLAY_FIELDS);
  const kind = (data as Json | undefined)?.kind;
  const fields = typeof kind === 'string' ? PLAY_FIELDS[kind as PlayData['kind']] : undefined;
  if (!fields) return `\`kind\` must be one of ${kinds.join(', ')}`;
  const given = data as Json;
  for (const [spec, type] of Object.entries(fields)) {
    const key = spec.replace(/\?$/, '');
    const [ok, what] = FIELD_CHECKS[type];
    if (given[key] === undefined ? !spec.endsWith('?') : !ok(given[key])) return `\`${key}\` must be ${what}`;
  }
  const known = new Set(['kind', ...Object.keys(fields).map((k) => k.replace(/\?$/, ''))]);
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  return unknown.length > 0 ? `${kind} has no field ${unknown.join(', ')}` : undefined;
}

/** A crash loop's `log`, as [seconds after start, line]. */
function scriptOf(log: string | undefined): CrashLoop['script'] {
  return (log ?? '')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [, seconds, text] = /^(\d+)(?: (.*))?$/.exec(line) ?? [];
      return [Number(seconds ?? 0), text ?? ''];
    });
}

/** Plays a scenario's data into the world: the one place each common shape is interpreted. */
export function play(ctx: Ctx, workload: Workload, data: PlayData): void {
  const createdAgo = durationMs(data.createdAgo);
  const createdMs = ctx.startMs - createdAgo;
  switch (data.kind) {
    case 'crash-loop': {
      const owner = addOwner(ctx, workload, { createdMs });
      const loop: CrashLoop = {
        container: data.container,
        runSeconds: data.runSeconds,
        exitCode: data.exitCode,
        reason: data.reason,
        script: scriptOf(data.log),
        ...(data.init !== undefined ? { init: data.init } : {}),
        ...(data.waitingMain ? { waitingMain: data.waitingMain } : {}),
        ...(data.onEnd ? { onEnd: data.onEnd } : {}),
      };
      const stagger = durationMs(data.stagger ?? '0s');
      for (const [i, placement] of (data.pods ?? [{}]).entries())
        crashLooper(ctx, podPlanOf(workload, owner, createdMs + i * stagger, placement), loop);
      return;
    }
    case 'image-pull': {
      const plan = ownedPod(ctx, workload, createdAgo, data.pod);
      const container = (plan.spec.containers as Json[])[0] as Json;
      const error = data.error.replaceAll('{image}', String(container.image));
      imagePullPod(ctx, plan, String(container.name), error, plan.createdMs);
      return;
    }
    case 'unschedulable':
      pendingPod(ctx, ownedPod(ctx, workload, createdAgo), data.message);
      return;
  }
}

export type { NodeKey };
