import assert from 'node:assert/strict';
import { request } from 'node:https';
import { CoreV1Api, EventsV1Api, KubeConfig } from '@kubernetes/client-node';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';

/** The cluster keeps moving: slow starters get ready, logs grow, watches time out; and the test hooks. */

function stream(
  cluster: DemoCluster,
  path: string,
  token = cluster.token,
): { lines: string[]; ended: Promise<number>; close(): void } {
  const lines: string[] = [];
  let close = (): void => undefined;
  const ended = new Promise<number>((resolve, reject) => {
    const req = request(
      `${cluster.url}${path}`,
      { ca: cluster.caPem, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        let partial = '';
        res.on('data', (chunk: Buffer) => {
          const parts = (partial + chunk.toString()).split('\n');
          partial = parts.pop() ?? '';
          lines.push(...parts);
        });
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    close = () => req.destroy();
    req.end();
  });
  return { lines, ended, close };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 8000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('demo cluster simulation and test hooks', () => {
  let cluster: DemoCluster;
  let api: CoreV1Api;
  let kc: KubeConfig;

  beforeEach(async () => {
    cluster = await startDemoCluster();
    kc = new KubeConfig();
    kc.loadFromString(cluster.kubeconfigYaml());
    api = kc.makeApiClient(CoreV1Api);
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('makes the slow-starting catalog pod ready about 30 s after start-up', async () => {
    const [catalog] = (await api.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=catalog' }))
      .items;
    const name = catalog?.metadata?.name ?? '';
    const ready = async (): Promise<string | undefined> =>
      (await api.readNamespacedPod({ name, namespace: 'shop' })).status?.conditions?.find(
        (c) => c.type === 'Ready',
      )?.status;
    assert.equal(await ready(), 'False');
    cluster.advance(20);
    assert.equal(await ready(), 'False');
    cluster.advance(12);
    assert.equal(await ready(), 'True');
    const events = await api.listNamespacedEvent({
      namespace: 'shop',
      fieldSelector: `involvedObject.name=${name},reason=Unhealthy`,
    });
    assert.match(
      events.items[0]?.message ?? '',
      /^Readiness probe failed: Get "http:\/\/10\.244\.1\.33:8080\/ready": dial tcp 10\.244\.1\.33:8080: connect: connection refused$/,
    );
  });

  it('follows a running container’s log as it is written, and ends a watch after timeoutSeconds', async () => {
    const [web] = (await api.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' })).items;
    const follow = stream(
      cluster,
      `/api/v1/namespaces/default/pods/${web?.metadata?.name}/log?container=nginx&follow=true&tailLines=1`,
    );
    await until(() => follow.lines.length === 1, 'the tail line');
    cluster.advance(10);
    await until(() => follow.lines.length >= 3, 'followed lines');
    follow.close();
    assert.match(
      follow.lines[2] ?? '',
      /^10\.244\.\d\.1 - - \[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET /,
    );

    const watch = stream(cluster, '/api/v1/namespaces/data/pods?watch=1&timeoutSeconds=1');
    assert.equal(await watch.ended, 200);
    assert.equal(JSON.parse(watch.lines[0] ?? '{}').type, 'ADDED');
  });

  it('keeps only the log lines of the last sinceSeconds', async () => {
    const [web] = (await api.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' })).items;
    const name = web?.metadata?.name ?? '';
    const recent = await api.readNamespacedPodLog({
      name,
      namespace: 'default',
      container: 'nginx',
      sinceSeconds: 10,
      timestamps: true,
    });
    const stamps = recent
      .trimEnd()
      .split('\n')
      .map((l) => Date.parse(l.slice(0, l.indexOf(' '))));
    assert.ok(
      stamps.length >= 2 && stamps.length <= 4,
      `expected the 2–4 lines of the last 10 s, got ${stamps.length}`,
    );
    assert.ok(stamps.every((t) => t >= cluster.now() - 10_000));
    const all = await api.readNamespacedPodLog({ name, namespace: 'default', container: 'nginx' });
    assert.ok(all.split('\n').length > 100);
  });

  it('serves events.k8s.io/v1 events with regarding and note', async () => {
    const v1 = kc.makeApiClient(EventsV1Api);
    const list = await v1.listNamespacedEvent({
      namespace: 'data',
      fieldSelector: 'regarding.name=postgres-0',
    });
    const scheduling = list.items.find((e) => e.reason === 'FailedScheduling');
    assert.equal(scheduling?.regarding?.kind, 'Pod');
    assert.equal(scheduling?.reportingController, 'default-scheduler');
    assert.match(
      scheduling?.note ?? '',
      /^0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\./,
    );
    assert.ok((scheduling?.series?.count ?? 0) > 1, 'the scheduler retries show as a series');
  });

  it('answers 401 once the token is revoked, and slows answers on request', async () => {
    cluster.setLatency(150);
    const started = Date.now();
    await api.listNamespace();
    assert.ok(Date.now() - started >= 150, 'the answer waited for the latency');
    cluster.setLatency(0);
    cluster.revokeToken();
    await assert.rejects(api.listNamespace(), (error: { code?: number }) => error.code === 401);
  });
});
