/**
 * The shapes of the Kubernetes objects the core reads, as plain JSON (what `kubectl get -o json`
 * prints and what a watch streams). Every field is optional: real objects omit most of them.
 * Timestamps may be RFC 3339 strings or `Date`s (client-node deserializes lists into Dates).
 */
export type Time = string | Date;

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: Time;
  deletionTimestamp?: Time;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

interface ContainerStateWaiting {
  reason?: string;
  message?: string;
}
interface ContainerStateRunning {
  startedAt?: Time;
}
export interface ContainerStateTerminated {
  exitCode?: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt?: Time;
  finishedAt?: Time;
  containerID?: string;
}
export interface ContainerState {
  waiting?: ContainerStateWaiting;
  running?: ContainerStateRunning;
  terminated?: ContainerStateTerminated;
}

export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  image?: string;
  imageID?: string;
  containerID?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: Time;
  lastProbeTime?: Time;
}

/** Container specs are left loose: the linter's schema knows them; diagnosis reads a few fields. */
export type ContainerSpec = { name?: string; image?: string; restartPolicy?: string } & Record<
  string,
  unknown
>;

interface PodSpec {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  ephemeralContainers?: ContainerSpec[];
  nodeName?: string;
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  readinessGates?: Array<{ conditionType?: string }>;
  [key: string]: unknown;
}

interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  nominatedNodeName?: string;
  hostIP?: string;
  podIP?: string;
  startTime?: Time;
  qosClass?: string;
  conditions?: PodCondition[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  ephemeralContainerStatuses?: ContainerStatus[];
}

export interface Pod {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: PodSpec;
  status?: PodStatus;
}

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  fieldPath?: string;
}

/** A core/v1 Event or an events.k8s.io/v1 Event (the two name some fields differently). */
export interface KubeEvent {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  /** core/v1 */
  involvedObject?: ObjectReference;
  /** events.k8s.io/v1 */
  regarding?: ObjectReference;
  reason?: string;
  /** core/v1 */
  message?: string;
  /** events.k8s.io/v1 */
  note?: string;
  type?: string;
  count?: number;
  firstTimestamp?: Time | null;
  lastTimestamp?: Time | null;
  eventTime?: Time | null;
  series?: { count?: number; lastObservedTime?: Time };
  /** core/v1 */
  source?: { component?: string; host?: string };
  /** events.k8s.io/v1 */
  reportingController?: string;
  reportingInstance?: string;
  deprecatedCount?: number;
  deprecatedFirstTimestamp?: Time | null;
  deprecatedLastTimestamp?: Time | null;
  deprecatedSource?: { component?: string; host?: string };
}

interface NodeCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: Time;
  lastTransitionTime?: Time;
}

export interface KubeNode {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: { taints?: Array<{ key?: string; value?: string; effect?: string }>; unschedulable?: boolean };
  status?: {
    conditions?: NodeCondition[];
    allocatable?: Record<string, string>;
    capacity?: Record<string, string>;
  };
}

/** Milliseconds since the epoch, or undefined for a missing or unparsable time. */
export function timeMillis(time: Time | null | undefined): number | undefined {
  if (time === undefined || time === null) return undefined;
  const ms = time instanceof Date ? time.getTime() : Date.parse(time);
  return Number.isNaN(ms) ? undefined : ms;
}
