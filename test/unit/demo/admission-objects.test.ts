import assert from 'node:assert/strict';
import { request } from 'node:https';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';
import { rawGet } from './http';

/** What the cluster-aware lint reads from the demo: config objects, metadata-only Secrets, dry-run creates. */

const PARTIAL_LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  cluster: DemoCluster,
  method: string,
  path: string,
  options: { accept?: string; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.url}${path}`,
      {
        method,
        ca: cluster.caPem,
        headers: {
          Authorization: `Bearer ${cluster.token}`,
          ...(options.accept ? { Accept: options.accept } : {}),
          ...(options.body ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = (a: Answer): Record<string, unknown> => JSON.parse(a.body) as Record<string, unknown>;

describe('demo API server: what admission looks up', () => {
  let cluster: DemoCluster;
  before(async () => {
    cluster = await startDemoCluster();
  });
  after(() => cluster.close());

  it('serves ConfigMaps with their keys, PVCs, ServiceAccounts, LimitRanges and quotas with status', async () => {
    const cms = json(await send(cluster, 'GET', '/api/v1/namespaces/shop/configmaps'));
    const inventory = (cms.items as Array<{ metadata: { name: string }; data: Record<string, string> }>).find(
      (c) => c.metadata.name === 'inventory-config',
    );
    assert.deepEqual(Object.keys(inventory?.data ?? {}).sort(), [
      'CACHE_TTL_SECONDS',
      'DATABASE_URI',
      'LOG_LEVEL',
    ]);
    const quota = json(await send(cluster, 'GET', '/api/v1/namespaces/shop/resourcequotas/shop-quota'));
    assert.equal((quota.status as { used: Record<string, string> }).used['limits.memory'], '7680Mi');
    const pvcs = json(await send(cluster, 'GET', '/api/v1/namespaces/data/persistentvolumeclaims'));
    assert.deepEqual(
      (pvcs.items as Array<{ metadata: { name: string } }>).map((p) => p.metadata.name),
      ['backups', 'data-postgres-0'],
    );
    const limits = json(await send(cluster, 'GET', '/api/v1/namespaces/billing/limitranges'));
    assert.equal(limits.kind, 'LimitRangeList');
    const pcs = json(await send(cluster, 'GET', '/apis/scheduling.k8s.io/v1/priorityclasses'));
    assert.ok(
      (pcs.items as Array<{ metadata: { name: string } }>).some(
        (p) => p.metadata.name === 'system-node-critical',
      ),
    );
    const rcs = json(await send(cluster, 'GET', '/apis/node.k8s.io/v1/runtimeclasses/gvisor'));
    assert.equal(rcs.handler, 'runsc');
    const ns = json(await send(cluster, 'GET', '/api/v1/namespaces/billing'));
    assert.equal(
      (ns.metadata as { labels: Record<string, string> }).labels['pod-security.kubernetes.io/enforce'],
      'restricted',
    );
  });

  it('lists Secrets as PartialObjectMetadataList: names, never data, paged like any list', async () => {
    const answer = await send(cluster, 'GET', '/api/v1/namespaces/shop/secrets?limit=2', {
      accept: PARTIAL_LIST,
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], PARTIAL_LIST);
    const list = json(answer);
    assert.equal(list.kind, 'PartialObjectMetadataList');
    assert.equal(list.apiVersion, 'meta.k8s.io/v1');
    const items = list.items as Array<Record<string, unknown>>;
    assert.deepEqual(
      items.map((i) => [i.kind, i.apiVersion, (i.metadata as { name: string }).name]),
      [
        ['PartialObjectMetadata', 'meta.k8s.io/v1', 'orders-db'],
        ['PartialObjectMetadata', 'meta.k8s.io/v1', 'payments-stripe'],
      ],
    );
    assert.ok(items.every((i) => Object.keys(i).sort().join() === 'apiVersion,kind,metadata'));
    assert.doesNotMatch(answer.body, /demo-only|"data"/);
    assert.ok((list.metadata as { continue?: string }).continue, 'a continue token for the next page');
  });

  it('answers as=PartialObjectMetadata for a GET, and 406 when list and object forms are mixed up', async () => {
    const one = await send(cluster, 'GET', '/api/v1/namespaces/shop/secrets/orders-db', {
      accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
    });
    assert.equal(json(one).kind, 'PartialObjectMetadata');
    assert.doesNotMatch(one.body, /password/);
    const mixed = await send(cluster, 'GET', '/api/v1/namespaces/shop/secrets/orders-db', {
      accept: PARTIAL_LIST,
    });
    assert.equal(mixed.status, 406);
    assert.equal(
      json(mixed).message,
      'you requested PartialObjectMetadataList, but the requested object is not a list (*core.Secret)',
    );
  });

  it('forbids listing Secrets where the demo user only has the view role, as RBAC words it', async () => {
    const denied = await send(cluster, 'GET', '/api/v1/namespaces/billing/secrets', { accept: PARTIAL_LIST });
    assert.equal(denied.status, 403);
    assert.equal(
      json(denied).message,
      'secrets is forbidden: User "demo" cannot list resource "secrets" in API group "" in the namespace "billing"',
    );
    assert.equal((await rawGet(cluster, '/api/v1/secrets')).status, 403);
    assert.equal((await rawGet(cluster, '/api/v1/namespaces/billing/configmaps')).status, 200);
    assert.equal((await rawGet(cluster, '/api/v1/namespaces/restricted/configmaps')).status, 403);
  });

  it('records the requests it receives, with their Accept header', async () => {
    cluster.clearRequests();
    await send(cluster, 'GET', '/api/v1/namespaces/shop/secrets?limit=500', { accept: PARTIAL_LIST });
    assert.deepEqual(cluster.requests(), [
      {
        method: 'GET',
        path: '/api/v1/namespaces/shop/secrets',
        query: { limit: '500' },
        accept: PARTIAL_LIST,
      },
    ]);
  });

  it('answers dry-run creates without storing them; real writes stay forbidden', async () => {
    const configMap = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'feature-flags' },
      data: { A: '1' },
    });
    const created = await send(cluster, 'POST', '/api/v1/namespaces/shop/configmaps?dryRun=All', {
      body: configMap,
    });
    assert.equal(created.status, 201);
    assert.equal((json(created).metadata as { namespace: string }).namespace, 'shop');
    assert.equal((await rawGet(cluster, '/api/v1/namespaces/shop/configmaps/feature-flags')).status, 404);

    const noNamespace = await send(cluster, 'POST', '/api/v1/namespaces/prod/configmaps?dryRun=All', {
      body: configMap,
    });
    assert.equal(noNamespace.status, 404);
    assert.deepEqual(
      [json(noNamespace).reason, json(noNamespace).message],
      ['NotFound', 'namespaces "prod" not found'],
    );

    const real = await send(cluster, 'POST', '/api/v1/namespaces/shop/configmaps', { body: configMap });
    assert.equal(real.status, 403);
    const exists = await send(cluster, 'POST', '/api/v1/namespaces/shop/configmaps?dryRun=All', {
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inventory-config' } }),
    });
    assert.equal(exists.status, 409);
    assert.equal(json(exists).reason, 'AlreadyExists');
  });
});
