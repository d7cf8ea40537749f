import {
  condition,
  containerIdFor,
  imageIdFor,
  iso,
  metaOf,
  nameSuffix,
  specOf,
  statusOf,
  uidFor,
} from './build';
import { NODES, type NodeKey, type Owner } from './cluster-objects';
import type { LogLine } from './logs';
import type { Json } from './selectors';
import { crashBackoffSeconds, crashLoopWaiting, podRef, type EventSeed, type World } from './world';

/** Pod skeletons, container statuses and the kubelet behaviours the simulation plays. */

export interface PodPlan {
  namespace: string;
  /** Full name for bare pods and StatefulSet pods; otherwise derived from the owner. */
  name?: string;
  owner?: Owner;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  node?: NodeKey;
  createdMs: number;
  spec: Json;
  /** Last octet of the pod IP on its node. */
  ipSuffix?: number;
}

export function podName(plan: PodPlan): string {
  if (plan.name) return plan.name;
  if (!plan.owner) throw new Error('A bare pod needs a name.');
  return `${plan.owner.podPrefix}${nameSuffix(`pod:${plan.owner.namespace}/${plan.owner.name}/${plan.node ?? ''}/${plan.ipSuffix ?? 0}`, 5)}`;
}

const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

/** The defaults the API server fills in, so specs look like `kubectl get pod -o yaml`. */
function defaultedContainer(container: Json): Json {
  return {
    imagePullPolicy: String(container.image ?? '').endsWith(':latest') ? 'Always' : 'IfNotPresent',
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...container,
    volumeMounts: [
      ...((container.volumeMounts as Json[] | undefined) ?? []),
      { name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
    ],
  };
}

export function podSkeleton(plan: PodPlan): Json {
  const name = podName(plan);
  const node = plan.node ? NODES[plan.node] : undefined;
  const spec = plan.spec;
  const ip = node ? `${node.podCidr}.${plan.ipSuffix ?? 10}` : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(plan.owner && plan.owner.kind !== 'StatefulSet' ? { generateName: plan.owner.podPrefix } : {}),
      namespace: plan.namespace,
      uid: uidFor(`pod:${plan.namespace}/${name}`),
      creationTimestamp: iso(plan.createdMs),
      labels: { ...plan.owner?.labels, ...plan.labels },
      ...(plan.annotations ? { annotations: plan.annotations } : {}),
      ...(plan.owner ? { ownerReferences: [plan.owner.ref] } : {}),
    },
    spec: {
      ...spec,
      containers: ((spec.containers as Json[]) ?? []).map(defaultedContainer),
      ...(spec.initContainers
        ? { initContainers: (spec.initContainers as Json[]).map(defaultedContainer) }
        : {}),
      volumes: [
        ...((spec.volumes as Json[] | undefined) ?? []),
        {
          name: 'kube-api-access',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            ],
          },
        },
      ],
      restartPolicy: spec.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: spec.serviceAccountName ?? 'default',
      serviceAccount: spec.serviceAccountName ?? 'default',
      securityContext: spec.securityContext ?? {},
      schedulerName: 'default-scheduler',
      tolerations: [...((spec.tolerations as Json[] | undefined) ?? []), ...DEFAULT_TOLERATIONS],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      ...(node ? { nodeName: node.name } : {}),
    },
    status: {
      phase: 'Pending',
      qosClass: qosClass(spec),
      ...(node
        ? {
            hostIP: node.ip,
            hostIPs: [{ ip: node.ip }],
            podIP: ip,
            podIPs: [{ ip }],
            startTime: iso(plan.createdMs),
          }
        : {}),
    },
  };
}

