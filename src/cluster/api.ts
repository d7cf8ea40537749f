import type { KubeEvent, KubeNode, OwnerReference, Pod } from '../core/k8s';
import type { PodMetrics } from '../core/usage';
import { HttpStatusError } from './errors';
import type { KubeClient } from './transport';

interface List<T> {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: T[];
}

export interface Namespace {
  metadata?: { name?: string; creationTimestamp?: string };
  status?: { phase?: string };
}

export function podsPath(namespace: string | undefined): string {
  return namespace === undefined
    ? '/api/v1/pods'
    : `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
}

/** The items of a collection page by page (`limit` + `continue`), each page as soon as it is read. */
export async function* listPages<T>(
  client: KubeClient,
  path: string,
  query: Record<string, string> = {},
  limit = 500,
  accept?: string,
): AsyncGenerator<T[]> {
  let token: string | undefined;
  do {
    const page = await client.getJson<List<T>>(path, { ...query, limit, continue: token }, accept);
    yield page.items ?? [];
    token = page.metadata?.continue || undefined;
  } while (token);
}

/** Every item of a collection, fetched in pages of `limit` as kubectl does. */
export async function listAll<T>(
  client: KubeClient,
  path: string,
  query: Record<string, string> = {},
  limit = 500,
  accept?: string,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of listPages<T>(client, path, query, limit, accept)) items.push(...page);
  return items;
}

/** Pods of one namespace, or of all namespaces when `namespace` is undefined. */
export function listPods(client: KubeClient, namespace: string | undefined): Promise<Pod[]> {
  return listAll<Pod>(client, podsPath(namespace));
}

/** Pods of one namespace or of all, page by page: memory stays that of one page however many there are. */
export function podPages(
  client: KubeClient,
  namespace: string | undefined,
  limit = 500,
): AsyncGenerator<Pod[]> {
  return listPages<Pod>(client, podsPath(namespace), {}, limit);
}

export async function listNamespaces(client: KubeClient): Promise<string[]> {
  const items = await listAll<Namespace>(client, '/api/v1/namespaces');
  return items
    .map((n) => n.metadata?.name ?? '')
    .filter((n) => n !== '')
    .sort();
}

export function getPod(client: KubeClient, namespace: string, name: string): Promise<Pod> {
  return client.getJson<Pod>(`${podsPath(namespace)}/${encodeURIComponent(name)}`);
}

export function getNode(client: KubeClient, name: string): Promise<KubeNode> {
  return client.getJson<KubeNode>(`/api/v1/nodes/${encodeURIComponent(name)}`);
}

/**
 * The core/v1 events about a pod: by its uid (exactly this incarnation), falling back to its
 * name when the server rejects the uid selector or the pod has no uid.
 */
export async function listEventsFor(client: KubeClient, pod: Pod): Promise<KubeEvent[]> {
  const namespace = pod.metadata?.namespace ?? 'default';
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`;
  const uid = pod.metadata?.uid;
  if (uid) {
    try {
      return await listAll<KubeEvent>(client, path, { fieldSelector: `involvedObject.uid=${uid}` });
    } catch (error) {
      if (!(error instanceof HttpStatusError && error.statusCode === 400)) throw error;
    }
  }
  const name = pod.metadata?.name ?? '';
  return listAll<KubeEvent>(client, path, {
    fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name},involvedObject.namespace=${namespace}`,
  });
}

export interface OwnerLink {
  kind: string;
  name: string;
  apiVersion: string;
  /** The owner object when it could be read; undefined when it is gone (404) or hidden (403). */
  object?: { metadata?: { name?: string; ownerReferences?: OwnerReference[] } } & Record<string, unknown>;
  /** Why `object` is missing, as a short phrase (`not found`, `forbidden`). */
  missing?: string;
}

const OWNER_PATHS: Record<string, (ns: string, name: string) => string> = {
  ReplicaSet: (ns, n) => `/apis/apps/v1/namespaces/${ns}/replicasets/${n}`,
  Deployment: (ns, n) => `/apis/apps/v1/namespaces/${ns}/deployments/${n}`,
  StatefulSet: (ns, n) => `/apis/apps/v1/namespaces/${ns}/statefulsets/${n}`,
  DaemonSet: (ns, n) => `/apis/apps/v1/namespaces/${ns}/daemonsets/${n}`,
  Job: (ns, n) => `/apis/batch/v1/namespaces/${ns}/jobs/${n}`,
  CronJob: (ns, n) => `/apis/batch/v1/namespaces/${ns}/cronjobs/${n}`,
  ReplicationController: (ns, n) => `/api/v1/namespaces/${ns}/replicationcontrollers/${n}`,
};

/**
 * The controllers above a pod, nearest first: ReplicaSet → Deployment, Job → CronJob, … An owner
 * that is gone or that we may not read ends the chain with `missing` set instead of failing.
 */
export async function getOwnerChain(client: KubeClient, pod: Pod, maxDepth = 4): Promise<OwnerLink[]> {
  const namespace = encodeURIComponent(pod.metadata?.namespace ?? 'default');
  const chain: OwnerLink[] = [];
  let refs = pod.metadata?.ownerReferences;
  while (chain.length < maxDepth) {
    const ref = refs?.find((r) => r.controller) ?? refs?.[0];
    if (!ref?.kind || !ref.name) break;
    const link: OwnerLink = { kind: ref.kind, name: ref.name, apiVersion: ref.apiVersion ?? '' };
    chain.push(link);
    const path = OWNER_PATHS[ref.kind];
    if (!path) break;
    try {
      link.object = await client.getJson<NonNullable<OwnerLink['object']>>(
        path(namespace, encodeURIComponent(ref.name)),
      );
    } catch (error) {
      if (error instanceof HttpStatusError && (error.statusCode === 403 || error.statusCode === 404)) {
        link.missing = error.statusCode === 403 ? 'forbidden' : 'not found';
        break;
      }
      throw error;
    }
    refs = link.object.metadata?.ownerReferences;
  }
  return chain;
}

export interface LogOptions {
  /** The previous run's log (`kubectl logs --previous`). */
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
}

/** A container's log as text (empty when it has not written anything). */
export function readLogs(
  client: KubeClient,
  pod: Pod,
  container: string,
  options: LogOptions = {},
): Promise<string> {
  const namespace = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  return client.getText(`${podsPath(namespace)}/${encodeURIComponent(name)}/log`, {
    container,
    previous: options.previous ? true : undefined,
    tailLines: options.tailLines,
    timestamps: options.timestamps ? true : undefined,
  });
}

/** metrics.k8s.io PodMetrics of a namespace (all namespaces when undefined), as metrics-server serves them. */
export async function listPodMetrics(
  client: KubeClient,
  namespace: string | undefined,
): Promise<PodMetrics[]> {
  const path = `/apis/metrics.k8s.io/v1beta1${namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/pods`;
  const list = await client.getJson<{ items?: PodMetrics[] }>(path);
  return list.items ?? [];
}

/** Whether an error means the cluster serves no metrics.k8s.io (no metrics-server): 404 or 503 on the group. */
export function metricsUnavailable(error: unknown): boolean {
  return error instanceof HttpStatusError && (error.statusCode === 404 || error.statusCode === 503);
}

/** One pod's PodMetrics; undefined when it has none (not running) or the cluster serves no metrics. */
export async function getPodMetrics(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<PodMetrics | undefined> {
  try {
    return await client.getJson<PodMetrics>(
      `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`,
    );
  } catch (error) {
    if (metricsUnavailable(error)) return undefined;
    throw error;
  }
}
