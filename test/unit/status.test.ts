import assert from 'node:assert/strict';
import type { ContainerState, ContainerStatus, Pod, PodCondition } from '../../src/core/k8s';
import {
  humanDuration,
  iconColor,
  isFailureStatus,
  kubectlPodRow,
  phaseColor,
  tabwriterTable,
} from '../../src/core/status';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');

const running = (name: string, opts: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: `registry.example.com/shop/${name}:1.4.2`,
  imageID: `registry.example.com/shop/${name}@sha256:6f1b7c`,
  containerID: `containerd://${name}0a1b2c`,
  ready: true,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: ago(50 * M) } },
  ...opts,
});
const waiting = (name: string, reason: string, opts: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: `registry.example.com/shop/${name}:1.4.2`,
  imageID: '',
  ready: false,
  started: false,
  restartCount: 0,
  state: { waiting: { reason } },
  ...opts,
});
const terminated = (
  name: string,
  t: { exitCode: number; reason?: string; signal?: number },
  opts: Partial<ContainerStatus> = {},
): ContainerStatus => ({
  name,
  image: `registry.example.com/shop/${name}:1.4.2`,
  ready: false,
  started: false,
  restartCount: 0,
  state: {
    terminated: {
      ...t,
      startedAt: ago(10 * M),
      finishedAt: ago(9 * M),
      containerID: `containerd://${name}9f`,
    },
  },
  ...opts,
});
const lastExit = (finishedAgo: number, exitCode = 1, reason = 'Error'): ContainerState => ({
  terminated: { exitCode, reason, startedAt: ago(finishedAgo + 5 * S), finishedAt: ago(finishedAgo) },
});
const cond = (type: string, status: 'True' | 'False', reason?: string): PodCondition => ({
  type,
  status,
  lastTransitionTime: ago(50 * M),
  ...(reason ? { reason } : {}),
});
const readyConditions = [
  cond('PodReadyToStartContainers', 'True'),
  cond('Initialized', 'True'),
  cond('Ready', 'True'),
  cond('ContainersReady', 'True'),
  cond('PodScheduled', 'True'),
];
const notReadyConditions = [
  cond('Initialized', 'True'),
  cond('Ready', 'False', 'ContainersNotReady'),
  cond('ContainersReady', 'False', 'ContainersNotReady'),
  cond('PodScheduled', 'True'),
];
const initializingConditions = [
  cond('Initialized', 'False', 'ContainersNotInitialized'),
  cond('Ready', 'False', 'ContainersNotReady'),
  cond('ContainersReady', 'False', 'ContainersNotReady'),
  cond('PodScheduled', 'True'),
];

interface PodShape {
  name: string;
  age?: number;
  phase?: string;
  reason?: string;
  containers?: string[];
  initContainers?: Array<string | { name: string; restartPolicy: 'Always' }>;
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  conditions?: PodCondition[];
  deletionTimestamp?: string;
  nodeName?: string | null;
}

