import { timeMillis, type ContainerStatus, type Pod, type PodCondition } from '../k8s';
import { ageSince } from '../text/duration';

/** The color key of a pod phase: the tree's icon color and `pods --format json`'s `color`. */
export type PhaseColor = 'green' | 'yellow' | 'blue' | 'red' | 'gray';

export function phaseColor(phase: string | undefined): PhaseColor {
  switch (phase) {
    case 'Running':
      return 'green';
    case 'Pending':
      return 'yellow';
    case 'Succeeded':
      return 'blue';
    case 'Failed':
      return 'red';
    default:
      return 'gray';
  }
}

/**
 * The color of a pod's icon: its phase's, except that a failure STATUS (CrashLoopBackOff while
 * Running, ErrImagePull while Pending, …) is red whatever the phase, so a crash-looping pod is
 * never shown green.
 */
export function iconColor(row: Pick<KubectlPodRow, 'color' | 'problem'>): PhaseColor {
  return row.problem ? 'red' : row.color;
}

/** One line of `kubectl get pods`, plus what the tree needs to color and badge it. */
export interface KubectlPodRow {
  name: string;
  namespace: string;
  /** The STATUS column. */
  status: string;
  /** The READY column, `ready/total`. */
  ready: string;
  /** The RESTARTS column, `0` or `5 (2m ago)`. */
  restarts: string;
  /** The AGE column. */
  age: string;
  /** `status.phase`, or `Unknown` when the pod has none yet. */
  phase: string;
  color: PhaseColor;
  /** STATUS names a failure that the phase does not show (e.g. CrashLoopBackOff while Running). */
  problem: boolean;
  /** `spec.nodeName`, empty while the pod is not scheduled. */
  node: string;
}

/** Container waiting/terminated reasons that mean something went wrong. */
const FAILURE_REASONS = new Set([
  'CrashLoopBackOff',
  'Error',
  'OOMKilled',
  'ContainerCannotRun',
  'DeadlineExceeded',
  'ContainerStatusUnknown',
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ImageInspectError',
  'ErrImageNeverPull',
  'RegistryUnavailable',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreStartHookError',
  'PostStartHookError',
  'StartError',
]);

/** Whether a STATUS string is a failure reason (as opposed to progress such as `Init:0/2`). */
export function isFailureStatus(status: string): boolean {
  if (/^(Init:)?(ExitCode|Signal):\d+$/.test(status)) return !/^(Init:)?ExitCode:0$/.test(status);
  if (/^Init:\d+\/\d+$/.test(status)) return false;
  const reason = status.startsWith('Init:') ? status.slice('Init:'.length) : status;
  return FAILURE_REASONS.has(reason);
}

function conditionTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  return conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

/** Tracks RESTARTS: the sum of restart counts and the latest finish of a previous run. */
class Restarts {
  count = 0;
  lastMs: number | undefined;
  add(status: ContainerStatus): void {
    this.count += status.restartCount ?? 0;
    const finished = timeMillis(status.lastState?.terminated?.finishedAt);
    if (finished !== undefined && (this.lastMs === undefined || finished > this.lastMs)) {
      this.lastMs = finished;
    }
  }
  text(nowMs: number): string {
    return this.count !== 0 && this.lastMs !== undefined
      ? `${this.count} (${ageSince(this.lastMs, nowMs)} ago)`
      : String(this.count);
  }
}

/**
 * The row `kubectl get pods` prints for a pod: a port of `printPod` in kubernetes
 * pkg/printers/internalversion/printers.go (the server-side Table printer), step for step.
 */
export function kubectlPodRow(pod: Pod, nowMs: number): KubectlPodRow {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason = status.reason ? status.reason : phase;
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initSpecs = spec.initContainers ?? [];
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name ?? ''));
  const total = (spec.containers ?? []).length + sidecars.size;
  let ready = 0;

  const all = new Restarts();
  const sidecarRestarts = new Restarts();
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, container] of initStatuses.entries()) {
    all.add(container);
    const isSidecar = sidecars.has(container.name ?? '');
    if (isSidecar) sidecarRestarts.add(container);
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isSidecar && container.started === true) {
      if (container.ready) ready++;
      continue;
    }
    if (terminated) {
      if (terminated.reason) reason = `Init:${terminated.reason}`;
      else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
      else reason = `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  let restarts = all;
  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Last to first, each overwriting, so that the first container with something to say wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      if (!container) continue;
      restarts.add(container);
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp != null) {
    if (status.reason === 'NodeLost') reason = 'Unknown';
    else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  }

  const shownPhase = phase || 'Unknown';
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    status: reason,
    ready: `${ready}/${total}`,
    restarts: restarts.text(nowMs),
    age: ageSince(timeMillis(pod.metadata?.creationTimestamp), nowMs),
    phase: shownPhase,
    color: phaseColor(shownPhase),
    problem: isFailureStatus(reason) && shownPhase !== 'Failed',
    node: spec.nodeName ?? '',
  };
}
