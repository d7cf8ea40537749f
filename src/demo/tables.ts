import type { Pod } from '../core/k8s';
import { ageSince, kubectlPodRow } from '../core/status';
import type { Json } from './selectors';

/**
 * Server-side printing (`Accept: application/json;as=Table;v=1;g=meta.k8s.io`), the columns of
 * pkg/printers/internalversion/printers.go. kubectl asks for these and prints them as they are.
 */

interface Column {
  name: string;
  type: string;
  format?: string;
  priority?: number;
  description: string;
}

interface Printer {
  columns: Column[];
  cells(object: Json, nowMs: number): unknown[];
  conditions?(object: Json): Json[] | undefined;
}

const NAME: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
};
const AGE: Column = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.',
};

const meta = (o: Json): Json => (o.metadata as Json | undefined) ?? {};
const spec = (o: Json): Json => (o.spec as Json | undefined) ?? {};
const status = (o: Json): Json => (o.status as Json | undefined) ?? {};
const ms = (t: unknown): number | undefined => (typeof t === 'string' ? Date.parse(t) : undefined);
const age = (o: Json, nowMs: number): string => ageSince(ms(meta(o).creationTimestamp), nowMs);
const none = (v: unknown): string => (v === undefined || v === null || v === '' ? '<none>' : String(v));

