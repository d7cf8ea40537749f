import type {
  ClusterList,
  ClusterSnapshot,
  ConfigMapInfo,
  LimitRangeInfo,
  ListRequest,
  ListResult,
  NamedInfo,
  NamespacedList,
  NamespaceRead,
  NamespaceSnapshot,
  NodeInfo,
  PriorityClassInfo,
  ResourceQuotaInfo,
  RuntimeClassInfo,
  SecretInfo,
} from '../core/cluster-lint/snapshot';
import { listAll } from './api';
import { HttpStatusError } from './errors';
import type { KubeClient } from './transport';

/**
 * Reads what the cluster checks need, one list per kind and namespace (paged by 500 as kubectl
 * does), however many manifests ask. Secrets are listed as `PartialObjectMetadataList`, so their
 * data never leaves the API server. A list RBAC forbids is marked `forbidden` and its checks are
 * skipped; failures that make every read pointless (401, no connection, TLS) are thrown.
 */

/** client-go's metadata client asks for this; the API server strips everything but metadata. */
export const PARTIAL_OBJECT_METADATA_LIST =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

type Json = Record<string, unknown>;

const obj = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const strings = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(obj(value)).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
const nameOf = (item: unknown): string => {
  const name = obj(obj(item).metadata).name;
  return typeof name === 'string' ? name : '';
};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

interface ListSpec<T> {
  path: (namespace: string) => string;
  accept?: string;
  convert: (item: Json) => T;
}

const ns = (namespace: string): string => `/api/v1/namespaces/${encodeURIComponent(namespace)}`;

const NAMESPACED: { [K in NamespacedList]: ListSpec<unknown> } = {
  configMaps: {
    path: (n) => `${ns(n)}/configmaps`,
    convert: (item): ConfigMapInfo => ({
      name: nameOf(item),
      keys: [...Object.keys(obj(item.data)), ...Object.keys(obj(item.binaryData))],
    }),
  },
  secrets: {
    path: (n) => `${ns(n)}/secrets`,
    accept: PARTIAL_OBJECT_METADATA_LIST,
    // Only the name: a Secret's annotations may hold kubectl's last-applied copy of its data.
    convert: (item): SecretInfo => ({ name: nameOf(item) }),
  },
  persistentVolumeClaims: {
    path: (n) => `${ns(n)}/persistentvolumeclaims`,
    convert: (item): NamedInfo => ({ name: nameOf(item) }),
  },
  serviceAccounts: {
    path: (n) => `${ns(n)}/serviceaccounts`,
    convert: (item): NamedInfo => ({ name: nameOf(item) }),
  },
  limitRanges: {
    path: (n) => `${ns(n)}/limitranges`,
    convert: (item): LimitRangeInfo => ({
      name: nameOf(item),
      limits: list(obj(item.spec).limits).map((l) => {
        const limit = obj(l);
        const resources = (field: string) =>
          limit[field] === undefined ? {} : { [field]: strings(limit[field]) };
        return {
          type: typeof limit.type === 'string' ? limit.type : '',
          ...resources('max'),
          ...resources('min'),
          ...resources('default'),
          ...resources('defaultRequest'),
          ...resources('maxLimitRequestRatio'),
        };
      }),
    }),
  },
  resourceQuotas: {
    path: (n) => `${ns(n)}/resourcequotas`,
    convert: (item): ResourceQuotaInfo => {
      const spec = obj(item.spec);
      const status = obj(item.status);
      const scopes = list(spec.scopes).filter((s): s is string => typeof s === 'string');
      return {
        name: nameOf(item),
        // Quota admission enforces status.hard against status.used (spec.hard is the wish).
        hard: strings(status.hard),
        used: strings(status.used),
        ...(scopes.length ? { scopes } : {}),
        ...(spec.scopeSelector !== undefined
          ? { scopeSelector: obj(spec.scopeSelector) as ResourceQuotaInfo['scopeSelector'] & object }
          : {}),
      };
    },
  },
};

const CLUSTER: { [K in ClusterList]: ListSpec<unknown> } = {
  priorityClasses: {
    path: () => '/apis/scheduling.k8s.io/v1/priorityclasses',
    convert: (item): PriorityClassInfo => ({
      name: nameOf(item),
      ...(typeof item.value === 'number' ? { value: item.value } : {}),
      ...(typeof item.globalDefault === 'boolean' ? { globalDefault: item.globalDefault } : {}),
      ...(typeof item.preemptionPolicy === 'string' ? { preemptionPolicy: item.preemptionPolicy } : {}),
    }),
  },
  runtimeClasses: {
    path: () => '/apis/node.k8s.io/v1/runtimeclasses',
    convert: (item): RuntimeClassInfo => {
      const scheduling = obj(item.scheduling);
      const overhead = obj(item.overhead).podFixed;
      return {
        name: nameOf(item),
        ...(typeof item.handler === 'string' ? { handler: item.handler } : {}),
        ...(overhead !== undefined ? { overhead: strings(overhead) } : {}),
        ...(scheduling.nodeSelector !== undefined ? { nodeSelector: strings(scheduling.nodeSelector) } : {}),
        ...(Array.isArray(scheduling.tolerations)
          ? { tolerations: scheduling.tolerations as RuntimeClassInfo['tolerations'] & object }
          : {}),
      };
    },
  },
  nodes: {
    path: () => '/api/v1/nodes',
    convert: (item): NodeInfo => {
      const spec = obj(item.spec);
      return {
        name: nameOf(item),
        labels: strings(obj(item.metadata).labels),
        taints: list(spec.taints)
          .map(obj)
          .filter((t) => typeof t.key === 'string' && typeof t.effect === 'string')
          .map((t) => ({
            key: t.key as string,
            effect: t.effect as string,
            ...(typeof t.value === 'string' ? { value: t.value } : {}),
          })),
        allocatable: strings(obj(item.status).allocatable),
        unschedulable: spec.unschedulable === true,
      };
    },
  },
};

