import assert from 'node:assert/strict';
import type { KubectlPodRow } from '../../../src/core/status';
import { podNodeOf, treeNodeOf } from '../../../src/extension/tree/model';

const row: KubectlPodRow = {
  name: 'web-7d9f8b6c5d-x2x4q',
  namespace: 'default',
  status: 'Running',
  ready: '1/1',
  restarts: '0',
  age: '6d2h',
  phase: 'Running',
  color: 'green',
  problem: false,
  node: 'pd-worker-a',
};

describe('command arguments from the Pods tree', () => {
  it('accepts only tree nodes, whatever a menu, the palette or another extension passes', () => {
    const pod = { kind: 'pod', context: 'demo', pod: {}, row };
    const namespace = {
      kind: 'namespace',
      context: 'demo',
      namespace: 'shop',
      fromAll: false,
      expanded: true,
    };
    assert.equal(podNodeOf(pod), pod);
    assert.equal(treeNodeOf(namespace), namespace);
    assert.equal(podNodeOf(namespace), undefined, 'a namespace row is not a pod');
    for (const other of [undefined, null, 'web', 42, [], {}, { kind: 'deployment' }, { name: 'web' }]) {
      assert.equal(treeNodeOf(other), undefined, JSON.stringify(other));
    }
  });
});
