import assert from 'node:assert/strict';
import {
  getOwnerChain,
  HttpStatusError,
  listEventsFor,
  type KubeClient,
  type Query,
} from '../../../src/cluster/index';
import type { Pod } from '../../../src/core/k8s';

/** A client that answers from a table of path → handler and records what was asked. */
function stubClient(routes: Record<string, (query: Query) => unknown>): KubeClient & { asked: string[] } {
  const asked: string[] = [];
  const client = {
    context: 'stub',
    server: 'https://stub',
    asked,
    async getJson(path: string, query: Query = {}) {
      asked.push(`${path}${query.fieldSelector ? `?fieldSelector=${String(query.fieldSelector)}` : ''}`);
      const route = routes[path];
      if (!route) throw new HttpStatusError(404, { message: `${path} not found`, code: 404 }, path);
      return route(query);
    },
  };
  return client as unknown as KubeClient & { asked: string[] };
}

const pod: Pod = {
  metadata: {
    name: 'web-7d9c6b5f4-x2kqv',
    namespace: 'shop',
    uid: '2c9f4b0e',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9c6b5f4', controller: true }],
  },
};

describe('listEventsFor', () => {
  it("selects events by the pod's uid", async () => {
    const client = stubClient({
      '/api/v1/namespaces/shop/events': () => ({
        items: [{ reason: 'BackOff', involvedObject: { uid: '2c9f4b0e' } }],
      }),
    });
    const events = await listEventsFor(client, pod);
    assert.deepEqual(
      events.map((e) => e.reason),
      ['BackOff'],
    );
    assert.deepEqual(client.asked, [
      '/api/v1/namespaces/shop/events?fieldSelector=involvedObject.uid=2c9f4b0e',
    ]);
  });

  it('falls back to kind, name and namespace when the server rejects the uid selector', async () => {
    const client = stubClient({
      '/api/v1/namespaces/shop/events': (q) => {
        if (String(q.fieldSelector).startsWith('involvedObject.uid')) {
          throw new HttpStatusError(
            400,
            { message: 'field label not supported: involvedObject.uid', code: 400 },
            '',
          );
        }
        return { items: [{ reason: 'Unhealthy' }] };
      },
    });
    const events = await listEventsFor(client, pod);
    assert.deepEqual(
      events.map((e) => e.reason),
      ['Unhealthy'],
    );
    assert.equal(
      client.asked[1],
      '/api/v1/namespaces/shop/events?fieldSelector=involvedObject.kind=Pod,involvedObject.name=web-7d9c6b5f4-x2kqv,involvedObject.namespace=shop',
    );
  });
});

describe('getOwnerChain', () => {
  it('follows ReplicaSet → Deployment', async () => {
    const client = stubClient({
      '/apis/apps/v1/namespaces/shop/replicasets/web-7d9c6b5f4': () => ({
        metadata: {
          name: 'web-7d9c6b5f4',
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }],
        },
      }),
      '/apis/apps/v1/namespaces/shop/deployments/web': () => ({ metadata: { name: 'web' } }),
    });
    const chain = await getOwnerChain(client, pod);
    assert.deepEqual(
      chain.map((o) => [o.kind, o.name, o.missing ?? 'found']),
      [
        ['ReplicaSet', 'web-7d9c6b5f4', 'found'],
        ['Deployment', 'web', 'found'],
      ],
    );
  });

  it('stops at an owner it may not read (403) or that is gone (404), without failing', async () => {
    const forbidden = stubClient({
      '/apis/apps/v1/namespaces/shop/replicasets/web-7d9c6b5f4': () => {
        throw new HttpStatusError(403, { message: 'replicasets.apps is forbidden', code: 403 }, '');
      },
    });
    assert.deepEqual(
      (await getOwnerChain(forbidden, pod)).map((o) => [o.kind, o.missing]),
      [['ReplicaSet', 'forbidden']],
    );
    assert.deepEqual(
      (await getOwnerChain(stubClient({}), pod)).map((o) => [o.kind, o.missing]),
      [['ReplicaSet', 'not found']],
    );
  });

  it('other failures are not hidden', async () => {
    const broken = stubClient({
      '/apis/apps/v1/namespaces/shop/replicasets/web-7d9c6b5f4': () => {
        throw new HttpStatusError(500, { message: 'etcdserver: leader changed', code: 500 }, '');
      },
    });
    await assert.rejects(getOwnerChain(broken, pod), /etcdserver: leader changed/);
  });
});
