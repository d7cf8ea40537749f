import assert from 'node:assert/strict';
import { ApiException, CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';
import { rawGet } from './http';

/** The demo API server as @kubernetes/client-node sees it, over HTTPS with the generated CA. */

function clientFor(cluster: DemoCluster, token?: string): CoreV1Api {
  const kc = new KubeConfig();
  const yaml = cluster.kubeconfigYaml();
  kc.loadFromString(token ? yaml.replace(`token: ${cluster.token}`, `token: ${token}`) : yaml);
  return kc.makeApiClient(CoreV1Api);
}

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiException, `expected an ApiException, got ${String(error)}`);
    const body =
      typeof error.body === 'string' ? (JSON.parse(error.body) as Record<string, unknown>) : error.body;
    return { code: error.code, body: body as Record<string, unknown> };
  }
  assert.fail('the request succeeded');
}

function byPrefix(pods: V1Pod[], prefix: string): V1Pod {
  const pod = pods.find((p) => p.metadata?.name?.startsWith(prefix));
  assert.ok(pod, `no pod named ${prefix}…`);
  return pod;
}

describe('demo API server with @kubernetes/client-node', () => {
  let cluster: DemoCluster;
  let api: CoreV1Api;
  let pods: V1Pod[];

  before(async () => {
    cluster = await startDemoCluster();
    api = clientFor(cluster);
    pods = (await api.listPodForAllNamespaces()).items;
  });
  after(async () => {
    await cluster.close();
  });

  it('lists the scenario pods across namespaces, one per failure the doctor explains', () => {
    const namespaces = new Set(pods.map((p) => p.metadata?.namespace));
    assert.deepEqual([...namespaces].sort(), ['batch', 'data', 'default', 'kube-system', 'shop']);
    const checkout = byPrefix(pods, 'checkout-');
    const last = checkout.status?.containerStatuses?.[0]?.lastState?.terminated;
    assert.equal(last?.reason, 'OOMKilled');
    assert.equal(last?.exitCode, 137);
    assert.equal(checkout.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(
      byPrefix(pods, 'api-').status?.containerStatuses?.[0]?.lastState?.terminated?.reason,
      'Error',
    );
    assert.equal(
      byPrefix(pods, 'report-gen-').status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode,
      127,
    );
    assert.equal(
      byPrefix(pods, 'thumbnailer-').status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode,
      126,
    );
    assert.equal(
      byPrefix(pods, 'worker-').status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode,
      0,
    );
    assert.equal(
      byPrefix(pods, 'inventory-').status?.containerStatuses?.[0]?.state?.waiting?.message,
      "couldn't find key DATABASE_URL in ConfigMap shop/inventory-config",
    );
    assert.equal(
      byPrefix(pods, 'orders-').status?.initContainerStatuses?.[0]?.state?.waiting?.reason,
      'CrashLoopBackOff',
    );
    const evicted = pods.find((p) => p.status?.reason === 'Evicted');
    assert.equal(
      evicted?.status?.message,
      'Pod ephemeral local storage usage exceeds the total limit of containers 1Gi. ',
    );
    assert.equal(byPrefix(pods, 'legacy-api-').status?.reason, 'NodeLost');
    assert.deepEqual(byPrefix(pods, 'queue-consumer-').metadata?.finalizers, [
      'shop.example.com/drain-queue',
    ]);
    assert.equal(byPrefix(pods, 'nightly-backup-').status?.phase, 'Succeeded');
    const catalog = byPrefix(pods, 'catalog-');
    assert.equal(catalog.spec?.initContainers?.[1]?.restartPolicy, 'Always');
  });

  it('pages with limit and continue until the list is complete, with the same resourceVersion', async () => {
    const first = await api.listPodForAllNamespaces({ limit: 5 });
    assert.equal(first.items.length, 5);
    assert.ok(first.metadata?._continue, 'the first page has a continue token');
    assert.equal(first.metadata?.remainingItemCount, pods.length - 5);
    const names = first.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
    let token: string | undefined = first.metadata?._continue;
    while (token) {
      const page = await api.listPodForAllNamespaces({ limit: 5, _continue: token });
      assert.equal(page.metadata?.resourceVersion, first.metadata?.resourceVersion);
      names.push(...page.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`));
      token = page.metadata?._continue;
    }
    assert.deepEqual(
      names,
      pods.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`),
    );
  });

  it('answers an expired continue token with 410 Expired', async () => {
    const first = await api.listNamespacedPod({ namespace: 'shop', limit: 2 });
    cluster.updatePod('shop', byPrefix(pods, 'cart-').metadata?.name ?? '', (p) => {
      p.metadata = { ...p.metadata, annotations: { touched: 'yes' } };
    });
    cluster.compact();
    const { code, body } = await rejection(
      api.listNamespacedPod({ namespace: 'shop', limit: 2, _continue: first.metadata?._continue ?? '' }),
    );
    assert.equal(code, 410);
    assert.equal(body.reason, 'Expired');
    assert.match(
      String(body.message),
      /^The provided continue parameter is too old to display a consistent list result\./,
    );
  });

  it('gets one pod, and a missing one as 404 NotFound', async () => {
    const name = byPrefix(pods, 'payments-').metadata?.name ?? '';
    const pod = await api.readNamespacedPod({ name, namespace: 'shop' });
    assert.equal(pod.spec?.containers[0]?.image, 'registry.example.com/shop/payments:2.7.3');
    const { code, body } = await rejection(
      api.readNamespacedPod({ name: 'payments-nope', namespace: 'shop' }),
    );
    assert.equal(code, 404);
    assert.equal(body.message, 'pods "payments-nope" not found');
    assert.deepEqual(body.details, { name: 'payments-nope', kind: 'pods' });
  });

  it('filters by field and label selectors', async () => {
    const pending = await api.listPodForAllNamespaces({
      fieldSelector: 'status.phase=Pending,metadata.namespace!=batch',
    });
    // The server's selection is the one the client would make from the whole list.
    const all = await api.listPodForAllNamespaces({});
    const names = (items: typeof all.items): string[] => items.map((p) => p.metadata?.name ?? '').sort();
    assert.deepEqual(
      names(pending.items),
      names(all.items.filter((p) => p.status?.phase === 'Pending' && p.metadata?.namespace !== 'batch')),
    );
    const apps = new Set(pending.items.map((p) => p.metadata?.name?.replace(/-[a-z0-9]+-[a-z0-9]+$/, '')));
    for (const app of ['cart', 'inventory', 'orders', 'postgres-0', 'search-indexer'])
      assert.ok(apps.has(app), `${app} is Pending`);
    for (const app of ['web', 'payments', 'train-recommender'])
      assert.ok(!apps.has(app), `${app} is selected`);
    const web = await api.listNamespacedPod({
      namespace: 'default',
      labelSelector: 'app in (web, api),pod-template-hash',
    });
    assert.deepEqual(web.items.map((p) => p.metadata?.labels?.app).sort(), ['api', 'web', 'web']);
    const onLostNode = await api.listPodForAllNamespaces({ fieldSelector: 'spec.nodeName=pd-worker-c' });
    assert.deepEqual(
      onLostNode.items.map((p) => p.status?.reason),
      ['NodeLost'],
    );
    const { code, body } = await rejection(
      api.listNamespacedPod({ namespace: 'shop', fieldSelector: 'spec.image=nginx' }),
    );
    assert.equal(code, 400);
    assert.equal(body.message, 'field label not supported: spec.image');
  });

  it('returns a pod’s events by involvedObject.uid, with kubelet and scheduler messages', async () => {
    const api137 = byPrefix(pods, 'api-');
    const events = await api.listNamespacedEvent({
      namespace: 'default',
      fieldSelector: `involvedObject.uid=${api137.metadata?.uid}`,
    });
    const byReason = new Map(events.items.map((e) => [e.reason, e]));
    assert.equal(byReason.get('Killing')?.message, 'Container api failed liveness probe, will be restarted');
    assert.equal(
      byReason.get('Unhealthy')?.message,
      'Liveness probe failed: HTTP probe failed with statuscode: 500',
    );
    assert.ok((byReason.get('BackOff')?.count ?? 0) > 10, 'BackOff repeats with a count');
    assert.equal(byReason.get('Scheduled')?.reportingComponent, 'default-scheduler');
    assert.ok(events.items.every((e) => e.involvedObject.uid === api137.metadata?.uid));
  });

  it('shows the ResourceQuota that blocks a ReplicaSet as its FailedCreate event', async () => {
    const events = await api.listNamespacedEvent({
      namespace: 'shop',
      fieldSelector: 'involvedObject.kind=ReplicaSet,reason=FailedCreate',
    });
    assert.ok(events.items.length > 0);
    assert.match(
      events.items[0]?.message ?? '',
      /^Error creating: pods "notifications-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: shop-quota, requested: limits\.memory=1Gi, used: limits\.memory=7680Mi, limited: limits\.memory=8Gi$/,
    );
  });

  it('serves current and previous logs, tailLines, and the kubelet’s errors', async () => {
    const checkout = byPrefix(pods, 'checkout-').metadata?.name ?? '';
    const previous = await api.readNamespacedPodLog({
      name: checkout,
      namespace: 'shop',
      previous: true,
      tailLines: 1,
    });
    assert.match(previous, /WARN .*Price cache: 2,000,000 entries loaded, heap used 611 MB\n$/);
    const report = byPrefix(pods, 'report-gen-').metadata?.name ?? '';
    assert.equal(
      await api.readNamespacedPodLog({ name: report, namespace: 'default', previous: true }),
      'exec /app/server: no such file or directory\n',
    );

    const web = byPrefix(pods, 'web-').metadata?.name ?? '';
    const tail = await api.readNamespacedPodLog({
      name: web,
      namespace: 'default',
      container: 'nginx',
      tailLines: 3,
      timestamps: true,
    });
    const lines = tail.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z 10\.244\.\d\.1 - - \[/);

    const noPrevious = await rejection(
      api.readNamespacedPodLog({ name: web, namespace: 'default', container: 'nginx', previous: true }),
    );
    assert.equal(noPrevious.code, 400);
    assert.equal(noPrevious.body.message, `previous terminated container "nginx" in pod "${web}" not found`);

    const cart = byPrefix(pods, 'cart-').metadata?.name ?? '';
    const pulling = await rejection(api.readNamespacedPodLog({ name: cart, namespace: 'shop' }));
    assert.equal(
      pulling.body.message,
      `container "cart" in pod "${cart}" is waiting to start: trying and failing to pull image`,
    );

    const ambiguous = await rejection(api.readNamespacedPodLog({ name: web, namespace: 'default' }));
    assert.equal(ambiguous.code, 400);
    assert.equal(
      ambiguous.body.message,
      `a container name must be specified for pod ${web}, choose one of: [nginx exporter]`,
    );

    const catalog = byPrefix(pods, 'catalog-').metadata?.name ?? '';
    const sidecar = await api.readNamespacedPodLog({ name: catalog, namespace: 'shop', container: 'envoy' });
    assert.match(sidecar, /\[info\]\[main\] .*all clusters initialized/);
  });

  it('rejects a wrong token with 401 Unauthorized', async () => {
    const { code } = await rejection(
      clientFor(cluster, 'not-the-token').listNamespacedPod({ namespace: 'default' }),
    );
    assert.equal(code, 401);
    const raw = await rawGet(cluster, '/api/v1/namespaces/default/pods', 'not-the-token');
    assert.equal(raw.status, 401);
    assert.deepEqual(JSON.parse(raw.body), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('forbids the restricted namespace with the RBAC message, and every write', async () => {
    const list = await rejection(api.listNamespacedPod({ namespace: 'restricted' }));
    assert.equal(list.code, 403);
    assert.equal(
      list.body.message,
      'pods is forbidden: User "demo" cannot list resource "pods" in API group "" in the namespace "restricted"',
    );
    const name = byPrefix(pods, 'web-').metadata?.name ?? '';
    const write = await rejection(api.deleteNamespacedPod({ name, namespace: 'default' }));
    assert.equal(write.code, 403);
    assert.equal(
      write.body.message,
      `pods "${name}" is forbidden: User "demo" cannot delete resource "pods" in API group "" in the namespace "default"`,
    );
  });

  it('fails the next requests on demand with 503, then recovers', async () => {
    cluster.failNextRequests(1);
    const failed = await rejection(api.listNode());
    assert.equal(failed.code, 503);
    assert.equal(failed.body.reason, 'ServiceUnavailable');
    const nodes = await api.listNode();
    const notReady = nodes.items.find((n) =>
      n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'Unknown'),
    );
    assert.equal(notReady?.metadata?.name, 'pd-worker-c');
    assert.deepEqual(
      notReady?.spec?.taints?.map((t) => `${t.key}:${t.effect}`),
      ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'],
    );
  });
});