/** A pod as the API returns it, with the boilerplate every real pod carries. */
function pod(s: PodShape): Pod {
  const containers = (s.containers ?? ['app']).map((name) => ({
    name,
    image: `registry.example.com/shop/${name}:1.4.2`,
    imagePullPolicy: 'IfNotPresent',
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  }));
  const initContainers = s.initContainers?.map((c) =>
    typeof c === 'string'
      ? { name: c, image: `registry.example.com/shop/${c}:1.4.2` }
      : { ...c, image: `registry.example.com/shop/${c.name}:1.4.2` },
  );
  const nodeName = s.nodeName === undefined ? 'worker-2' : s.nodeName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: s.name,
      namespace: 'shop',
      uid: '2c9f4b0e-7a8d-4c1e-9b7a-5d3e1f0a6c42',
      resourceVersion: '48213',
      creationTimestamp: ago(s.age ?? 3 * H + 4 * M),
      labels: { app: 'checkout', 'pod-template-hash': '7d9c6b5f4' },
      ...(s.deletionTimestamp
        ? { deletionTimestamp: s.deletionTimestamp, deletionGracePeriodSeconds: 30 }
        : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'checkout-7d9c6b5f4',
          uid: 'f0e1',
          controller: true,
        },
      ],
    },
    spec: {
      containers,
      ...(initContainers ? { initContainers } : {}),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      ...(nodeName ? { nodeName } : {}),
    },
    status: {
      phase: s.phase ?? 'Running',
      ...(s.reason ? { reason: s.reason, message: `The pod was ${s.reason}.` } : {}),
      conditions: s.conditions ?? readyConditions,
      ...(nodeName
        ? { hostIP: '10.0.1.12', podIP: '10.244.2.17', startTime: ago((s.age ?? 3 * H) - S) }
        : {}),
      qosClass: 'BestEffort',
      ...(s.initContainerStatuses ? { initContainerStatuses: s.initContainerStatuses } : {}),
      ...(s.containerStatuses ? { containerStatuses: s.containerStatuses } : {}),
    },
  };
}

interface Expect {
  status: string;
  ready: string;
  restarts?: string;
  age?: string;
  phase?: string;
  color?: string;
  problem?: boolean;
}