/** Errors after which no other read can succeed: stop and say so in one sentence. */
export function isFatalReadError(error: unknown): boolean {
  // Network, TLS, timeout and credential failures carry no HTTP status; 401 rejects every request.
  return !(error instanceof HttpStatusError) || error.statusCode === 401;
}

function unread(error: unknown): { state: 'forbidden' | 'unavailable'; detail?: string } {
  if (!(error instanceof HttpStatusError) || isFatalReadError(error)) throw error;
  const detail = error.status?.message;
  return {
    state: error.statusCode === 403 ? 'forbidden' : 'unavailable',
    ...(detail ? { detail } : {}),
  };
}

async function readList<T>(client: KubeClient, spec: ListSpec<T>, namespace: string): Promise<ListResult<T>> {
  try {
    const items = await listAll<Json>(client, spec.path(namespace), {}, 500, spec.accept);
    return { state: 'ok', items: items.map((i) => spec.convert(obj(i))) };
  } catch (error) {
    return unread(error);
  }
}

async function readNamespace(client: KubeClient, namespace: string): Promise<NamespaceRead> {
  try {
    const object = await client.getJson<Json>(ns(namespace));
    return { state: 'ok', exists: true, labels: strings(obj(object.metadata).labels) };
  } catch (error) {
    if (error instanceof HttpStatusError && error.statusCode === 404)
      return { state: 'ok', exists: false, labels: {} };
    return unread(error);
  }
}

/** The key a list request is cached and counted by. */
export function requestKey(request: ListRequest): string {
  return 'namespace' in request ? `${request.list}/${request.namespace}` : request.list;
}

/** The answer to one list request, as the snapshot stores it. */
export type ListAnswer = NamespaceRead | ListResult<unknown>;

/** Reads one list request (a namespace GET, a namespaced list, a cluster-scoped list). */
export function readRequest(client: KubeClient, request: ListRequest): Promise<ListAnswer> {
  if (request.list === 'namespace') return readNamespace(client, request.namespace);
  if ('namespace' in request) return readList(client, NAMESPACED[request.list], request.namespace);
  return readList(client, CLUSTER[request.list], '');
}

/** Puts the answers together into the snapshot the checks read. */
export function assembleSnapshot(
  context: string,
  defaultNamespace: string,
  answers: ReadonlyArray<readonly [ListRequest, ListAnswer]>,
): ClusterSnapshot {
  const namespaces: Record<string, Record<string, unknown>> = {};
  const cluster: Record<string, unknown> = {};
  for (const [request, answer] of answers) {
    if ('namespace' in request) {
      const entry = (namespaces[request.namespace] ??= {});
      entry[request.list] = answer;
    } else cluster[request.list] = answer;
  }
  return {
    context,
    defaultNamespace,
    namespaces: namespaces as Record<string, NamespaceSnapshot>,
    ...(cluster as Partial<Pick<ClusterSnapshot, ClusterList>>),
  };
}

/** Runs `work` over `items` with at most `limit` in flight (a kubectl-like politeness toward the API server). */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Reads every request (eight at a time) and assembles the snapshot. */
export async function readClusterSnapshot(
  client: KubeClient,
  requests: readonly ListRequest[],
  context: string,
  defaultNamespace: string,
): Promise<ClusterSnapshot> {
  const answers = await mapLimited(requests, 8, async (r) => [r, await readRequest(client, r)] as const);
  return assembleSnapshot(context, defaultNamespace, answers);
}

/**
 * Answers kept for `maxAgeMs` and shared by every caller of one session (the editor's lint of every
 * open manifest, whatever the keystrokes): a list is read again only when it is older than that,
 * and concurrent callers wait for the same request.
 */
export class SnapshotCache {
  private readonly answers = new Map<string, { at: number; answer: Promise<ListAnswer> }>();

  constructor(
    private readonly client: KubeClient,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async read(
    requests: readonly ListRequest[],
    context: string,
    defaultNamespace: string,
  ): Promise<ClusterSnapshot> {
    const answers = await mapLimited(requests, 8, async (request) => {
      const key = requestKey(request);
      const cached = this.answers.get(key);
      if (cached && this.now() - cached.at <= this.maxAgeMs) return [request, await cached.answer] as const;
      const answer = readRequest(this.client, request);
      this.answers.set(key, { at: this.now(), answer });
      try {
        return [request, await answer] as const;
      } catch (error) {
        // A failed read is not an answer: the next lint asks again.
        if (this.answers.get(key)?.answer === answer) this.answers.delete(key);
        throw error;
      }
    });
    return assembleSnapshot(context, defaultNamespace, answers);
  }

  /** Forgets every answer (the user asked to refresh, or the cluster changed). */
  clear(): void {
    this.answers.clear();
  }
}
