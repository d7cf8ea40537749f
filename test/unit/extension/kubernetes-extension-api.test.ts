import * as assert from 'node:assert/strict';
import { brokerApi, podOfNode } from '../../../src/extension/kubernetes-extension-api';

describe("the Kubernetes extension's API", () => {
  it('reads a pod node of the Cluster Explorer as namespace and name', () => {
    const node = {
      nodeType: 'resource',
      namespace: 'shop',
      name: 'checkout-2l8nbw77g7-zrhqj',
      resourceKind: { manifestKind: 'Pod', abbreviation: 'pod' },
    };
    assert.deepEqual(podOfNode(node), { namespace: 'shop', name: 'checkout-2l8nbw77g7-zrhqj' });
    assert.deepEqual(podOfNode({ ...node, namespace: null }), {
      namespace: undefined,
      name: 'checkout-2l8nbw77g7-zrhqj',
    });
  });

  it('ignores every other node', () => {
    assert.equal(podOfNode(undefined), undefined);
    assert.equal(podOfNode({ nodeType: 'context', name: 'prod' }), undefined);
    assert.equal(
      podOfNode({
        nodeType: 'resource',
        namespace: 'shop',
        name: 'checkout',
        resourceKind: { manifestKind: 'Deployment', abbreviation: 'deployment' },
      }),
      undefined,
    );
  });

  it('asks the broker for a component version, and copes with exports that are not a broker', () => {
    const broker = {
      get: (component: string, version: string) =>
        component === 'clusterexplorer' && version === 'v1'
          ? { available: true as const, api: { hello: 1 } }
          : { available: false as const, reason: 'version-unknown' },
    };
    assert.deepEqual(brokerApi(broker, 'clusterexplorer', 'v1'), { available: true, api: { hello: 1 } });
    assert.equal(brokerApi(broker, 'configuration', 'v1_1').available, false);
    assert.equal(brokerApi(undefined, 'clusterexplorer', 'v1').available, false);
    const throwing = {
      get: () => {
        throw new Error('boom');
      },
    };
    assert.equal(brokerApi(throwing, 'clusterexplorer', 'v1').available, false);
  });
});
