import type { PodMetrics } from '../usage';
import type { KubeEvent, KubeNode, Pod } from '../k8s';

/** Logs of one container: the current run and the previous (crashed) run. */
export interface ContainerLogs {
  current?: string;
  previous?: string;
}

export interface DiagnoseInput {
  pod: Pod;
  /** Events of the pod (others are ignored, so passing a whole namespace's events is fine). */
  events?: readonly KubeEvent[];
  logs?: Readonly<Record<string, ContainerLogs>>;
  node?: KubeNode;
  /** The controller chain, nearest first (ReplicaSet, Deployment, Job, …). */
  owners?: readonly Record<string, unknown>[];
  /** Events of the owners: quota and admission denials appear there, never on the pod. */
  ownerEvents?: readonly KubeEvent[];
  /** Live usage from metrics.k8s.io, when the cluster serves it. */
  metrics?: PodMetrics;
  nowMs: number;
}

export type Severity = 'critical' | 'error' | 'warning' | 'info';
type EvidenceSource = 'status' | 'event' | 'spec' | 'log' | 'node';
export type Likelihood = 'likely' | 'possible' | 'unlikely';

/** Every diagnosis id (stable: outside tools match on them). */
export const DIAGNOSIS_IDS = [
  'unschedulable',
  'image-pull',
  'config-missing',
  'volume-mount',
  'container-create',
  'init-failure',
  'hook-failure',
  'readiness-failing',
  'liveness-restarts',
  'crash-loop',
  'failed',
  'oom-killed',
  'evicted',
  'node-lost',
  'stuck-terminating',
  'sandbox-failure',
  'pending',
  'completed',
  'healthy',
] as const;

export type DiagnosisId = (typeof DIAGNOSIS_IDS)[number];

export interface Evidence {
  source: EvidenceSource;
  text: string;
  /** Where the text comes from: `status.containerStatuses[app].lastState.terminated.exitCode`. */
  path?: string;
  /** RFC 3339 time of the event or state change. */
  time?: string;
}

export interface Cause {
  text: string;
  likelihood: Likelihood;
}

export interface Fix {
  text: string;
  /** The spec field to change, `spec.containers[app].resources.limits.memory`. */
  specPath?: string;
  /** A value to set there, when one can be computed. */
  value?: string;
}

export interface Diagnosis {
  id: DiagnosisId;
  severity: Severity;
  title: string;
  summary: string;
  container?: string;
  evidence: Evidence[];
  causes: Cause[];
  fixes: Fix[];
}

export type TimelineSource = 'status' | 'event' | 'node';

export interface TimelineEntry {
  time: string;
  source: TimelineSource;
  text: string;
  severity?: 'warning' | 'normal';
}

export type ContainerRoleName = 'init' | 'sidecar' | 'main' | 'ephemeral';

export interface ContainerCard {
  name: string;
  role: ContainerRoleName;
  image: string;
  /** `running`, `waiting`, `terminated`, or `unknown` when the kubelet has not reported it. */
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** One line: `Waiting: CrashLoopBackOff`, `Running since 2026-11-23T11:58:00Z`, `Terminated: Error (exit 1)`. */
  stateText: string;
  reason?: string;
  message?: string;
  exitCode?: number;
  /** What the exit code means, `command not found`. */
  exitMeaning?: string;
  /** The previous run, when the container has restarted. */
  lastState?: string;
  lastExitCode?: number;
  lastExitMeaning?: string;
  restarts: number;
  ready: boolean;
}

export interface Explanation {
  pod: { namespace: string; name: string };
  phase: string;
  status: string;
  ready: string;
  restarts: string;
  age: string;
  node: string;
  /** The pod's labels (selectors, owner hash): what tells replicas and versions apart. */
  labels?: Record<string, string>;
  /** What is wrong, in one sentence. */
  headline: string;
  /** Most important first. */
  diagnoses: Diagnosis[];
  timeline: TimelineEntry[];
  containers: ContainerCard[];
}
