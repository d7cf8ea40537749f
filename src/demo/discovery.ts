import type { Json } from './selectors';

/** The API subset the demo serves, and the discovery documents that describe it. */

export interface ResourceType {
  group: string;
  version: string;
  /** URL name, e.g. `pods`. */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  /** Store bucket holding the objects (events.k8s.io events are a view of core events). */
  bucket: string;
  /** Field-selector vocabulary key in selectors.ts. */
  fields: string;
}

const CORE_EVENTS: ResourceType = {
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  kind: 'Event',
  namespaced: true,
  shortNames: ['ev'],
  bucket: 'events',
  fields: 'events',
};

export const RESOURCES: ResourceType[] = [
  {
    group: '',
    version: 'v1',
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    bucket: 'pods',
    fields: 'pods',
  },
  CORE_EVENTS,
  {
    group: '',
    version: 'v1',
    plural: 'nodes',
    singular: 'node',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    bucket: 'nodes',
    fields: 'nodes',
  },
  {
    group: '',
    version: 'v1',
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    bucket: 'namespaces',
    fields: 'namespaces',
  },
  {
    group: '',
    version: 'v1',
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
    bucket: 'configmaps',
    fields: 'configmaps',
  },
  {
    group: '',
    version: 'v1',
    plural: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    namespaced: true,
    shortNames: [],
    bucket: 'secrets',
    fields: 'secrets',
  },
  {
    group: '',
    version: 'v1',
    plural: 'persistentvolumeclaims',
    singular: 'persistentvolumeclaim',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
    shortNames: ['pvc'],
    bucket: 'persistentvolumeclaims',
    fields: 'persistentvolumeclaims',
  },
  {
    group: '',
    version: 'v1',
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    kind: 'ServiceAccount',
    namespaced: true,
    shortNames: ['sa'],
    bucket: 'serviceaccounts',
    fields: 'serviceaccounts',
  },
  {
    group: '',
    version: 'v1',
    plural: 'limitranges',
    singular: 'limitrange',
    kind: 'LimitRange',
    namespaced: true,
    shortNames: ['limits'],
    bucket: 'limitranges',
    fields: 'limitranges',
  },
  {
    group: '',
    version: 'v1',
    plural: 'resourcequotas',
    singular: 'resourcequota',
    kind: 'ResourceQuota',
    namespaced: true,
    shortNames: ['quota'],
    bucket: 'resourcequotas',
    fields: 'resourcequotas',
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    bucket: 'deployments',
    fields: 'deployments',
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'replicasets',
    singular: 'replicaset',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
    bucket: 'replicasets',
    fields: 'replicasets',
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    bucket: 'statefulsets',
    fields: 'statefulsets',
  },
  {
    group: 'batch',
    version: 'v1',
    plural: 'jobs',
    singular: 'job',
    kind: 'Job',
    namespaced: true,
    shortNames: [],
    bucket: 'jobs',
    fields: 'jobs',
  },
  {
    group: 'scheduling.k8s.io',
    version: 'v1',
    plural: 'priorityclasses',
    singular: 'priorityclass',
    kind: 'PriorityClass',
    namespaced: false,
    shortNames: ['pc'],
    bucket: 'priorityclasses',
    fields: 'priorityclasses',
  },
  {
    group: 'node.k8s.io',
    version: 'v1',
    plural: 'runtimeclasses',
    singular: 'runtimeclass',
    kind: 'RuntimeClass',
    namespaced: false,
    shortNames: [],
    bucket: 'runtimeclasses',
    fields: 'runtimeclasses',
  },
  // The same Events, served by their own API group too.
  { ...CORE_EVENTS, group: 'events.k8s.io', fields: 'events.k8s.io/events' },
];

/** Resources `kubectl get all` lists, as their real discovery documents say. */
const IN_ALL = new Set(['/pods', 'apps/deployments', 'apps/replicasets', 'apps/statefulsets', 'batch/jobs']);

const STATUS_VERBS = ['get', 'patch', 'update'];

/** Subresources as the real discovery lists them: name, kind, verbs. */
const SUBRESOURCES: Record<string, Array<[string, string, string[]]>> = {
  '/pods': [
    ['log', 'Pod', ['get']],
    ['status', 'Pod', STATUS_VERBS],
  ],
  '/persistentvolumeclaims': [['status', 'PersistentVolumeClaim', STATUS_VERBS]],
  '/resourcequotas': [['status', 'ResourceQuota', STATUS_VERBS]],
  '/serviceaccounts': [['token', 'TokenRequest', ['create']]],
};

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function findResource(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function groupVersion(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export const VERSION_INFO = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4',
  gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
  gitTreeState: 'clean',
  buildDate: '2024-12-10T18:44:59Z',
  goVersion: 'go1.22.10',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string): Json {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groups(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const r of RESOURCES) {
    if (!r.group) continue;
    const versions = map.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    map.set(r.group, versions);
  }
  return map;
}

function apiGroup(name: string, versions: string[]): Json {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

export function apiGroupList(): Json {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups()].map(([name, versions]) => apiGroup(name, versions)),
  };
}

export function apiGroupDocument(group: string): Json | undefined {
  const versions = groups().get(group);
  return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, versions) } : undefined;
}

export function apiResourceList(group: string, version: string): Json | undefined {
  const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) return undefined;
  const entries: Json[] = [];
  for (const r of resources) {
    entries.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.plural === 'namespaces' ? VERBS.filter((v) => v !== 'deletecollection') : VERBS,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(IN_ALL.has(`${r.group}/${r.plural}`) ? { categories: ['all'] } : {}),
    });
    for (const [sub, kind, verbs] of SUBRESOURCES[`${r.group}/${r.plural}`] ?? []) {
      entries.push({ name: `${r.plural}/${sub}`, singularName: '', namespaced: r.namespaced, kind, verbs });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: entries,
  };
}

/** events.k8s.io/v1 view of a core/v1 Event (the field names differ, the object is the same). */
export function toEventsV1(event: Json): Json {
  const source = (event.source as Json | undefined) ?? {};
  const {
    involvedObject,
    message,
    source: _source,
    count,
    firstTimestamp,
    lastTimestamp,
    reportingComponent,
    ...rest
  } = event;
  return {
    ...rest,
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    regarding: involvedObject,
    note: message,
    reportingController: reportingComponent ?? source.component,
    ...(count !== undefined ? { deprecatedCount: count } : {}),
    ...(firstTimestamp ? { deprecatedFirstTimestamp: firstTimestamp } : {}),
    ...(lastTimestamp ? { deprecatedLastTimestamp: lastTimestamp } : {}),
    ...(source.component ? { deprecatedSource: source } : {}),
    eventTime: event.eventTime ?? null,
  };
}
