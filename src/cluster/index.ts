/**
 * Cluster access: kubeconfig loading, one client per context, shared watch caches, and the reads
 * that explain needs. Bundled separately (dist/cluster.js) and only loaded with a dynamic
 * `import('../cluster/index')`, so that activation and `pod-doctor lint` never load
 * @kubernetes/client-node.
 */
import type { ClusterSnapshot, ListRequest } from '../core/cluster-lint/snapshot';
import type { KubeEvent, KubeNode, Pod } from '../core/k8s';
import type { PodMetrics } from '../core/usage';
import {
  getNode,
  getOwnerChain,
  getPodMetrics,
  listPodMetrics,
  getPod,
  listEventsFor,
  listNamespaces,
  listPods,
  podPages,
  podsPath,
  readLogs,
  type LogOptions,
  type OwnerLink,
} from './api';
import { classifyError, type ClusterFault, type FaultWhere } from './errors';
import { kubeConfigForContext, loadKubeconfig, NoKubeconfigError, type LoadedKubeconfig } from './kubeconfig';
import { DEFAULT_TIMEOUTS, KubeClient, type Timeouts } from './transport';
import { lintAgainstCluster, type ClusterLintOptions, type ClusterLintResult } from './lint-run';
import { readClusterSnapshot, SnapshotCache } from './snapshot';
import { LogFollower, type FollowLogsOptions, type FollowUpdate } from './log-follow';
import { WatchCache } from './watch-cache';
import { PodTrimmer } from '../core/status/trim';

export * from './api';
export * from './errors';
export * from './kubeconfig';
export { KubeClient, DEFAULT_TIMEOUTS, type Timeouts, type OpenStream, type Query } from './transport';
export * from './watch-cache';
export * from './snapshot';
export * from './dry-run';
export * from './lint-run';
export * from './log-follow';

export type PodCache = WatchCache<Pod>;

/**
 * One context of a loaded kubeconfig: its client, its default namespace, and the pod caches of its
 * namespaces (one per namespace or one for all; created on demand, shared by every subscriber).
 */
export class ClusterSession {
  readonly client: KubeClient;
  readonly context: string;
  /** The context's namespace (`default` when it sets none). */
  readonly namespace: string;
  private readonly caches = new Map<string, PodCache>();
  private snapshots: { maxAgeMs: number; cache: SnapshotCache } | undefined;

  constructor(
    readonly kubeconfig: LoadedKubeconfig,
    context?: string,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
  ) {
    const name = context || kubeconfig.currentContext;
    if (!name) {
      if (kubeconfig.sources.length === 0) throw new NoKubeconfigError();
      throw new NoKubeconfigError(
        `Your kubeconfig (${kubeconfig.sources.join(', ')}) sets no current-context: pass --context or run \`kubectl config use-context NAME\`.`,
      );
    }
    this.context = name;
    this.client = new KubeClient(kubeConfigForContext(kubeconfig, name), name, timeouts);
    this.namespace = kubeconfig.contexts.find((c) => c.name === name)?.namespace ?? 'default';
  }

  /** The shared pod cache of a namespace, or of all namespaces when `namespace` is undefined. */
  podCache(namespace: string | undefined): PodCache {
    const key = namespace ?? '';
    let cache = this.caches.get(key);
    if (!cache) {
      // Healthy pods are kept compact, failing ones whole: see PodTrimmer.
      const trimmer = new PodTrimmer();
      cache = new WatchCache<Pod>({
        transform: (pod) => trimmer.trim(pod),
        client: this.client,
        path: podsPath(namespace),
        action: 'list pods',
        ...(namespace !== undefined ? { namespace } : {}),
      });
      this.caches.set(key, cache);
    }
    return cache;
  }

  /**
   * What the cluster checks need for `requests`: read afresh when `maxAgeMs` is 0 (the CLI), else
   * from answers shared by every caller of this session for that long (the editor, where every
   * open manifest and every keystroke would otherwise ask again).
   */
  clusterSnapshot(
    requests: readonly ListRequest[],
    defaultNamespace: string,
    maxAgeMs = 0,
  ): Promise<ClusterSnapshot> {
    if (maxAgeMs <= 0) return readClusterSnapshot(this.client, requests, this.context, defaultNamespace);
    if (this.snapshots?.maxAgeMs !== maxAgeMs)
      this.snapshots = { maxAgeMs, cache: new SnapshotCache(this.client, maxAgeMs) };
    return this.snapshots.cache.read(requests, this.context, defaultNamespace);
  }

  /** The cluster findings of each text (see `lintAgainstCluster`). */
  lintAgainstCluster(texts: readonly string[], options: ClusterLintOptions = {}): Promise<ClusterLintResult> {
    return lintAgainstCluster(this, texts, options);
  }

  /** Forgets the cluster checks' cached answers (Refresh, or the user switched namespace). */
  clearClusterSnapshot(): void {
    this.snapshots?.cache.clear();
  }

  /** Stops every watch of this session and closes its idle connections. */
  dispose(): void {
    for (const cache of this.caches.values()) cache.close();
    this.caches.clear();
    this.client.dispose();
  }

  fault(error: unknown, where: Omit<FaultWhere, 'context' | 'server'> = {}): ClusterFault {
    return classifyError(error, { context: this.context, server: this.client.server, ...where });
  }

  listPods(namespace: string | undefined): Promise<Pod[]> {
    return listPods(this.client, namespace);
  }
  podPages(namespace: string | undefined, limit?: number): AsyncGenerator<Pod[]> {
    return podPages(this.client, namespace, limit);
  }
  listNamespaces(): Promise<string[]> {
    return listNamespaces(this.client);
  }
  getPod(namespace: string, name: string): Promise<Pod> {
    return getPod(this.client, namespace, name);
  }
  listEventsFor(pod: Pod): Promise<KubeEvent[]> {
    return listEventsFor(this.client, pod);
  }
  getNode(name: string): Promise<KubeNode> {
    return getNode(this.client, name);
  }
  getOwnerChain(pod: Pod): Promise<OwnerLink[]> {
    return getOwnerChain(this.client, pod);
  }
  readLogs(pod: Pod, container: string, options: LogOptions = {}): Promise<string> {
    return readLogs(this.client, pod, container, options);
  }
  listPodMetrics(namespace: string | undefined): Promise<PodMetrics[]> {
    return listPodMetrics(this.client, namespace);
  }
  getPodMetrics(namespace: string, name: string): Promise<PodMetrics | undefined> {
    return getPodMetrics(this.client, namespace, name);
  }
  /** Follows a container's log over one streaming request until `dispose()`. */
  followLogs(options: FollowLogsOptions, onUpdate: (update: FollowUpdate) => void): LogFollower {
    return new LogFollower(this.client, options, onUpdate);
  }
}

/** Loads the kubeconfig (see `loadKubeconfig`) and opens a session on a context (default: current). */
export function connect(
  options: {
    kubeconfig?: string;
    files?: string[];
    context?: string;
    env?: Record<string, string | undefined>;
    timeouts?: Timeouts;
  } = {},
): ClusterSession {
  const loaded = loadKubeconfig({
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.files !== undefined ? { files: options.files } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
  });
  if (loaded.sources.length === 0) {
    throw new NoKubeconfigError(options.kubeconfig ? loaded.warnings[0] : undefined);
  }
  return new ClusterSession(loaded, options.context, options.timeouts);
}
export { gatherEvidence, type GatheredEvidence } from './gather';
export { explainPod } from '../core/diagnose';
export { readTriage } from './triage-read';
export { triage } from '../core/triage';