const cases: Array<[string, Pod, Expect]> = [
  [
    'a healthy single-container pod',
    pod({ name: 'checkout-7d9c6b5f4-x2kqv', containerStatuses: [running('app')] }),
    { status: 'Running', ready: '1/1', restarts: '0', age: '3h4m', color: 'green', problem: false },
  ],
  [
    'a pod whose readiness probe fails: Running, 0/1',
    pod({
      name: 'api-readiness-wrong-port',
      conditions: notReadyConditions,
      containerStatuses: [running('app', { ready: false })],
    }),
    { status: 'Running', ready: '0/1', problem: false },
  ],
  [
    'two containers, one not ready',
    pod({
      name: 'web-with-proxy',
      containers: ['web', 'proxy'],
      conditions: notReadyConditions,
      containerStatuses: [running('proxy', { ready: false }), running('web')],
    }),
    { status: 'Running', ready: '1/2' },
  ],
  [
    'an unschedulable pod (no container statuses yet)',
    pod({
      name: 'big-memory-unschedulable',
      phase: 'Pending',
      nodeName: null,
      conditions: [cond('PodScheduled', 'False', 'Unschedulable')],
    }),
    { status: 'Pending', ready: '0/1', restarts: '0', color: 'yellow', problem: false },
  ],
  [
    'a pod held by a scheduling gate',
    pod({
      name: 'gated-batch',
      phase: 'Pending',
      nodeName: null,
      conditions: [cond('PodScheduled', 'False', 'SchedulingGated')],
    }),
    { status: 'SchedulingGated', ready: '0/1', problem: false },
  ],
  [
    'a container being created',
    pod({
      name: 'fresh-pod',
      age: 45 * S,
      phase: 'Pending',
      conditions: notReadyConditions,
      containerStatuses: [waiting('app', 'ContainerCreating')],
    }),
    { status: 'ContainerCreating', ready: '0/1', age: '45s', problem: false },
  ],
  [
    'an image that cannot be pulled yet (ErrImagePull) is a problem while Pending',
    pod({
      name: 'typo-in-tag',
      phase: 'Pending',
      conditions: notReadyConditions,
      containerStatuses: [waiting('app', 'ErrImagePull')],
    }),
    { status: 'ErrImagePull', ready: '0/1', phase: 'Pending', color: 'yellow', problem: true },
  ],
  [
    'ImagePullBackOff',
    pod({
      name: 'private-registry-no-secret',
      phase: 'Pending',
      conditions: notReadyConditions,
      containerStatuses: [waiting('app', 'ImagePullBackOff')],
    }),
    { status: 'ImagePullBackOff', ready: '0/1', problem: true },
  ],
  [
    'CrashLoopBackOff with five restarts, the last two minutes ago',
    pod({
      name: 'crashloop-exit-1',
      conditions: notReadyConditions,
      containerStatuses: [
        waiting('app', 'CrashLoopBackOff', { restartCount: 5, lastState: lastExit(2 * M + 5 * S) }),
      ],
    }),
    { status: 'CrashLoopBackOff', ready: '0/1', restarts: '5 (2m5s ago)', color: 'green', problem: true },
  ],
  [
    'CrashLoopBackOff restarted 12 minutes ago prints minutes only',
    pod({
      name: 'crashloop-exit-127',
      conditions: notReadyConditions,
      containerStatuses: [
        waiting('app', 'CrashLoopBackOff', { restartCount: 5, lastState: lastExit(12 * M + 30 * S, 127) }),
      ],
    }),
    { status: 'CrashLoopBackOff', ready: '0/1', restarts: '5 (12m ago)' },
  ],
  [
    'a container just OOMKilled (terminated, not yet backing off)',
    pod({
      name: 'jvm-heap-too-big',
      conditions: notReadyConditions,
      containerStatuses: [
        terminated(
          'app',
          { exitCode: 137, reason: 'OOMKilled' },
          { restartCount: 1, lastState: lastExit(5 * M, 137, 'OOMKilled') },
        ),
      ],
    }),
    { status: 'OOMKilled', ready: '0/1', restarts: '1 (5m ago)', problem: true },
  ],
  [
    'a failed one-shot pod (restartPolicy Never) shows Error, red, and is no extra problem',
    pod({
      name: 'migrate-db-failed',
      phase: 'Failed',
      conditions: [
        cond('Initialized', 'True'),
        cond('Ready', 'False', 'PodFailed'),
        cond('PodScheduled', 'True'),
      ],
      containerStatuses: [terminated('app', { exitCode: 1, reason: 'Error' })],
    }),
    { status: 'Error', ready: '0/1', phase: 'Failed', color: 'red', problem: false },
  ],
  [
    'a succeeded pod shows Completed in blue',
    pod({
      name: 'backup-28911230-abcde',
      phase: 'Succeeded',
      conditions: [
        cond('Initialized', 'True'),
        cond('Ready', 'False', 'PodCompleted'),
        cond('PodScheduled', 'True'),
      ],
      containerStatuses: [terminated('app', { exitCode: 0, reason: 'Completed' })],
    }),
    { status: 'Completed', ready: '0/1', color: 'blue', problem: false },
  ],
  [
    'a Completed container beside a running ready one, pod Ready: Running',
    pod({
      name: 'job-with-log-shipper',
      containers: ['worker', 'shipper'],
      containerStatuses: [running('shipper'), terminated('worker', { exitCode: 0, reason: 'Completed' })],
    }),
    { status: 'Running', ready: '1/2', problem: false },
  ],
  [
    'a Completed container beside a running ready one, pod not Ready: NotReady',
    pod({
      name: 'job-with-log-shipper-notready',
      containers: ['worker', 'shipper'],
      conditions: notReadyConditions,
      containerStatuses: [running('shipper'), terminated('worker', { exitCode: 0, reason: 'Completed' })],
    }),
    { status: 'NotReady', ready: '1/2', problem: false },
  ],
  [
    'a terminated container without a reason shows ExitCode:N',
    pod({
      name: 'exit-without-reason',
      conditions: notReadyConditions,
      containerStatuses: [terminated('app', { exitCode: 3 })],
    }),
    { status: 'ExitCode:3', ready: '0/1', problem: true },
  ],
  [
    'a terminated container killed by a signal without a reason shows Signal:N',
    pod({
      name: 'killed-by-signal',
      conditions: notReadyConditions,
      containerStatuses: [terminated('app', { exitCode: 137, signal: 9 })],
    }),
    { status: 'Signal:9', ready: '0/1', problem: true },
  ],
  [
    'the first container with something to say wins (containers are read last to first)',
    pod({
      name: 'two-failures',
      containers: ['api', 'worker'],
      conditions: notReadyConditions,
      containerStatuses: [
        waiting('api', 'CrashLoopBackOff', { restartCount: 2, lastState: lastExit(40 * S) }),
        waiting('worker', 'ImagePullBackOff'),
      ],
    }),
    { status: 'CrashLoopBackOff', ready: '0/2', restarts: '2 (40s ago)' },
  ],
  [
    'CreateContainerConfigError (missing Secret key)',
    pod({
      name: 'missing-secret-key',
      phase: 'Pending',
      conditions: notReadyConditions,
      containerStatuses: [waiting('app', 'CreateContainerConfigError')],
    }),
    { status: 'CreateContainerConfigError', ready: '0/1', problem: true },
  ],
  [
    'RunContainerError (executable not found)',
    pod({
      name: 'bad-command',
      conditions: notReadyConditions,
      containerStatuses: [
        waiting('app', 'RunContainerError', {
          restartCount: 1,
          lastState: lastExit(20 * S, 128, 'StartError'),
        }),
      ],
    }),
    { status: 'RunContainerError', ready: '0/1', restarts: '1 (20s ago)', problem: true },
  ],
  [
    'the first of two init containers running: Init:0/2',
    pod({
      name: 'wait-for-db',
      phase: 'Pending',
      initContainers: ['wait-db', 'migrate'],
      conditions: initializingConditions,
      initContainerStatuses: [running('wait-db', { ready: false }), waiting('migrate', 'PodInitializing')],
      containerStatuses: [waiting('app', 'PodInitializing')],
    }),
    { status: 'Init:0/2', ready: '0/1', problem: false },
  ],
  [
    'the second init container running: Init:1/2',
    pod({
      name: 'migrating',
      phase: 'Pending',
      initContainers: ['wait-db', 'migrate'],
      conditions: initializingConditions,
      initContainerStatuses: [
        terminated('wait-db', { exitCode: 0, reason: 'Completed' }),
        running('migrate', { ready: false }),
      ],
      containerStatuses: [waiting('app', 'PodInitializing')],
    }),
    { status: 'Init:1/2', ready: '0/1' },
  ],
  [
    'an init container waiting in PodInitializing counts as not started: Init:0/1',
    pod({
      name: 'init-pod-initializing',
      phase: 'Pending',
      initContainers: ['setup'],
      conditions: initializingConditions,
      initContainerStatuses: [waiting('setup', 'PodInitializing')],
    }),
    { status: 'Init:0/1', ready: '0/1' },
  ],
  [
    'an init container that failed: Init:Error',
    pod({
      name: 'init-error',
      phase: 'Pending',
      initContainers: ['migrate'],
      conditions: initializingConditions,
      initContainerStatuses: [
        terminated(
          'migrate',
          { exitCode: 1, reason: 'Error' },
          { restartCount: 1, lastState: lastExit(30 * S) },
        ),
      ],
      containerStatuses: [waiting('app', 'PodInitializing')],
    }),
    { status: 'Init:Error', ready: '0/1', restarts: '1 (30s ago)', problem: true },
  ],
  [
    'an init container in back-off: Init:CrashLoopBackOff with its restarts',
    pod({
      name: 'init-crashloop',
      phase: 'Pending',
      initContainers: ['wait-db', 'migrate'],
      conditions: initializingConditions,
      initContainerStatuses: [
        terminated(
          'wait-db',
          { exitCode: 0, reason: 'Completed' },
          { restartCount: 1, lastState: lastExit(3 * H) },
        ),
        waiting('migrate', 'CrashLoopBackOff', { restartCount: 3, lastState: lastExit(40 * S) }),
      ],
      containerStatuses: [waiting('app', 'PodInitializing', { restartCount: 0 })],
    }),
    { status: 'Init:CrashLoopBackOff', ready: '0/1', restarts: '4 (40s ago)', problem: true },
  ],
  [
    'an init container exited non-zero without a reason: Init:ExitCode:1',
    pod({
      name: 'init-exitcode',
      phase: 'Pending',
      initContainers: ['setup'],
      conditions: initializingConditions,
      initContainerStatuses: [terminated('setup', { exitCode: 1 })],
    }),
    { status: 'Init:ExitCode:1', ready: '0/1', problem: true },
  ],
  [
    'an init container killed by a signal without a reason: Init:Signal:9',
    pod({
      name: 'init-signal',
      phase: 'Pending',
      initContainers: ['setup'],
      conditions: initializingConditions,
      initContainerStatuses: [terminated('setup', { exitCode: 137, signal: 9 })],
    }),
    { status: 'Init:Signal:9', ready: '0/1', problem: true },
  ],
  [
    'an init container whose image cannot be pulled: Init:ImagePullBackOff',
    pod({
      name: 'init-image-typo',
      phase: 'Pending',
      initContainers: ['setup', 'migrate'],
      conditions: initializingConditions,
      initContainerStatuses: [waiting('setup', 'ImagePullBackOff'), waiting('migrate', 'PodInitializing')],
    }),
    { status: 'Init:ImagePullBackOff', ready: '0/1', problem: true },
  ],
  [
    'main containers waiting for init to finish show PodInitializing once init is done',
    pod({
      name: 'starting-after-init',
      phase: 'Pending',
      initContainers: ['setup'],
      conditions: [
        cond('Initialized', 'True'),
        cond('Ready', 'False', 'ContainersNotReady'),
        cond('PodScheduled', 'True'),
      ],
      initContainerStatuses: [terminated('setup', { exitCode: 0, reason: 'Completed' })],
      containerStatuses: [waiting('app', 'PodInitializing')],
    }),
    { status: 'PodInitializing', ready: '0/1', problem: false },
  ],
  [
    'init container restarts are not counted once the pod is initialized',
    pod({
      name: 'init-retried-then-ok',
      initContainers: ['setup'],
      initContainerStatuses: [
        terminated(
          'setup',
          { exitCode: 0, reason: 'Completed' },
          { restartCount: 2, lastState: lastExit(3 * H) },
        ),
      ],
      containerStatuses: [running('app')],
    }),
    { status: 'Running', ready: '1/1', restarts: '0' },
  ],
  [
    'a started, ready sidecar counts in READY',
    pod({
      name: 'with-sidecar',
      initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always' }],
      initContainerStatuses: [running('istio-proxy')],
      containerStatuses: [running('app')],
    }),
    { status: 'Running', ready: '2/2', restarts: '0' },
  ],
  [
    'a started sidecar that is not ready counts in the total only',
    pod({
      name: 'sidecar-not-ready',
      conditions: notReadyConditions,
      initContainers: [{ name: 'log-agent', restartPolicy: 'Always' }],
      initContainerStatuses: [running('log-agent', { ready: false })],
      containerStatuses: [running('app')],
    }),
    { status: 'Running', ready: '1/2' },
  ],
  [
    'a sidecar not started yet keeps the pod initializing',
    pod({
      name: 'sidecar-starting',
      phase: 'Pending',
      conditions: initializingConditions,
      initContainers: ['setup', { name: 'log-agent', restartPolicy: 'Always' }],
      initContainerStatuses: [
        terminated('setup', { exitCode: 0, reason: 'Completed' }),
        running('log-agent', { ready: false, started: false }),
      ],
      containerStatuses: [waiting('app', 'PodInitializing')],
    }),
    { status: 'Init:1/2', ready: '0/2' },
  ],
  [
    "sidecar restarts are added to the main containers' and the latest restart wins",
    pod({
      name: 'sidecar-restarted',
      initContainers: [{ name: 'log-agent', restartPolicy: 'Always' }],
      initContainerStatuses: [running('log-agent', { restartCount: 2, lastState: lastExit(7 * M) })],
      containerStatuses: [running('app', { restartCount: 1, lastState: lastExit(3 * H) })],
    }),
    { status: 'Running', ready: '2/2', restarts: '3 (7m ago)' },
  ],
  [
    'an init container failing again while Initialized is True keeps its Init: status but reads the main containers',
    pod({
      name: 'reinit-after-node-reboot',
      initContainers: ['setup'],
      initContainerStatuses: [
        waiting('setup', 'CrashLoopBackOff', { restartCount: 4, lastState: lastExit(1 * M) }),
      ],
      containerStatuses: [running('app', { restartCount: 1, lastState: lastExit(2 * H) })],
    }),
    { status: 'Init:CrashLoopBackOff', ready: '1/1', restarts: '1 (120m ago)', problem: true },
  ],
  [
    'a running pod being deleted: Terminating',
    pod({ name: 'rolling-away', deletionTimestamp: ago(10 * S), containerStatuses: [running('app')] }),
    { status: 'Terminating', ready: '1/1', phase: 'Running', problem: false },
  ],
  [
    'a pending pod being deleted: Terminating',
    pod({
      name: 'deleted-before-start',
      phase: 'Pending',
      deletionTimestamp: ago(10 * S),
      conditions: notReadyConditions,
      containerStatuses: [waiting('app', 'ImagePullBackOff')],
    }),
    { status: 'Terminating', ready: '0/1', problem: false },
  ],
  [
    'a succeeded pod being deleted keeps Completed',
    pod({
      name: 'finished-job-deleted',
      phase: 'Succeeded',
      deletionTimestamp: ago(10 * S),
      conditions: [cond('Ready', 'False', 'PodCompleted')],
      containerStatuses: [terminated('app', { exitCode: 0, reason: 'Completed' })],
    }),
    { status: 'Completed', ready: '0/1' },
  ],
  [
    'a pod on a lost node being deleted: Unknown',
    pod({
      name: 'on-dead-node',
      reason: 'NodeLost',
      deletionTimestamp: ago(5 * M),
      containerStatuses: [running('app')],
    }),
    { status: 'Unknown', ready: '1/1' },
  ],
  [
    'a pod on a lost node (not yet deleted) shows the reason',
    pod({
      name: 'node-lost',
      phase: 'Unknown',
      reason: 'NodeLost',
      containerStatuses: [running('app', { ready: false })],
    }),
    { status: 'NodeLost', ready: '0/1', phase: 'Unknown', color: 'gray' },
  ],
  [
    'an evicted pod',
    pod({
      name: 'evicted-disk-pressure',
      phase: 'Failed',
      reason: 'Evicted',
      conditions: [cond('DisruptionTarget', 'True', 'TerminationByKubelet')],
      containerStatuses: [terminated('app', { exitCode: 137, reason: 'ContainerStatusUnknown' })],
    }),
    { status: 'ContainerStatusUnknown', ready: '0/1', color: 'red', problem: false },
  ],
  [
    'an evicted pod whose container statuses were cleared',
    pod({ name: 'evicted-memory', phase: 'Failed', reason: 'Evicted', conditions: [] }),
    { status: 'Evicted', ready: '0/1', color: 'red', problem: false },
  ],
  [
    'a pod rejected at admission (OutOfcpu)',
    pod({ name: 'outofcpu', phase: 'Failed', reason: 'OutOfcpu', conditions: [] }),
    { status: 'OutOfcpu', ready: '0/1', color: 'red' },
  ],
  [
    'restarts without a recorded previous run print the count alone',
    pod({ name: 'restarts-no-last-state', containerStatuses: [running('app', { restartCount: 2 })] }),
    { status: 'Running', ready: '1/1', restarts: '2' },
  ],
  [
    'a pod created 5m12s ago',
    pod({ name: 'young', age: 5 * M + 12 * S, containerStatuses: [running('app')] }),
    { status: 'Running', ready: '1/1', age: '5m12s' },
  ],
  [
    'a pod created 2d5h ago',
    pod({ name: 'older', age: 2 * D + 5 * H + 40 * M, containerStatuses: [running('app')] }),
    { status: 'Running', ready: '1/1', age: '2d5h' },
  ],
  [
    'a pod created 400 days ago',
    pod({ name: 'ancient', age: 400 * D + 3 * H, containerStatuses: [running('app')] }),
    { status: 'Running', ready: '1/1', age: '400d' },
  ],
];

