import assert from 'node:assert/strict';
import { CoreV1Api, KubeConfig, makeInformer, Watch, type V1Pod } from '@kubernetes/client-node';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';

/** Watches, bookmarks, reconnects and 410 Gone, through client-node's Watch and informer. */

interface Seen {
  type: string;
  object: V1Pod & { code?: number; reason?: string; message?: string };
}

async function until(condition: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function kubeConfig(cluster: DemoCluster): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(cluster.kubeconfigYaml());
  return kc;
}

async function watchPods(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | boolean>,
  seen: Seen[],
): Promise<{ abort(): void }> {
  return new Watch(kc).watch(
    path,
    query,
    (type, object) => seen.push({ type, object: object as Seen['object'] }),
    () => undefined,
  );
}

describe('demo API server watches', () => {
  let cluster: DemoCluster;
  let kc: KubeConfig;
  let api: CoreV1Api;

  beforeEach(async () => {
    cluster = await startDemoCluster({ bookmarkIntervalMs: 100 });
    kc = kubeConfig(cluster);
    api = kc.makeApiClient(CoreV1Api);
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('streams MODIFIED when a crash-looping pod restarts on the back-off schedule', async () => {
    const list = await api.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=payments' });
    const pod = list.items[0];
    const name = pod?.metadata?.name ?? '';
    const before = pod?.status?.containerStatuses?.[0]?.restartCount ?? 0;
    const seen: Seen[] = [];
    const request = await watchPods(
      kc,
      '/api/v1/namespaces/shop/pods',
      { fieldSelector: `metadata.name=${name}`, resourceVersion: list.metadata?.resourceVersion ?? '' },
      seen,
    );
    cluster.advance(320);
    await until(
      () => seen.some((e) => (e.object.status?.containerStatuses?.[0]?.restartCount ?? 0) > before),
      'a restart',
    );
    request.abort();
    const restarted = seen.find((e) => (e.object.status?.containerStatuses?.[0]?.restartCount ?? 0) > before);
    assert.equal(restarted?.type, 'MODIFIED');
    const status = restarted?.object.status?.containerStatuses?.[0];
    assert.equal(status?.restartCount, before + 1);
    assert.ok(status?.state?.running, 'the restarted container runs');
    assert.equal(status?.lastState?.terminated?.exitCode, 1);
    assert.ok(seen.every((e) => e.object.metadata?.name === name));
  });

  it('sends ADDED for existing pods without a resourceVersion, then bookmarks when asked', async () => {
    const seen: Seen[] = [];
    const before = cluster.resourceVersion();
    const request = await watchPods(kc, '/api/v1/namespaces/data/pods', { allowWatchBookmarks: true }, seen);
    await until(() => seen.some((e) => e.type === 'BOOKMARK'), 'a bookmark');
    // The simulation keeps writing (restarts, events) between the bookmark and this line.
    const after = cluster.resourceVersion();
    request.abort();
    assert.deepEqual(seen[0]?.type, 'ADDED');
    assert.equal(seen[0]?.object.metadata?.name, 'postgres-0');
    const bookmark = seen.find((e) => e.type === 'BOOKMARK');
    assert.equal(bookmark?.object.kind, 'Pod');
    const bookmarked = Number(bookmark?.object.metadata?.resourceVersion);
    assert.ok(
      bookmarked >= before && bookmarked <= after,
      `the bookmark's resourceVersion ${bookmarked} is the store's at the time (between ${before} and ${after})`,
    );
  });

  it('sends an ERROR 410 Expired event for a compacted resourceVersion, as kube-apiserver does', async () => {
    const list = await api.listNamespacedPod({ namespace: 'default' });
    cluster.advance(30);
    cluster.compact();
    const seen: Seen[] = [];
    await watchPods(
      kc,
      '/api/v1/namespaces/default/pods',
      { resourceVersion: list.metadata?.resourceVersion ?? '' },
      seen,
    );
    await until(() => seen.length > 0, 'the error event');
    assert.equal(seen[0]?.type, 'ERROR');
    assert.equal(seen[0]?.object.code, 410);
    assert.equal(seen[0]?.object.reason, 'Expired');
    assert.match(seen[0]?.object.message ?? '', /^too old resource version: \d+ \(\d+\)$/);
  });

  it('keeps an informer current across dropped watches and relists it after 410 Gone', async () => {
    let lists = 0;
    const informer = makeInformer(kc, '/api/v1/namespaces/default/pods', () => {
      lists++;
      return api.listNamespacedPod({ namespace: 'default' });
    });
    const updates: V1Pod[] = [];
    informer.on('update', (pod) => updates.push(pod));
    await informer.start();
    await until(() => informer.list('default').length > 0, 'the first list');
    const web = informer.list('default').find((p) => p.metadata?.labels?.app === 'web')?.metadata?.name ?? '';

    cluster.dropWatches();
    await new Promise((resolve) => setTimeout(resolve, 200));
    cluster.updatePod('default', web, (p) => {
      p.metadata = { ...p.metadata, annotations: { 'example.com/after-drop': 'resumed' } };
    });
    await until(
      () => updates.some((p) => p.metadata?.annotations?.['example.com/after-drop'] === 'resumed'),
      'the update after the dropped watch',
    );
    assert.equal(lists, 1, 'a dropped watch resumes from its resourceVersion without a relist');

    // Changes the informer misses while disconnected, then compacted away: it must relist.
    cluster.dropWatches();
    cluster.updatePod('default', web, (p) => {
      p.metadata = { ...p.metadata, annotations: { 'example.com/after-drop': 'relisted' } };
    });
    cluster.compact();
    await until(() => lists === 2, 'the relist after 410');
    await until(
      () => informer.get(web, 'default')?.metadata?.annotations?.['example.com/after-drop'] === 'relisted',
      'the relisted pod',
    );
    await informer.stop();
  });
});
