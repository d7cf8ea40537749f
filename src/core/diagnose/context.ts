import type { ContainerSpec, ContainerStatus, Pod } from '../k8s';
import { kubectlPodRow, type KubectlPodRow } from '../status';
import { containerLabel } from '../text/container-label';
import { ownerEventsOf, podEvents, type PodEvent } from './events';
import type { ContainerLogs, ContainerRoleName, DiagnoseInput } from './types';

export interface ContainerInfo {
  name: string;
  role: ContainerRoleName;
  spec: ContainerSpec | undefined;
  status: ContainerStatus | undefined;
  /** `spec.containers[app]` */
  specPath: string;
  /** `status.containerStatuses[app]` */
  statusPath: string;
  /** `container "app"`, `init container "init-db"`, `sidecar "proxy"`. */
  label: string;
}

/** Everything the detectors read, joined and normalized once per pod. */
export interface DiagnoseContext {
  input: DiagnoseInput;
  pod: Pod;
  nowMs: number;
  namespace: string;
  name: string;
  phase: string;
  restartPolicy: string;
  row: KubectlPodRow;
  /** Init containers (and sidecars) first, then main containers, then ephemeral ones. */
  containers: ContainerInfo[];
  events: PodEvent[];
  ownerEvents: Array<PodEvent & { owner: string }>;
}

function joinContainers(
  specs: readonly ContainerSpec[] | undefined,
  statuses: readonly ContainerStatus[] | undefined,
  field: string,
  statusField: string,
  roleOf: (spec: ContainerSpec | undefined) => ContainerRoleName,
): ContainerInfo[] {
  const out: ContainerInfo[] = [];
  const seen = new Set<string>();
  const byName = new Map((statuses ?? []).map((s) => [s.name ?? '', s]));
  for (const spec of specs ?? []) {
    const name = typeof spec.name === 'string' ? spec.name : '';
    seen.add(name);
    const role = roleOf(spec);
    out.push({
      name,
      role,
      spec,
      status: byName.get(name),
      specPath: `spec.${field}[${name}]`,
      statusPath: `status.${statusField}[${name}]`,
      label: containerLabel({ role, name }),
    });
  }
  // Status of a container the spec we were given does not list (e.g. a partial object): keep it.
  for (const status of statuses ?? []) {
    const name = status.name ?? '';
    if (seen.has(name)) continue;
    const role = roleOf(undefined);
    out.push({
      name,
      role,
      spec: undefined,
      status,
      specPath: `spec.${field}[${name}]`,
      statusPath: `status.${statusField}[${name}]`,
      label: containerLabel({ role, name }),
    });
  }
  return out;
}

export function buildContext(input: DiagnoseInput): DiagnoseContext {
  // A hand-saved file may lack the pod entirely; explain what little there is rather than throw.
  const pod: Pod = input.pod ?? {};
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const containers = [
    ...joinContainers(
      spec.initContainers,
      status.initContainerStatuses,
      'initContainers',
      'initContainerStatuses',
      (s) => (s?.restartPolicy === 'Always' ? 'sidecar' : 'init'),
    ),
    ...joinContainers(
      spec.containers,
      status.containerStatuses,
      'containers',
      'containerStatuses',
      () => 'main',
    ),
    ...joinContainers(
      spec.ephemeralContainers,
      status.ephemeralContainerStatuses,
      'ephemeralContainers',
      'ephemeralContainerStatuses',
      () => 'ephemeral',
    ),
  ];
  return {
    input,
    pod,
    nowMs: input.nowMs,
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    phase: status.phase ?? 'Unknown',
    restartPolicy: typeof spec.restartPolicy === 'string' ? spec.restartPolicy : 'Always',
    row: kubectlPodRow(pod, input.nowMs),
    containers,
    events: podEvents(pod, input.events),
    ownerEvents: ownerEventsOf(input.owners, input.ownerEvents),
  };
}

export function logsOf(ctx: DiagnoseContext, container: string): ContainerLogs {
  return ctx.input.logs?.[container] ?? {};
}

/** Events about one container (by fieldPath), or mentioning it by name in the message. */
export function containerEvents(
  ctx: DiagnoseContext,
  c: ContainerInfo,
  reasons?: readonly string[],
): PodEvent[] {
  return ctx.events.filter(
    (e) =>
      (reasons === undefined || reasons.includes(e.reason)) &&
      (e.container !== undefined
        ? e.container === c.name
        : ctx.containers.length === 1 ||
          e.message.includes(`"${c.name}"`) ||
          e.message.includes(`container ${c.name}`)),
  );
}

/** Containers the kubelet keeps running: main containers and sidecars. */
export function longRunning(ctx: DiagnoseContext): ContainerInfo[] {
  return ctx.containers.filter((c) => c.role === 'main' || c.role === 'sidecar');
}

/** The pod has not got its containers running yet (what mount and sandbox failures block). */
export function notRunningYet(ctx: DiagnoseContext): boolean {
  if (ctx.phase !== 'Pending' && ctx.phase !== 'Unknown') {
    return ctx.containers.some(
      (c) =>
        c.status?.state?.waiting?.reason === 'ContainerCreating' ||
        c.status?.state?.waiting?.reason === 'PodInitializing',
    );
  }
  return true;
}