describe('kubectlPodRow', () => {
  it('covers at least 40 pod statuses', () => {
    assert.ok(cases.length >= 40, `${cases.length} cases`);
  });
  for (const [title, p, want] of cases) {
    it(title, () => {
      const row = kubectlPodRow(p, NOW);
      const got: Record<string, unknown> = { status: row.status, ready: row.ready };
      for (const key of ['restarts', 'age', 'phase', 'color', 'problem'] as const) {
        if (want[key] !== undefined) got[key] = row[key];
      }
      assert.deepEqual(got, want);
    });
  }

  it('returns name, namespace and node, and reads client-node Date timestamps', () => {
    const p = pod({
      name: 'dates',
      age: 3 * H + 4 * M,
      containerStatuses: [
        waiting('app', 'CrashLoopBackOff', { restartCount: 5, lastState: lastExit(2 * M) }),
      ],
      conditions: notReadyConditions,
    });
    if (p.metadata) p.metadata.creationTimestamp = new Date(NOW - (3 * H + 4 * M));
    const lastTerminated = p.status?.containerStatuses?.[0]?.lastState?.terminated;
    if (lastTerminated) lastTerminated.finishedAt = new Date(NOW - 2 * M);
    assert.deepEqual(kubectlPodRow(p, NOW), {
      name: 'dates',
      namespace: 'shop',
      status: 'CrashLoopBackOff',
      ready: '0/1',
      restarts: '5 (2m ago)',
      age: '3h4m',
      phase: 'Running',
      color: 'green',
      problem: true,
      node: 'worker-2',
    });
  });

  it('prints <unknown> age and an empty node for a bare pod', () => {
    const row = kubectlPodRow({ metadata: { name: 'bare' } }, NOW);
    assert.deepEqual(
      [row.status, row.ready, row.restarts, row.age, row.phase, row.color, row.node],
      ['', '0/0', '0', '<unknown>', 'Unknown', 'gray', ''],
    );
  });
});

