import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { connect, type CacheEvent, type ClusterSession, type PodCache } from '../../../src/cluster/index';
import type { Pod } from '../../../src/core/k8s';
import { kubectlPodRow } from '../../../src/core/status';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';
import { kubectlOrSkip } from '../../kubectl';

/** The CLI and the lazily loaded cluster bundle, built as esbuild.mjs builds them, into `outdir`. */
async function buildCli(outdir: string): Promise<string> {
  await esbuild.build({
    entryPoints: { cli: 'src/cli/main.ts', cluster: 'src/cluster/index.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'error',
    define: { __POD_DOCTOR_VERSION__: '"test"' },
    plugins: [
      {
        name: 'lazy-cluster',
        setup(build) {
          build.onResolve({ filter: /(^|\/)cluster\/index$/ }, (args) =>
            args.kind === 'dynamic-import' ? { path: './cluster.js', external: true } : undefined,
          );
        },
      },
    ],
  });
  return join(outdir, 'cli.js');
}

describe('pod-doctor pods against the demo cluster, column for column with kubectl', function () {
  this.timeout(60_000);
  let dir: string;
  let demo: DemoCluster;
  let kubeconfig: string;
  let cli: string;
  let kubectlBin: string;
  // A frozen clock on both sides: kubectl's ages come from the server's Table, ours from Date.now().
  const now = Date.parse('2026-11-23T12:00:00Z');

  before(async function () {
    kubectlBin = kubectlOrSkip(this);
    dir = mkdtempSync(join(tmpdir(), 'pd-kubectl-'));
    demo = await startDemoCluster({ port: 0, now: () => now });
    kubeconfig = join(dir, 'config');
    await demo.writeKubeconfig(kubeconfig);
    cli = await buildCli(join(dir, 'dist'));
  });
  after(async () => {
    await demo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Asynchronous: the demo server runs in this process and must keep answering.
  const run = promisify(execFile);
  const ours = async (args: string[]) =>
    (
      await run(process.execPath, [
        '--import',
        `data:text/javascript,Date.now=()=>${now}`,
        cli,
        'pods',
        '--kubeconfig',
        kubeconfig,
        ...args,
      ])
    ).stdout;
  const kubectl = async (args: string[]) =>
    (await run(kubectlBin, ['--kubeconfig', kubeconfig, 'get', 'pods', ...args])).stdout;

  for (const args of [['-A'], ['-n', 'shop'], []]) {
    it(`pods ${args.join(' ') || '(context namespace)'}`, async () => {
      const expected = await kubectl(args);
      assert.ok(expected.split('\n').length > 3, expected);
      assert.equal(await ours(args), expected);
    });
  }
});

describe('WatchCache and the reads of explain, against the demo cluster', function () {
  this.timeout(30_000);
  let demo: DemoCluster;
  let dir: string;
  let session: ClusterSession;
  const subs: Array<{ dispose(): void }> = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-demo-'));
    demo = await startDemoCluster({ port: 0, pods: 1200, bookmarkIntervalMs: 200 });
  });
  beforeEach(async () => {
    const file = join(dir, `config-${Math.random().toString(36).slice(2)}`);
    await demo.writeKubeconfig(file);
    session = connect({ kubeconfig: file, env: {}, timeouts: { connectMs: 2_000, responseMs: 3_000 } });
  });
  afterEach(() => {
    for (const s of subs.splice(0)) s.dispose();
    demo.setLatency(0);
  });
  after(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const watchAll = async (): Promise<PodCache> => {
    const cache = session.podCache(undefined);
    subs.push(cache.subscribe(() => {}));
    await cache.waitForSync();
    return cache;
  };
  const next = (cache: PodCache, match: (e: CacheEvent<Pod>) => boolean, ms = 8_000) =>
    new Promise<CacheEvent<Pod>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no event in ${ms} ms: ${cache.error?.message ?? cache.state}`)),
        ms,
      );
      const sub = cache.subscribe((e) => {
        if (match(e)) {
          clearTimeout(timer);
          sub.dispose();
          resolve(e);
        }
      });
    });
  const someShopPod = (cache: PodCache): Pod => {
    const pod = cache.list().find((p) => p.metadata?.namespace === 'shop');
    assert.ok(pod);
    return pod;
  };

  it('lists every pod in pages of 500 and matches a plain list', async () => {
    const cache = await watchAll();
    const listed = await session.listPods(undefined);
    assert.ok(listed.length > 1200, `${listed.length} pods`);
    assert.equal(cache.size, listed.length);
    assert.equal(cache.stats.pages, Math.ceil(listed.length / 500));
  });

  it('a pod changed on the server reaches the cache, and a dropped watch resumes without a relist', async () => {
    const cache = await watchAll();
    const pod = someShopPod(cache);
    const name = pod.metadata?.name ?? '';
    const labelled = (value: string) => (e: CacheEvent<Pod>) =>
      e.type === 'change' &&
      e.changed.some((p) => p.metadata?.name === name && p.metadata?.labels?.probe === value);
    const first = next(cache, labelled('one'));
    demo.updatePod('shop', name, (p) => {
      p.metadata = { ...p.metadata, labels: { ...p.metadata?.labels, probe: 'one' } };
    });
    await first;
    demo.dropWatches();
    const second = next(cache, labelled('two'));
    demo.updatePod('shop', name, (p) => {
      p.metadata = { ...p.metadata, labels: { ...p.metadata?.labels, probe: 'two' } };
    });
    await second;
    assert.equal(cache.stats.lists, 1);
    assert.ok(cache.stats.watches >= 2);
  });

  it('resubscribing after the history was compacted gets 410 Gone and relists', async () => {
    const cache = session.podCache('shop');
    const first = cache.subscribe(() => {});
    await cache.waitForSync();
    first.dispose();
    const name = someShopPod(cache).metadata?.name ?? '';
    demo.updatePod('shop', name, (p) => {
      p.metadata = { ...p.metadata, labels: { ...p.metadata?.labels, probe: 'after-compaction' } };
    });
    demo.compact();
    subs.push(cache.subscribe(() => {}));
    await waitFor(() => cache.stats.relists === 1 && cache.state === 'watching');
    assert.equal(cache.stats.lists, 2);
    assert.equal(cache.get('shop', name)?.metadata?.labels?.probe, 'after-compaction');
    assert.equal(cache.error, undefined);
  });

  it('403 on the restricted namespace, 401 after the token is revoked', async () => {
    const denied = session.podCache('restricted');
    subs.push(denied.subscribe(() => {}));
    await assert.rejects(denied.waitForSync());
    assert.equal(denied.error?.kind, 'forbidden');
    assert.match(
      denied.error?.message ?? '',
      /^You are not allowed to list pods in namespace "restricted" with context "pod-doctor-demo" \(403 Forbidden\): pods is forbidden: User "demo" cannot list resource "pods"/,
    );
  });

  it('a slow server times out with a clear message', async () => {
    demo.setLatency(4_000);
    await assert.rejects(session.listPods('shop'), (error: unknown) => {
      assert.equal(session.fault(error).kind, 'timeout');
      return true;
    });
  });

  it('reads what explain needs: the pod, its events, node, owners and logs', async () => {
    const pods = await session.listPods('shop');
    const crashing = pods.find((p) => kubectlPodRow(p, Date.now()).status === 'CrashLoopBackOff');
    assert.ok(crashing, 'the demo has a crash-looping pod in shop');
    const name = crashing.metadata?.name ?? '';
    const pod = await session.getPod('shop', name);
    assert.equal(pod.metadata?.uid, crashing.metadata?.uid);
    const events = await session.listEventsFor(pod);
    assert.ok(events.length > 0);
    assert.ok(events.every((e) => e.involvedObject?.uid === pod.metadata?.uid));
    const node = await session.getNode(pod.spec?.nodeName ?? '');
    assert.equal(node.metadata?.name, pod.spec?.nodeName);
    const owners = await session.getOwnerChain(pod);
    assert.deepEqual(
      owners.map((o) => o.kind),
      ['ReplicaSet', 'Deployment'],
    );
    const backup = (await session.listPods('batch')).find(
      (p) => p.metadata?.ownerReferences?.[0]?.kind === 'Job',
    );
    assert.ok(backup, 'the demo has a pod of a CronJob');
    const chain = await session.getOwnerChain(backup);
    assert.deepEqual(
      chain.map((o) => o.kind),
      ['Job', 'CronJob'],
    );
    assert.equal(chain[0]?.missing, undefined);
    // The demo serves no CronJob objects: the chain still names it, marked instead of failing.
    assert.ok(chain[1]?.object !== undefined || chain[1]?.missing === 'not found');
    const container = pod.spec?.containers?.[0]?.name ?? '';
    const previous = await session.readLogs(pod, container, { previous: true, tailLines: 20 });
    assert.ok(previous.length > 0);
    assert.ok(previous.trimEnd().split('\n').length <= 20);
  });

  it('revoked credentials give the 401 sentence (last: it breaks the token for good)', async () => {
    demo.revokeToken();
    await assert.rejects(session.listPods('shop'), (error: unknown) => {
      assert.equal(
        session.fault(error).message,
        'The credentials for context "pod-doctor-demo" were rejected (401 Unauthorized): refresh them, e.g. re-run your cloud\'s login command, then Refresh.',
      );
      return true;
    });
  });
});

async function waitFor(condition: () => boolean, ms = 8_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
