import * as assert from 'node:assert/strict';
import type { KubectlPodRow } from '../../../src/core/status';
import { isUnhealthy, matchesFilter, podDescription, podIcon } from '../../../src/extension/tree/model';

/** A `kubectl get pods` row as the tree gets it; only what a case changes is given. */
function row(fields: Partial<KubectlPodRow>): KubectlPodRow {
  return {
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
    ...fields,
  };
}

describe('Pods tree rows', () => {
  it('calls a pod healthy only when it runs with every container ready, or has completed', () => {
    assert.equal(isUnhealthy(row({})), false);
    assert.equal(isUnhealthy(row({ status: 'Completed', ready: '0/1', phase: 'Succeeded' })), false);
    assert.equal(isUnhealthy(row({ ready: '1/2' })), true, 'Running 1/2: a container is not ready');
    assert.equal(isUnhealthy(row({ status: 'CrashLoopBackOff', ready: '0/1', problem: true })), true);
    assert.equal(isUnhealthy(row({ status: 'Pending', ready: '0/1', phase: 'Pending' })), true);
    assert.equal(isUnhealthy(row({ status: 'Terminating', ready: '0/1' })), true);
    assert.equal(isUnhealthy(row({ status: 'ContainerStatusUnknown', phase: 'Failed', ready: '0/1' })), true);
  });

  it('matches the filter text in the name, STATUS, namespace or node, ignoring case', () => {
    const crash = row({ name: 'checkout-2l8nbw77g7-zrhqj', namespace: 'shop', status: 'CrashLoopBackOff' });
    assert.equal(matchesFilter(crash, { text: 'CHECKOUT', onlyUnhealthy: false }), true);
    assert.equal(matchesFilter(crash, { text: 'crashloop', onlyUnhealthy: false }), true);
    assert.equal(matchesFilter(crash, { text: 'shop', onlyUnhealthy: false }), true);
    assert.equal(matchesFilter(crash, { text: 'worker-a', onlyUnhealthy: false }), true);
    assert.equal(matchesFilter(crash, { text: 'payments', onlyUnhealthy: false }), false);
    assert.equal(matchesFilter(row({}), { text: '', onlyUnhealthy: true }), false);
    assert.equal(matchesFilter(row({ ready: '0/1' }), { text: 'web', onlyUnhealthy: true }), true);
  });

  it("describes a pod with kubectl's four columns, two spaces apart", () => {
    assert.equal(
      podDescription(
        row({ status: 'CrashLoopBackOff', ready: '0/1', restarts: '36 (2m27s ago)', age: '3h12m' }),
      ),
      'CrashLoopBackOff  0/1  36 (2m27s ago)  3h12m',
    );
  });

  it('shows the failure icon for a failure STATUS whatever the phase, else the phase icon', () => {
    assert.deepEqual(podIcon(row({})), { icon: 'circle-filled', color: 'green' });
    assert.deepEqual(podIcon(row({ status: 'CrashLoopBackOff', ready: '0/1', problem: true })), {
      icon: 'error',
      color: 'red',
    });
    assert.deepEqual(
      podIcon(row({ status: 'ErrImagePull', phase: 'Pending', color: 'yellow', problem: true })),
      { icon: 'error', color: 'red' },
    );
    assert.deepEqual(podIcon(row({ status: 'ContainerCreating', phase: 'Pending', color: 'yellow' })), {
      icon: 'clock',
      color: 'yellow',
    });
    assert.deepEqual(podIcon(row({ status: 'Completed', phase: 'Succeeded', color: 'blue' })), {
      icon: 'pass-filled',
      color: 'blue',
    });
  });
});