describe('humanDuration (kubectl AGE)', () => {
  const table: Array<[number, string]> = [
    [-2500, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [45 * S, '45s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [5 * M + 12 * S, '5m12s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H + 4 * M, '3h4m'],
    [5 * H, '5h'],
    [8 * H + 30 * M, '8h'],
    [47 * H + 59 * M, '47h'],
    [2 * D + 5 * H, '2d5h'],
    [3 * D, '3d'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D + 5 * H, '8d'],
    [400 * D, '400d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [(730 + 100) * D, '2y100d'],
    [(365 * 8 + 10) * D, '8y'],
  ];
  for (const [ms, want] of table) {
    it(`${ms} ms → ${want}`, () => assert.equal(humanDuration(ms), want));
  }
});

describe('phaseColor and isFailureStatus', () => {
  it('colors phases', () => {
    assert.deepEqual(['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown', undefined].map(phaseColor), [
      'green',
      'yellow',
      'blue',
      'red',
      'gray',
      'gray',
    ]);
  });
  it('tells failure reasons from progress', () => {
    const failures = [
      'CrashLoopBackOff',
      'Init:Error',
      'Init:ExitCode:1',
      'Signal:9',
      'ExitCode:2',
      'OOMKilled',
    ];
    const progress = [
      'Running',
      'Init:0/2',
      'PodInitializing',
      'ContainerCreating',
      'Completed',
      'Terminating',
      'ExitCode:0',
    ];
    assert.deepEqual(
      failures.map(isFailureStatus),
      failures.map(() => true),
    );
    assert.deepEqual(
      progress.map(isFailureStatus),
      progress.map(() => false),
    );
  });
});

describe('iconColor', () => {
  const failing: Array<[string, Pod, string]> = [
    [
      'CrashLoopBackOff while Running',
      pod({
        name: 'api',
        conditions: notReadyConditions,
        containerStatuses: [
          waiting('app', 'CrashLoopBackOff', { restartCount: 5, lastState: lastExit(2 * M) }),
        ],
      }),
      'CrashLoopBackOff',
    ],
    [
      'Error between restarts while Running',
      pod({
        name: 'worker',
        conditions: notReadyConditions,
        containerStatuses: [terminated('app', { exitCode: 1, reason: 'Error' })],
      }),
      'Error',
    ],
    [
      'OOMKilled while Running',
      pod({
        name: 'checkout',
        conditions: notReadyConditions,
        containerStatuses: [terminated('app', { exitCode: 137, reason: 'OOMKilled' })],
      }),
      'OOMKilled',
    ],
    [
      'ImagePullBackOff while Pending',
      pod({
        name: 'cart',
        phase: 'Pending',
        conditions: notReadyConditions,
        containerStatuses: [waiting('app', 'ImagePullBackOff')],
      }),
      'ImagePullBackOff',
    ],
    [
      'ErrImagePull while Pending',
      pod({
        name: 'cart',
        phase: 'Pending',
        conditions: notReadyConditions,
        containerStatuses: [waiting('app', 'ErrImagePull')],
      }),
      'ErrImagePull',
    ],
    [
      'CreateContainerConfigError while Pending',
      pod({
        name: 'inventory',
        phase: 'Pending',
        conditions: notReadyConditions,
        containerStatuses: [waiting('app', 'CreateContainerConfigError')],
      }),
      'CreateContainerConfigError',
    ],
    [
      'Init:CrashLoopBackOff while Pending',
      pod({
        name: 'orders',
        phase: 'Pending',
        initContainers: ['migrate'],
        conditions: initializingConditions,
        initContainerStatuses: [
          waiting('migrate', 'CrashLoopBackOff', { restartCount: 3, lastState: lastExit(M) }),
        ],
        containerStatuses: [waiting('app', 'PodInitializing')],
      }),
      'Init:CrashLoopBackOff',
    ],
  ];
  for (const [title, p, status] of failing) {
    it(`is red for ${title}, and the phase is still reported`, () => {
      const row = kubectlPodRow(p, NOW);
      assert.equal(row.status, status);
      assert.equal(row.phase, p.status?.phase);
      assert.notEqual(row.color, 'red', "the phase color stays the phase's");
      assert.equal(iconColor(row), 'red');
    });
  }

  it('keeps the phase color for progress and health', () => {
    const healthy = kubectlPodRow(pod({ name: 'web', containerStatuses: [running('app')] }), NOW);
    assert.equal(iconColor(healthy), 'green');
    const creating = kubectlPodRow(
      pod({
        name: 'web',
        phase: 'Pending',
        conditions: notReadyConditions,
        containerStatuses: [waiting('app', 'ContainerCreating')],
      }),
      NOW,
    );
    assert.equal(creating.status, 'ContainerCreating');
    assert.equal(iconColor(creating), 'yellow');
  });
});

describe('tabwriterTable', () => {
  it('pads every column but the last to its widest cell plus three spaces', () => {
    assert.equal(
      tabwriterTable([
        ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
        ['crashloop-exit-1', '0/1', 'CrashLoopBackOff', '5 (2m ago)', '3h4m'],
        ['web', '1/1', 'Running', '0', '45s'],
      ]),
      [
        'NAME               READY   STATUS             RESTARTS     AGE',
        'crashloop-exit-1   0/1     CrashLoopBackOff   5 (2m ago)   3h4m',
        'web                1/1     Running            0            45s',
      ].join('\n'),
    );
  });
});