function qosClass(spec: Json): string {
  const containers = (spec.containers as Json[] | undefined) ?? [];
  const resources = containers.map((c) => (c.resources as Json | undefined) ?? {});
  if (resources.every((r) => !r.requests && !r.limits)) return 'BestEffort';
  const guaranteed = resources.every((r) => {
    const limits = r.limits as Json | undefined;
    const requests = (r.requests as Json | undefined) ?? limits;
    return limits?.cpu && limits.memory && requests?.cpu === limits.cpu && requests?.memory === limits.memory;
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function imageOf(pod: Json, container: string): string {
  const all = [
    ...((specOf(pod).containers as Json[]) ?? []),
    ...((specOf(pod).initContainers as Json[]) ?? []),
  ];
  return String(all.find((c) => c.name === container)?.image ?? '');
}

export function running(startedMs: number): Json {
  return { running: { startedAt: iso(startedMs) } };
}

export function waiting(reason: string, message?: string): Json {
  return { waiting: { reason, ...(message ? { message } : {}) } };
}

export function terminated(
  exitCode: number,
  reason: string,
  startedMs: number,
  finishedMs: number,
  containerID?: string,
): Json {
  return {
    terminated: {
      exitCode,
      reason,
      startedAt: iso(startedMs),
      finishedAt: iso(finishedMs),
      ...(containerID ? { containerID } : {}),
    },
  };
}

export interface ContainerStatusPlan {
  state: Json;
  lastState?: Json;
  ready?: boolean;
  restartCount?: number;
  /** Set when the container was created at least once (it has an image id and container id). */
  created?: boolean;
  restartPolicy?: string;
}

export function containerStatus(pod: Json, name: string, plan: ContainerStatusPlan): Json {
  const image = imageOf(pod, name);
  const created = plan.created ?? !('waiting' in plan.state && !plan.lastState);
  const isRunning = 'running' in plan.state;
  return {
    name,
    image,
    imageID: created ? imageIdFor(image) : '',
    ...(created
      ? { containerID: containerIdFor(`${String(metaOf(pod).uid)}/${name}/${plan.restartCount ?? 0}`) }
      : {}),
    state: plan.state,
    lastState: plan.lastState ?? {},
    ready: plan.ready ?? false,
    restartCount: plan.restartCount ?? 0,
    started: isRunning,
    volumeMounts: [
      {
        name: 'kube-api-access',
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        readOnly: true,
        recursiveReadOnly: 'Disabled',
      },
    ],
  };
}

/** The five pod conditions in kubelet order, from a few facts about the pod. */
export function podConditions(opts: {
  scheduledMs?: number;
  sandboxReadyMs?: number;
  initializedMs?: number;
  initPending?: string[];
  readyMs: number;
  ready: boolean;
  notReady?: string[];
  unschedulable?: string;
}): Json[] {
  if (opts.scheduledMs === undefined) {
    return [condition('PodScheduled', 'False', opts.readyMs, 'Unschedulable', opts.unschedulable)];
  }
  const out = [
    condition(
      'PodReadyToStartContainers',
      opts.sandboxReadyMs !== undefined ? 'True' : 'False',
      opts.sandboxReadyMs ?? opts.scheduledMs,
    ),
    opts.initPending
      ? condition(
          'Initialized',
          'False',
          opts.scheduledMs,
          'ContainersNotInitialized',
          `containers with incomplete status: [${opts.initPending.join(' ')}]`,
        )
      : condition('Initialized', 'True', opts.initializedMs ?? opts.scheduledMs),
    opts.ready
      ? condition('Ready', 'True', opts.readyMs)
      : condition(
          'Ready',
          'False',
          opts.readyMs,
          'ContainersNotReady',
          `containers with unready status: [${(opts.notReady ?? []).join(' ')}]`,
        ),
    opts.ready
      ? condition('ContainersReady', 'True', opts.readyMs)
      : condition(
          'ContainersReady',
          'False',
          opts.readyMs,
          'ContainersNotReady',
          `containers with unready status: [${(opts.notReady ?? []).join(' ')}]`,
        ),
    condition('PodScheduled', 'True', opts.scheduledMs),
  ];
  return out;
}

export function fieldPath(container: string, init = false): string {
  return `spec.${init ? 'initContainers' : 'containers'}{${container}}`;
}

/** Scheduled → Pulling/Pulled → Created → Started, as the scheduler and kubelet record a start. */
export function recordStart(
  world: World,
  pod: Json,
  container: string,
  atMs: number,
  init = false,
  pullSeconds = 0,
): void {
  const node = String(specOf(pod).nodeName);
  const image = imageOf(pod, container);
  const path = fieldPath(container, init);
  if (pullSeconds > 0) {
    world.recordEvent(
      pod,
      { reason: 'Pulling', message: `Pulling image "${image}"`, fieldPath: path },
      atMs - pullSeconds * 1000,
    );
    world.recordEvent(
      pod,
      {
        reason: 'Pulled',
        message: `Successfully pulled image "${image}" in ${pullSeconds}.412s (${pullSeconds}.412s including waiting). Image size: ${48_213_344 + pullSeconds * 7} bytes.`,
        fieldPath: path,
      },
      atMs,
    );
  } else {
    world.recordEvent(
      pod,
      {
        reason: 'Pulled',
        message: `Container image "${image}" already present on machine`,
        fieldPath: path,
        host: node,
      },
      atMs,
    );
  }
  world.recordEvent(
    pod,
    { reason: 'Created', message: `Created container: ${container}`, fieldPath: path },
    atMs,
  );
  world.recordEvent(
    pod,
    { reason: 'Started', message: `Started container ${container}`, fieldPath: path },
    atMs,
  );
}

export function recordScheduled(world: World, pod: Json, atMs: number): void {
  world.recordEvent(
    pod,
    {
      reason: 'Scheduled',
      message: `Successfully assigned ${String(metaOf(pod).namespace)}/${String(metaOf(pod).name)} to ${String(specOf(pod).nodeName)}`,
      component: 'default-scheduler',
    },
    atMs,
  );
}

export interface CrashLoop {
  container: string;
  init?: boolean;
  /** Seconds each run lives before it ends. */
  runSeconds: number;
  exitCode: number;
  reason: string;
  /** The log one run writes, as [seconds after start, line]. */
  script: Array<[number, string]>;
  /** Events the kubelet records when a run ends (liveness kill, failed hook). */
  onEnd?: EventSeed[];
  /** Main containers that wait while an init container crash-loops. */
  waitingMain?: string[];
}

function setStatus(pod: Json, container: string, init: boolean, update: (status: Json) => void): void {
  const list = statusOf(pod)[init ? 'initContainerStatuses' : 'containerStatuses'] as Json[];
  const status = list.find((c) => c.name === container);
  if (status) update(status);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Fills the application's own timestamps: `%T` ISO, `%D` log4j style, `%R` Redis style, `%S` epoch seconds. */
function stampLine(text: string, ms: number): string {
  const iso = new Date(ms).toISOString();
  const d = new Date(ms);
  const redis = `${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${iso.slice(11, 23)}`;
  return text
    .replace('%T', iso)
    .replace('%D', `${iso.slice(0, 10)} ${iso.slice(11, 23)}`)
    .replace('%R', redis)
    .replace('%S', String(Math.floor(ms / 1000)));
}

function scriptLines(script: Array<[number, string]>, startMs: number): LogLine[] {
  return script.map(([seconds, text], i) => {
    const ms = startMs + seconds * 1000 + i;
    return { ms, text: stampLine(text, ms) };
  });
}

/**
 * A container that starts, runs `runSeconds`, ends with `exitCode`, waits out the back-off and
 * starts again, for ever: restartCount, lastState, the CrashLoopBackOff message and the events
 * (BackOff counts, Pulled/Created/Started per restart) follow the kubelet's schedule.
 */
export function playCrashLoop(
  world: World,
  namespace: string,
  name: string,
  loop: CrashLoop,
  firstStartMs: number,
): void {
  const init = loop.init ?? false;
  const path = fieldPath(loop.container, init);
  const start = (at: number): void => {
    const pod = world.updatePod(namespace, name, (p) => {
      const status = statusOf(p);
      setStatus(p, loop.container, init, (c) => {
        const restarts =
          c.state && (c.state as Json).waiting && (c.lastState as Json)?.terminated
            ? Number(c.restartCount) + 1
            : Number(c.restartCount ?? 0);
        c.restartCount = restarts;
        c.state = running(at);
        c.started = true;
        c.imageID = imageIdFor(String(c.image));
        c.containerID = containerIdFor(`${String(metaOf(p).uid)}/${loop.container}/${restarts}`);
      });
      status.phase = init ? 'Pending' : 'Running';
    });
    if (!pod) return;
    const status = (statusOf(pod)[init ? 'initContainerStatuses' : 'containerStatuses'] as Json[]).find(
      (c) => c.name === loop.container,
    );
    recordStart(world, pod, loop.container, at, init);
    world.startLog(
      pod,
      loop.container,
      String(status?.containerID),
      scriptLines(loop.script, at),
      world.now(),
    );
    world.schedule(at + loop.runSeconds * 1000, end);
  };
  const end = (at: number): void => {
    let restarts = 0;
    const pod = world.updatePod(namespace, name, (p) => {
      setStatus(p, loop.container, init, (c) => {
        const state = c.state as Json;
        const startedAt = String((state.running as Json | undefined)?.startedAt ?? iso(at));
        restarts = Number(c.restartCount ?? 0);
        c.lastState = {
          terminated: {
            exitCode: loop.exitCode,
            reason: loop.reason,
            startedAt,
            finishedAt: iso(at),
            containerID: c.containerID,
          },
        };
        c.state = crashLoopWaiting(p, loop.container, restarts);
        c.started = false;
        c.ready = false;
      });
    });
    if (!pod) return;
    for (const seed of loop.onEnd ?? []) world.recordEvent(pod, { fieldPath: path, ...seed }, at - 1000);
    const backoff = crashBackoffSeconds(restarts);
    const backOffEvent: EventSeed = {
      reason: 'BackOff',
      type: 'Warning',
      message: `Back-off restarting failed container ${loop.container} in pod ${podRef(pod)}`,
      fieldPath: path,
    };
    // The kubelet re-syncs the pod about every 10 s while it waits, recording BackOff each time.
    for (let t = at + 1000; t < at + backoff * 1000; t += 10_000)
      world.schedule(t, (when) => bumpBackOff(when));
    function bumpBackOff(when: number): void {
      const current = world.pod(namespace, name);
      if (current) world.recordEvent(current, backOffEvent, when);
    }
    world.logs.endFollowers(`${namespace}/${name}/${loop.container}`);
    world.schedule(at + backoff * 1000, start);
  };
  world.schedule(firstStartMs, start);
}
