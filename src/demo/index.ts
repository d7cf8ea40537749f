import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { Pod } from '../core/k8s';
import { addNamespaces, addNodes } from './cluster-objects';
import { addConfigObjects, labelNamespaces } from './config-objects';
import { addGeneratedPods } from './generated';
import { logKey } from './logs';
import { addScenarios } from './scenarios';
import { handle, type Faults, type RecordedRequest, type ServerContext } from './server';
import { createDemoPki } from './tls';
import { World } from './world';

/**
 * An embedded Kubernetes API server with a demo cluster behind it: the scenario pods of
 * docs/domain.md, their owners, events, logs and nodes, kept alive by a clock-driven simulation.
 * It speaks HTTPS with a CA made at start-up; `kubeconfigYaml()` trusts exactly that CA.
 */

export interface DemoClusterOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Extra generated pods in mixed states, for scale tests. */
  pods?: number;
  /** Simulated seconds per real second (default 1). */
  speed?: number;
  /** The simulation's clock; defaults to the wall clock (scaled by `speed`). */
  now?: () => number;
  /** Real milliseconds between watch bookmarks (default 5,000). */
  bookmarkIntervalMs?: number;
  /** Serve metrics.k8s.io, as a cluster with metrics-server does (default true). */
  metrics?: boolean;
}

export interface DemoCluster {
  url: string;
  token: string;
  caPem: string;
  /** A kubeconfig with the CA data, a bearer-token user and context `pod-doctor-demo` (or the given name). */
  kubeconfigYaml(contextName?: string): string;
  writeKubeconfig(path: string, contextName?: string): Promise<void>;
  /** The simulated time, in epoch milliseconds. */
  now(): number;
  /** Moves simulated time forward and plays everything due (restarts, events, readiness). */
  advance(seconds: number): void;
  /** Changes a pod as a controller would; watchers get MODIFIED. Undefined when there is no such pod. */
  updatePod(namespace: string, name: string, mutate: (pod: Pod) => void): Pod | undefined;
  getPod(namespace: string, name: string): Pod | undefined;
  /** Appends lines to the current log of a container, as it would print them; followers get them at once. */
  appendLog(namespace: string, pod: string, container: string, lines: readonly string[]): void;
  /** Ends every open watch and log stream cleanly, as an API server does when it shuts down. */
  dropWatches(): void;
  /** Forgets history: watches and continue tokens from older resourceVersions get 410 Gone. */
  compact(): void;
  /**
   * The requests the server received, oldest first (the last 10,000), so that tests can check what
   * a client asked for: which paths, how many, and with which Accept header.
   */
  requests(): readonly RecordedRequest[];
  clearRequests(): void;
  /** The current resourceVersion (a global counter). */
  resourceVersion(): number;
  /** Answers the next `count` requests with 503 ServiceUnavailable. */
  failNextRequests(count: number): void;
  /** Delays every answer by `ms` real milliseconds (0 to stop). */
  setLatency(ms: number): void;
  /** From now on every request gets 401 Unauthorized. */
  revokeToken(): void;
  /**
   * Restarts the API server: every connection is cut, the port refuses connections for `downMs`,
   * then it listens again on the same port with the same CA, token and state (as etcd keeps it).
   */
  restart(downMs?: number): Promise<void>;
  close(): Promise<void>;
}

const SIMULATION_TICK_MS = 250;

export type { RecordedRequest } from './server';

export async function startDemoCluster(options: DemoClusterOptions = {}): Promise<DemoCluster> {
  const speed = options.speed ?? 1;
  const realStart = Date.now();
  let offsetMs = 0;
  const baseNow = options.now ?? ((): number => realStart + (Date.now() - realStart) * speed);
  const now = (): number => baseNow() + offsetMs;
  const startMs = now();

  const pki = createDemoPki(realStart);
  const world = new World(now);
  addNamespaces(world, startMs);
  labelNamespaces(world);
  addNodes(world, startMs);
  addConfigObjects(world, startMs, pki.caPem);
  addScenarios(world, startMs);
  if (options.pods && options.pods > 0) addGeneratedPods(world, options.pods, startMs);
  world.runUntil(startMs);
  world.store.compact();

  const token = randomBytes(24).toString('base64url');
  const faults: Faults = { failNext: 0, latencyMs: 0, tokenRevoked: false };
  const watches = new Set<ServerResponse>();
  const host = options.host ?? '127.0.0.1';
  let url = '';
  const ctx: ServerContext = {
    world,
    token,
    faults,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 5000,
    serverAddress: () => url.replace(/^https:\/\//, ''),
    watches,
    requests: [],
    metrics: options.metrics ?? true,
  };
  const server: Server = createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
    void handle(ctx, req, res);
  });
  const listen = (port: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const tick = setInterval(() => world.runUntil(now()), SIMULATION_TICK_MS);

  const kubeconfigYaml = (contextName = 'pod-doctor-demo'): string =>
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: ${contextName}`,
      '  cluster:',
      `    server: ${url}`,
      `    certificate-authority-data: ${Buffer.from(pki.caPem).toString('base64')}`,
      'contexts:',
      `- name: ${contextName}`,
      '  context:',
      `    cluster: ${contextName}`,
      '    user: demo',
      '    namespace: default',
      `current-context: ${contextName}`,
      'users:',
      '- name: demo',
      '  user:',
      `    token: ${token}`,
      'preferences: {}',
      '',
    ].join('\n');

  const dropWatches = (): void => {
    for (const res of [...watches]) {
      watches.delete(res);
      res.end();
    }
  };

  return {
    url,
    token,
    caPem: pki.caPem,
    kubeconfigYaml,
    writeKubeconfig: (path, contextName) => writeFile(path, kubeconfigYaml(contextName), { mode: 0o600 }),
    now,
    advance(seconds) {
      offsetMs += seconds * 1000;
      world.runUntil(now());
    },
    updatePod: (namespace, name, mutate) =>
      world.updatePod(namespace, name, (p) => mutate(p as Pod)) as Pod | undefined,
    getPod: (namespace, name) => world.pod(namespace, name) as Pod | undefined,
    appendLog(namespace, pod, container, lines) {
      const key = logKey(namespace, pod, container);
      for (const text of lines) world.logs.append(key, { ms: now(), text });
    },
    dropWatches,
    compact: () => world.store.compact(),
    resourceVersion: () => world.store.resourceVersion,
    requests: () => ctx.requests,
    clearRequests() {
      ctx.requests.length = 0;
    },
    failNextRequests(count) {
      faults.failNext = count;
    },
    setLatency(ms) {
      faults.latencyMs = ms;
    },
    revokeToken() {
      faults.tokenRevoked = true;
    },
    async restart(downMs = 0) {
      dropWatches();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await listen(port);
    },
    async close() {
      clearInterval(tick);
      dropWatches();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
