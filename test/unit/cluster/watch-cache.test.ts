import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type CacheEvent, type ClusterSession, type PodCache } from '../../../src/cluster/index';
import type { Pod } from '../../../src/core/k8s';
import { isCompactPod, kubectlPodRow } from '../../../src/core/status';
import { FakeApiServer, makePki, runningPod, type Pki } from './fake-api-server';

const pki: Pki = makePki();
let dir: string;
let server: FakeApiServer;
const open: Array<{ dispose(): void }> = [];

function session(
  yaml = server.kubeconfigYaml(),
  timeouts = { connectMs: 1_000, responseMs: 2_000 },
): ClusterSession {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, yaml);
  return connect({ kubeconfig: file, env: {}, timeouts });
}

/** Resolves with the first event of the cache that `match` accepts (subscribing if needed). */
function nextEvent(
  cache: PodCache,
  match: (e: CacheEvent<Pod>) => boolean,
  ms = 5_000,
): Promise<CacheEvent<Pod>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `no matching event within ${ms} ms (state ${cache.state}, ${cache.error?.message ?? 'no error'})`,
        ),
      );
    }, ms);
    const sub = cache.subscribe((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

function keep(cache: PodCache): void {
  open.push(cache.subscribe(() => {}));
}

const changedNamed = (name: string) => (e: CacheEvent<Pod>) =>
  e.type === 'change' && e.changed.some((p) => p.metadata?.name === name);

describe('WatchCache against an API server over TLS', function () {
  this.timeout(15_000);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-watch-'));
    server = await new FakeApiServer(pki).start();
    for (let i = 0; i < 1203; i++)
      server.addPod(runningPod('shop', `web-7d9c6b5f4-${String(i).padStart(4, '0')}`));
    server.addPod(runningPod('payments', 'ledger-0'));
  });
  afterEach(async () => {
    for (const s of open.splice(0)) s.dispose();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists in pages of 500, then watches from the list's resourceVersion with bookmarks", async () => {
    const cache = session().podCache('shop');
    keep(cache);
    await cache.waitForSync();
    assert.equal(cache.size, 1203);
    assert.deepEqual(cache.stats.pages, 3);
    const lists = server.requests.filter(
      (u) => u.pathname === '/api/v1/namespaces/shop/pods' && !u.searchParams.has('watch'),
    );
    assert.deepEqual(
      lists.map((u) => [u.searchParams.get('limit'), u.searchParams.has('continue')]),
      [
        ['500', false],
        ['500', true],
        ['500', true],
      ],
    );
    await waitFor(() => server.openWatches === 1);
    const watch = server.requests.find((u) => u.searchParams.get('watch') === '1');
    assert.equal(watch?.searchParams.get('resourceVersion'), '2204');
    assert.equal(watch?.searchParams.get('allowWatchBookmarks'), 'true');
  });

  it('publishes the first list page by page: rows can show after one page, before the list completes', async () => {
    const cache = session().podCache('shop');
    const seen: Array<{ changed: number; size: number; synced: boolean }> = [];
    open.push(
      cache.subscribe((e) => {
        if (e.type === 'change')
          seen.push({ changed: e.changed.length, size: cache.size, synced: cache.synced });
      }),
    );
    await cache.waitForData();
    assert.equal(cache.size, 500, 'the first page is in the cache');
    assert.equal(cache.synced, false);
    await cache.waitForSync();
    await waitFor(() => seen.reduce((n, s) => n + s.changed, 0) === 1203);
    assert.deepEqual(
      seen.map((s) => s.changed),
      [500, 500, 203],
      'one change per page, each pod once',
    );
    assert.equal(seen[0]?.synced, false, 'the first page reached subscribers before the sync');
    assert.equal(cache.size, 1203);
  });

  it('flush() hands subscribers the changes of the tick at once, and only once', async () => {
    const cache = session().podCache('shop');
    let handedOut = 0;
    open.push(
      cache.subscribe((e) => {
        if (e.type === 'change') handedOut += e.changed.length;
      }),
    );
    await cache.waitForSync();
    assert.equal(handedOut, 1000, "the last page's pods are not handed out yet");
    cache.flush();
    assert.equal(handedOut, 1203, 'flush() handed them out before returning');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(handedOut, 1203);
  });

  it('delivers a pod change as one incremental event, and STATUS follows it', async () => {
    const cache = session().podCache('shop');
    keep(cache);
    await cache.waitForSync();
    await waitFor(() => server.openWatches === 1);
    const event = nextEvent(cache, changedNamed('web-7d9c6b5f4-0042'));
    server.updatePod('shop', 'web-7d9c6b5f4-0042', (p) => {
      const c = p.status?.containerStatuses?.[0];
      if (c) {
        c.ready = false;
        c.restartCount = 3;
        c.state = { waiting: { reason: 'CrashLoopBackOff' } };
      }
    });
    const e = await event;
    assert.ok(e.type === 'change');
    assert.equal(e.changed.length, 1);
    assert.equal(
      kubectlPodRow(cache.get('shop', 'web-7d9c6b5f4-0042') as Pod, Date.now()).status,
      'CrashLoopBackOff',
    );
  });

  it('keeps healthy pods compact and failing ones whole, deciding again on every watch event', async () => {
    const cache = session().podCache('shop');
    keep(cache);
    await cache.waitForSync();
    await waitFor(() => server.openWatches === 1);
    const name = 'web-7d9c6b5f4-0007';
    const image = (p: Pod | undefined) => p?.spec?.containers?.[0]?.image;
    assert.equal(isCompactPod(cache.get('shop', name) as Pod), true);
    assert.equal(image(cache.get('shop', name)), undefined);
    const failing = nextEvent(cache, changedNamed(name));
    server.updatePod('shop', name, (p) => {
      const c = p.status?.containerStatuses?.[0];
      if (c)
        Object.assign(c, {
          ready: false,
          restartCount: 2,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
        });
    });
    await failing;
    assert.equal(isCompactPod(cache.get('shop', name) as Pod), false);
    assert.equal(image(cache.get('shop', name)), 'registry.example.com/shop/app:1.4.2');
    const healthy = nextEvent(cache, changedNamed(name));
    server.updatePod('shop', name, (p) => {
      const c = p.status?.containerStatuses?.[0];
      if (c)
        Object.assign(c, {
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: '2026-12-07T05:00:00Z' } },
        });
    });
    await healthy;
    assert.equal(isCompactPod(cache.get('shop', name) as Pod), true);
    assert.equal(kubectlPodRow(cache.get('shop', name) as Pod, Date.now()).status, 'Running');
    assert.deepEqual(cache.namespaces(), ['shop']);
    assert.equal(cache.listNamespace('shop').length, 1203);
  });

  it('batches a burst of changes into one event per tick and reports deletions', async () => {
    const cache = session().podCache('payments');
    keep(cache);
    await cache.waitForSync();
    await waitFor(() => server.openWatches === 1);
    const event = nextEvent(cache, (e) => e.type === 'change');
    server.addPod(runningPod('payments', 'ledger-1'));
    server.addPod(runningPod('payments', 'ledger-2'));
    server.deletePod('payments', 'ledger-0');
    const e = await event;
    assert.ok(e.type === 'change');
    assert.deepEqual(e.changed.map((p) => p.metadata?.name).sort(), ['ledger-1', 'ledger-2']);
    assert.deepEqual(
      e.deleted.map((p) => p.metadata?.name),
      ['ledger-0'],
    );
    assert.deepEqual(
      cache
        .list()
        .map((p) => p.metadata?.name)
        .sort(),
      ['ledger-1', 'ledger-2'],
    );
  });

  it("resumes from the last seen resourceVersion (a bookmark's too) after the connection drops, without relisting", async () => {
    const cache = session().podCache('shop');
    keep(cache);
    await cache.waitForSync();
    await waitFor(() => server.openWatches === 1);
    server.addPod(runningPod('payments', 'ledger-9')); // another namespace: only the bookmark tells us
    server.bookmark();
    await waitFor(() => cache.stats.events >= 1);
    server.dropWatches();
    await waitFor(() => server.openWatches === 1);
    const resumed = server.requests.filter((u) => u.searchParams.get('watch') === '1').at(-1);
    assert.equal(resumed?.searchParams.get('resourceVersion'), '2205');
    const event = nextEvent(cache, changedNamed('web-7d9c6b5f4-0001'));
    server.updatePod('shop', 'web-7d9c6b5f4-0001', (p) => {
      if (p.metadata) p.metadata.labels = { app: 'web', rolled: 'yes' };
    });
    await event;
    assert.equal(cache.stats.lists, 1);
    assert.equal(cache.error, undefined);
  });

  it('relists on 410 Gone and reports what changed meanwhile', async () => {
    const cache = session().podCache('payments');
    keep(cache);
    await cache.waitForSync();
    await waitFor(() => server.openWatches === 1);
    server.dropWatches();
    server.addPod(runningPod('payments', 'ledger-5'));
    server.deletePod('payments', 'ledger-0');
    server.compact();
    const event = await nextEvent(cache, (e) => e.type === 'change' && e.deleted.length > 0);
    assert.ok(event.type === 'change');
    assert.deepEqual(
      event.changed.map((p) => p.metadata?.name),
      ['ledger-5'],
    );
    assert.deepEqual(
      event.deleted.map((p) => p.metadata?.name),
      ['ledger-0'],
    );
    assert.equal(cache.stats.lists, 2);
    assert.equal(cache.stats.relists, 1);
  });

  it('starts the list over when a continue token has expired, and ends with every pod', async () => {
    server.expireNextContinue = true;
    const cache = session().podCache('shop');
    keep(cache);
    await cache.waitForSync();
    assert.equal(cache.size, 1203);
    assert.equal(server.expireNextContinue, false, 'the second page was asked for and refused once');
    const lists = server.requests.filter(
      (u) => u.pathname === '/api/v1/namespaces/shop/pods' && !u.searchParams.has('watch'),
    );
    // The first page, the refused second page, then the three pages of the new list.
    assert.deepEqual(
      lists.map((u) => u.searchParams.has('continue')),
      [false, true, false, true, true],
    );
    assert.equal(cache.stats.pages, 4);
  });

  it('one watch per (context, namespace), shared by subscribers, stopped when the last one leaves', async () => {
    const s = session();
    const a = s.podCache('shop');
    assert.equal(s.podCache('shop'), a);
    const first = a.subscribe(() => {});
    const second = a.subscribe(() => {});
    await a.waitForSync();
    await waitFor(() => server.openWatches === 1);
    first.dispose();
    await delay(100);
    assert.equal(server.openWatches, 1);
    second.dispose();
    await waitFor(() => server.openWatches === 0);
    assert.equal(a.state, 'idle');
    assert.equal(server.requests.filter((u) => u.searchParams.get('watch') === '1').length, 1);
  });

  it('refresh() reconnects at once after a fault, and dispose() ends every watch of the session', async () => {
    const s = session();
    const cache = s.podCache('payments');
    cache.subscribe(() => {});
    await cache.waitForSync();
    await waitFor(() => server.openWatches === 1);
    const before = cache.stats.lists;
    cache.refresh();
    await waitFor(() => cache.stats.lists === before + 1 && server.openWatches === 1);
    s.dispose();
    await waitFor(() => server.openWatches === 0);
    assert.deepEqual([cache.state, cache.subscribers], ['idle', 0]);
  });

  it('401: the rejected credentials are named, and the cache keeps retrying', async () => {
    const cache = session(server.kubeconfigYaml({ token: 'expired' })).podCache('shop');
    keep(cache);
    await assert.rejects(cache.waitForSync(), (fault: unknown) => {
      assert.deepEqual(fault, {
        kind: 'unauthorized',
        context: 'fake',
        namespace: 'shop',
        message:
          'The credentials for context "fake" were rejected (401 Unauthorized): refresh them, e.g. re-run your cloud\'s login command, then Refresh.',
      });
      return true;
    });
    assert.equal(cache.state, 'backoff');
  });

  it('403 on one namespace is shown for that namespace while the others work', async () => {
    const s = session();
    const denied = s.podCache('kube-system');
    const allowed = s.podCache('shop');
    keep(denied);
    keep(allowed);
    await allowed.waitForSync();
    await assert.rejects(denied.waitForSync());
    assert.equal(denied.error?.kind, 'forbidden');
    assert.equal(denied.error?.namespace, 'kube-system');
    assert.match(
      denied.error?.message ?? '',
      /^You are not allowed to list pods in namespace "kube-system" with context "fake" \(403 Forbidden\): pods is forbidden/,
    );
    assert.equal(allowed.error, undefined);
    assert.equal(allowed.size, 1203);
  });

  it('a watch the server keeps closing is reopened with growing back-off, not in a tight loop', async () => {
    server.closeWatchesAtOnce = true;
    const s = session();
    const cache = s.podCache('payments');
    keep(cache);
    await cache.waitForSync();
    await delay(1_600);
    const watches = server.requests.filter((u) => u.searchParams.get('watch') === '1').length;
    // Immediately, then after 0.5–1 s, then after 1–2 s more: two or three in 1.6 s, never dozens.
    assert.ok(watches >= 2 && watches <= 3, `${watches} watches`);
    server.closeWatchesAtOnce = false;
  });

  it('TLS: a server certificate from an unknown CA is named', async () => {
    const cache = session(server.kubeconfigYaml({ ca: null })).podCache('shop');
    keep(cache);
    await assert.rejects(cache.waitForSync());
    assert.equal(cache.error?.kind, 'tls');
    assert.match(
      cache.error?.message ?? '',
      /presented a certificate signed by an unknown authority \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
    );
  });

  it('TLS: a host name the certificate does not cover is named', async () => {
    const cache = session(server.kubeconfigYaml({ tlsServerName: 'api.other.example' })).podCache('shop');
    keep(cache);
    await assert.rejects(cache.waitForSync());
    assert.equal(cache.error?.kind, 'tls');
    assert.match(
      cache.error?.message ?? '',
      /does not match its host name \(Hostname\/IP does not match certificate's altnames: Host: api\.other\.example/,
    );
  });

  it('a slow server gives a timeout, not a hang', async () => {
    server.listDelayMs = 1_500;
    const s = session(undefined, { connectMs: 1_000, responseMs: 300 });
    await assert.rejects(s.listPods('shop'), (error: unknown) => {
      const fault = s.fault(error);
      assert.equal(fault.kind, 'timeout');
      assert.match(fault.message, /is too slow: no answer within 0\.3 s/);
      return true;
    });
  });
});

