/**
 * A small HTTPS stand-in for the pod endpoints of a Kubernetes API server, precise where the
 * watch cache depends on it: paged lists with `continue`, watches from a resourceVersion with
 * bookmarks, `410 Gone` once history is compacted, dropped connections, bearer-token 401 and a
 * forbidden namespace (403), Status bodies. The certificates are made at test time by the demo's PKI.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Pod } from '../../../src/core/k8s';
import { createDemoPki } from '../../../src/demo/tls';

export interface Pki {
  caPem: string;
  certPem: string;
  keyPem: string;
}

/** A CA and a serving certificate for 127.0.0.1, ::1 and localhost (the demo server's own generator). */
export function makePki(): Pki {
  return createDemoPki();
}

interface LoggedEvent {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  pod: Pod;
}

interface Watcher {
  namespace: string | undefined;
  res: ServerResponse;
}

export class FakeApiServer {
  readonly token = 'test-token';
  readonly forbiddenNamespace = 'kube-system';
  private readonly pods = new Map<string, Pod>();
  private readonly log: LoggedEvent[] = [];
  private rv = 1000;
  /** Events at or below this resourceVersion are gone (etcd compaction): older watches get 410. */
  private compactedRv = 0;
  private readonly watchers = new Set<Watcher>();
  private readonly sockets = new Set<Socket>();
  private server: https.Server;
  /** Each request's path and query, for assertions. */
  readonly requests: URL[] = [];
  /** Delay before answering lists, to play a slow server. */
  listDelayMs = 0;
  /** Answer the next list request that carries a continue token with 410 Gone (its snapshot was compacted). */
  expireNextContinue = false;
  /** Close every watch as soon as it opens (a proxy that cuts long requests). */
  closeWatchesAtOnce = false;
  url = '';