const podPrinter: Printer = {
  columns: [
    NAME,
    {
      name: 'Ready',
      type: 'string',
      description: 'The aggregate readiness state of this pod for accepting traffic.',
    },
    { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.' },
    {
      name: 'Restarts',
      type: 'string',
      description:
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    },
    AGE,
    { name: 'IP', type: 'string', priority: 1, description: 'podIP is the IP address allocated to the pod.' },
    {
      name: 'Node',
      type: 'string',
      priority: 1,
      description: 'NodeName indicates in which node this pod is scheduled.',
    },
    {
      name: 'Nominated Node',
      type: 'string',
      priority: 1,
      description: 'nominatedNodeName is set only when this pod preempts other pods on the node.',
    },
    {
      name: 'Readiness Gates',
      type: 'string',
      priority: 1,
      description: 'If specified, all readiness gates will be evaluated for pod readiness.',
    },
  ],
  cells(pod, nowMs) {
    const row = kubectlPodRow(pod as Pod, nowMs);
    const gates = (spec(pod).readinessGates as Json[] | undefined) ?? [];
    const conditions = (status(pod).conditions as Json[] | undefined) ?? [];
    const trueGates = gates.filter((g) =>
      conditions.some((c) => c.type === g.conditionType && c.status === 'True'),
    );
    return [
      row.name,
      row.ready,
      row.status,
      row.restarts,
      row.age,
      none(status(pod).podIP),
      none(spec(pod).nodeName),
      none(status(pod).nominatedNodeName),
      gates.length ? `${trueGates.length}/${gates.length}` : '<none>',
    ];
  },
  conditions(pod) {
    const phase = status(pod).phase;
    if (phase === 'Succeeded')
      return [
        {
          type: 'Completed',
          status: 'True',
          reason: 'Succeeded',
          message: 'The pod has completed successfully.',
        },
      ];
    if (phase === 'Failed')
      return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return undefined;
  },
};

function eventTime(event: Json, field: 'first' | 'last'): number | undefined {
  if (field === 'first')
    return (
      ms(event.firstTimestamp ?? event.deprecatedFirstTimestamp) ??
      ms(event.eventTime) ??
      ms(meta(event).creationTimestamp)
    );
  const series = event.series as Json | undefined;
  return (
    ms(event.lastTimestamp ?? event.deprecatedLastTimestamp) ??
    ms(series?.lastObservedTime) ??
    ms(event.eventTime) ??
    ms(meta(event).creationTimestamp)
  );
}

const eventPrinter: Printer = {
  columns: [
    { name: 'Last Seen', type: 'string', description: 'The last time an event was observed.' },
    {
      name: 'Type',
      type: 'string',
      description: 'Type of this event (Normal, Warning), new types could be added in the future.',
    },
    {
      name: 'Reason',
      type: 'string',
      description:
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    },
    { name: 'Object', type: 'string', description: 'The object that this event is about.' },
    {
      name: 'Subobject',
      type: 'string',
      priority: 1,
      description: 'The specific part of the object that this event is about.',
    },
    { name: 'Source', type: 'string', priority: 1, description: 'The component reporting this event.' },
    {
      name: 'Message',
      type: 'string',
      description: 'A human-readable description of the status of this operation.',
    },
    { name: 'First Seen', type: 'string', priority: 1, description: 'The first time an event was observed.' },
    {
      name: 'Count',
      type: 'string',
      priority: 1,
      description: 'The number of times this event has occurred.',
    },
    { name: 'Name', type: 'string', priority: 1, description: NAME.description },
  ],
  cells(event, nowMs) {
    // events.k8s.io/v1 names the same fields regarding, note, deprecatedCount, deprecatedSource.
    const involved = ((event.involvedObject ?? event.regarding) as Json | undefined) ?? {};
    const source = ((event.source ?? event.deprecatedSource) as Json | undefined) ?? {};
    const series = event.series as Json | undefined;
    const first = eventTime(event, 'first');
    const last = eventTime(event, 'last');
    const count = series ? Number(series.count ?? 1) : Number(event.count ?? event.deprecatedCount ?? 1);
    const component = String(source.component ?? event.reportingController ?? event.reportingComponent ?? '');
    return [
      ageSince(last, nowMs),
      String(event.type ?? ''),
      String(event.reason ?? ''),
      `${String(involved.kind ?? '').toLowerCase()}/${String(involved.name ?? '')}`,
      String(involved.fieldPath ?? ''),
      source.host ? `${component}, ${String(source.host)}` : component,
      String(event.message ?? event.note ?? '').trim(),
      ageSince(first, nowMs),
      count,
      String(meta(event).name ?? ''),
    ];
  },
};

function nodeStatus(node: Json): string {
  const ready = ((status(node).conditions as Json[] | undefined) ?? []).find((c) => c.type === 'Ready');
  const parts = [ready?.status === 'True' ? 'Ready' : 'NotReady'];
  if (spec(node).unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

const nodePrinter: Printer = {
  columns: [
    NAME,
    { name: 'Status', type: 'string', description: 'The status of the node' },
    { name: 'Roles', type: 'string', description: 'The roles of the node' },
    AGE,
    { name: 'Version', type: 'string', description: 'Kubelet Version reported by the node.' },
    {
      name: 'Internal-IP',
      type: 'string',
      priority: 1,
      description: 'List of addresses reachable to the node.',
    },
    {
      name: 'External-IP',
      type: 'string',
      priority: 1,
      description: 'List of addresses reachable to the node.',
    },
    {
      name: 'OS-Image',
      type: 'string',
      priority: 1,
      description: 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
    },
    {
      name: 'Kernel-Version',
      type: 'string',
      priority: 1,
      description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
    },
    {
      name: 'Container-Runtime',
      type: 'string',
      priority: 1,
      description:
        'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
    },
  ],
  cells(node, nowMs) {
    const info = (status(node).nodeInfo as Json | undefined) ?? {};
    const addresses = (status(node).addresses as Json[] | undefined) ?? [];
    const address = (type: string): string => none(addresses.find((a) => a.type === type)?.address);
    const labels = (meta(node).labels as Record<string, string> | undefined) ?? {};
    const roles = Object.keys(labels)
      .filter((l) => l.startsWith('node-role.kubernetes.io/'))
      .map((l) => l.slice('node-role.kubernetes.io/'.length));
    return [
      String(meta(node).name),
      nodeStatus(node),
      roles.length ? roles.join(',') : '<none>',
      age(node, nowMs),
      String(info.kubeletVersion ?? ''),
      address('InternalIP'),
      address('ExternalIP'),
      String(info.osImage ?? ''),
      String(info.kernelVersion ?? ''),
      String(info.containerRuntimeVersion ?? ''),
    ];
  },
};

const namespacePrinter: Printer = {
  columns: [NAME, { name: 'Status', type: 'string', description: 'The status of the namespace' }, AGE],
  cells: (ns, nowMs) => [String(meta(ns).name), String(status(ns).phase ?? ''), age(ns, nowMs)],
};

const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

const deploymentPrinter: Printer = {
  columns: [
    NAME,
    { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' },
    {
      name: 'Up-to-date',
      type: 'string',
      description:
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    },
    {
      name: 'Available',
      type: 'string',
      description:
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    },
    AGE,
  ],
  cells: (d, nowMs) => [
    String(meta(d).name),
    `${n(status(d).readyReplicas)}/${n(spec(d).replicas)}`,
    n(status(d).updatedReplicas),
    n(status(d).availableReplicas),
    age(d, nowMs),
  ],
};

const replicaSetPrinter: Printer = {
  columns: [
    NAME,
    { name: 'Desired', type: 'integer', description: 'Replicas is the number of desired replicas.' },
    {
      name: 'Current',
      type: 'integer',
      description: 'Replicas is the most recently observed number of replicas.',
    },
    {
      name: 'Ready',
      type: 'integer',
      description: 'readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.',
    },
    AGE,
  ],
  cells: (rs, nowMs) => [
    String(meta(rs).name),
    n(spec(rs).replicas),
    n(status(rs).replicas),
    n(status(rs).readyReplicas),
    age(rs, nowMs),
  ],
};

const statefulSetPrinter: Printer = {
  columns: [NAME, { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' }, AGE],
  cells: (s, nowMs) => [
    String(meta(s).name),
    `${n(status(s).readyReplicas)}/${n(spec(s).replicas)}`,
    age(s, nowMs),
  ],
};

const jobPrinter: Printer = {
  columns: [
    NAME,
    { name: 'Status', type: 'string', description: 'Status of the job.' },
    { name: 'Completions', type: 'string', description: 'The completion status of the job.' },
    { name: 'Duration', type: 'string', description: 'Time required to complete the job.' },
    AGE,
  ],
  cells(job, nowMs) {
    const conditions = (status(job).conditions as Json[] | undefined) ?? [];
    const has = (type: string): boolean => conditions.some((c) => c.type === type && c.status === 'True');
    const state = has('Complete')
      ? 'Complete'
      : has('Failed')
        ? 'Failed'
        : has('Suspended')
          ? 'Suspended'
          : 'Running';
    const start = ms(status(job).startTime);
    const end = ms(status(job).completionTime) ?? nowMs;
    return [
      String(meta(job).name),
      state,
      `${n(status(job).succeeded)}/${n(spec(job).completions) || 1}`,
      start === undefined ? '' : ageSince(start, end),
      age(job, nowMs),
    ];
  },
};

const defaultPrinter: Printer = {
  columns: [NAME, AGE],
  cells: (o, nowMs) => [String(meta(o).name), age(o, nowMs)],
};

const PRINTERS: Record<string, Printer> = {
  pods: podPrinter,
  events: eventPrinter,
  nodes: nodePrinter,
  namespaces: namespacePrinter,
  deployments: deploymentPrinter,
  replicasets: replicaSetPrinter,
  statefulsets: statefulSetPrinter,
  jobs: jobPrinter,
};

export function partialMetadata(object: Json): Json {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: meta(object) };
}

/** A meta.k8s.io/v1 Table of `objects` (a list, or one object for a get or a watch event). */
export function asTable(
  resource: string,
  objects: Json[],
  listMeta: Json,
  nowMs: number,
  includeObject: string,
): Json {
  const printer = PRINTERS[resource] ?? defaultPrinter;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: printer.columns.map((c) => ({ format: '', priority: 0, ...c })),
    rows: objects.map((object) => {
      const conditions = printer.conditions?.(object);
      return {
        cells: printer.cells(object, nowMs),
        ...(conditions ? { conditions } : {}),
        object:
          includeObject === 'Object' ? object : includeObject === 'None' ? null : partialMetadata(object),
      };
    }),
  };
}

/** Whether the Accept header asks for a Table (kubectl lists its preferences, Table first). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  const first = accept.split(',')[0] ?? '';
  return /as=Table/.test(first) && /g=meta\.k8s\.io/.test(first);
}