describe('WatchCache without a server', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pd-watch-'));
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const yamlFor = (server: string) =>
    `apiVersion: v1
kind: Config
current-context: gone
clusters: [{ name: gone, cluster: { server: '${server}', insecure-skip-tls-verify: true } }]
contexts: [{ name: gone, context: { cluster: gone, user: u } }]
users: [{ name: u, user: { token: t } }]
`;

  it('a closed port is unreachable at once', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const cache = session(yamlFor(`https://127.0.0.1:${port}`)).podCache(undefined);
    keep(cache);
    await assert.rejects(cache.waitForSync());
    assert.deepEqual(cache.error, {
      kind: 'unreachable',
      context: 'gone',
      message: `Cannot reach the API server of context "gone" at https://127.0.0.1:${port}: the connection was refused (ECONNREFUSED). Check that the cluster is running and your network or VPN, then Refresh.`,
    });
  });

  it('a server that never answers the handshake times out after the connect timeout', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const s = session(yamlFor(`https://127.0.0.1:${port}`), { connectMs: 400, responseMs: 5_000 });
      const started = Date.now();
      await assert.rejects(s.listPods('shop'), (error: unknown) => {
        assert.equal(
          s.fault(error).message,
          `Cannot reach the API server of context "gone" at https://127.0.0.1:${port}: no connection within 0.4 s. Check that the cluster is running and your network or VPN, then Refresh.`,
        );
        return true;
      });
      assert.ok(Date.now() - started < 2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor(condition: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await delay(10);
  }
}