  constructor(readonly pki: Pki) {
    this.server = https.createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) =>
      this.handle(req, res),
    );
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  kubeconfigYaml(
    options: { token?: string; ca?: string | null; tlsServerName?: string; server?: string } = {},
  ): string {
    const ca = options.ca === undefined ? this.pki.caPem : options.ca;
    return [
      'apiVersion: v1',
      'kind: Config',
      'current-context: fake',
      'clusters:',
      '- name: fake',
      '  cluster:',
      `    server: ${options.server ?? this.url}`,
      ...(ca ? [`    certificate-authority-data: ${Buffer.from(ca).toString('base64')}`] : []),
      ...(options.tlsServerName ? [`    tls-server-name: ${options.tlsServerName}`] : []),
      'contexts:',
      '- name: fake',
      '  context: { cluster: fake, user: tester, namespace: shop }',
      'users:',
      '- name: tester',
      `  user: { token: ${options.token ?? this.token} }`,
      '',
    ].join('\n');
  }

  addPod(pod: Pod): Pod {
    return this.record('ADDED', pod);
  }

  updatePod(namespace: string, name: string, change: (pod: Pod) => void): Pod {
    const pod = structuredClone(this.pods.get(`${namespace}/${name}`));
    if (!pod) throw new Error(`no pod ${namespace}/${name}`);
    change(pod);
    return this.record('MODIFIED', pod);
  }

  deletePod(namespace: string, name: string): void {
    const pod = this.pods.get(`${namespace}/${name}`);
    if (pod) this.record('DELETED', pod);
  }

  /** Breaks every open watch connection, as a restarting API server or a proxy would. */
  dropWatches(): void {
    for (const w of this.watchers) w.res.socket?.destroy();
    this.watchers.clear();
  }

  /** Forgets the event history, so that watches from an older resourceVersion get 410 Gone. */
  compact(): void {
    this.compactedRv = this.rv;
    this.log.length = 0;
  }

  /** Sends a BOOKMARK carrying the current resourceVersion to every watch. */
  bookmark(): void {
    for (const w of this.watchers) {
      w.res.write(
        `${JSON.stringify({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: String(this.rv) } } })}\n`,
      );
    }
  }

  get openWatches(): number {
    return this.watchers.size;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(type: LoggedEvent['type'], pod: Pod): Pod {
    const rv = ++this.rv;
    const stored = { ...pod, metadata: { ...pod.metadata, resourceVersion: String(rv) } };
    const key = `${stored.metadata.namespace}/${stored.metadata.name}`;
    if (type === 'DELETED') this.pods.delete(key);
    else this.pods.set(key, stored);
    const event = { rv, type, pod: stored };
    this.log.push(event);
    for (const w of this.watchers) this.send(w, event);
    return stored;
  }

  private send(w: Watcher, event: LoggedEvent): void {
    if (w.namespace !== undefined && event.pod.metadata?.namespace !== w.namespace) return;
    w.res.write(`${JSON.stringify({ type: event.type, object: event.pod })}\n`);
  }

  private status(res: ServerResponse, code: number, reason: string, message: string): void {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason,
        code,
      }),
    );
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push(url);
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      this.status(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    const match = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?pods$/.exec(url.pathname);
    if (!match) {
      this.status(res, 404, 'NotFound', 'the server could not find the requested resource');
      return;
    }
    const namespace = match[1];
    if (namespace === this.forbiddenNamespace) {
      this.status(
        res,
        403,
        'Forbidden',
        `pods is forbidden: User "tester" cannot list resource "pods" in API group "" in the namespace "${namespace}"`,
      );
      return;
    }
    if (url.searchParams.get('watch') === '1' || url.searchParams.get('watch') === 'true') {
      this.watch(namespace, url, res);
    } else {
      setTimeout(() => this.list(namespace, url, res), this.listDelayMs);
    }
  }

  private list(namespace: string | undefined, url: URL, res: ServerResponse): void {
    const all = [...this.pods.values()]
      .filter((p) => namespace === undefined || p.metadata?.namespace === namespace)
      .sort((a, b) =>
        `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(
          `${b.metadata?.namespace}/${b.metadata?.name}`,
        ),
      );
    const limit = Number(url.searchParams.get('limit') ?? 0) || all.length;
    const token = url.searchParams.get('continue');
    let offset = 0;
    let listRv = this.rv;
    if (token) {
      const [rv, off] = Buffer.from(token, 'base64').toString().split(':').map(Number);
      if ((rv ?? 0) <= this.compactedRv || this.expireNextContinue) {
        this.expireNextContinue = false;
        this.status(
          res,
          410,
          'Expired',
          'The provided continue parameter is too old to display a consistent list result.',
        );
        return;
      }
      offset = off ?? 0;
      listRv = rv ?? listRv;
    }
    const items = all.slice(offset, offset + limit);
    const more = offset + limit < all.length;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'PodList',
        apiVersion: 'v1',
        metadata: {
          resourceVersion: String(listRv),
          ...(more
            ? {
                continue: Buffer.from(`${listRv}:${offset + limit}`).toString('base64'),
                remainingItemCount: all.length - offset - limit,
              }
            : {}),
        },
        items,
      }),
    );
  }

  private watch(namespace: string | undefined, url: URL, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const from = Number(url.searchParams.get('resourceVersion') ?? 0);
    if (from < this.compactedRv) {
      res.end(
        `${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `too old resource version: ${from} (${this.compactedRv})`, reason: 'Expired', code: 410 } })}\n`,
      );
      return;
    }
    if (this.closeWatchesAtOnce) {
      res.end();
      return;
    }
    const watcher: Watcher = { namespace, res };
    for (const event of this.log) if (event.rv > from) this.send(watcher, event);
    this.watchers.add(watcher);
    res.on('close', () => this.watchers.delete(watcher));
  }
}

/** A realistic running pod of a Deployment. */
export function runningPod(namespace: string, name: string, createdMs = Date.now() - 3_600_000): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `uid-${namespace}-${name}`,
      creationTimestamp: new Date(createdMs).toISOString().replace(/\.\d+Z$/, 'Z'),
      labels: { app: name.replace(/-[a-z0-9]+-[a-z0-9]+$/, '') },
    },
    spec: {
      containers: [{ name: 'app', image: 'registry.example.com/shop/app:1.4.2' }],
      nodeName: 'worker-1',
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'app',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: new Date(createdMs + 2000).toISOString() } },
        },
      ],
    },
  };
}
