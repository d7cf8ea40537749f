import * as assert from 'node:assert/strict';
import type { KubectlPodRow } from '../../../src/core/status';
import type { Pod } from '../../../src/core/k8s';
import {
  countDescription,
  GROUP_THRESHOLD,
  groupByWorkload,
  HealthMemo,
  inWorkload,
  isUnhealthy,
  matchesFilter,
  podDescription,
  podIcon,
  workloadLabel,
  workloadOf,
} from '../../../src/extension/tree/model';

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

/** A pod owned by `owner` (`Kind/name`), with a pod-template-hash label when given. */
function ownedPod(
  name: string,
  owner: string | undefined,
  options: { hash?: string; ready?: boolean } = {},
): Pod {
  const [kind, ownerName] = (owner ?? '/').split('/');
  return {
    metadata: {
      name,
      namespace: 'load',
      ...(options.hash ? { labels: { 'pod-template-hash': options.hash } } : {}),
      ...(owner
        ? {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind, name: ownerName, uid: `u-${ownerName}`, controller: true },
            ],
          }
        : {}),
    },
    spec: { containers: [{ name: 'app', image: 'app:1' }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        { name: 'app', ready: options.ready ?? true, restartCount: 0, state: { running: {} } },
      ],
    },
  } as Pod;
}

describe('Pods tree workload groups (namespaces above the threshold)', () => {
  it('reads a ReplicaSet named <deployment>-<pod-template-hash> as its Deployment, and keeps other controllers', () => {
    assert.deepEqual(
      pick(workloadOf(ownedPod('web-7d9f8b6c5d-x2x4q', 'ReplicaSet/web-7d9f8b6c5d', { hash: '7d9f8b6c5d' }))),
      { kind: 'Deployment', name: 'web' },
    );
    assert.deepEqual(pick(workloadOf(ownedPod('rs-abc', 'ReplicaSet/rs'))), {
      kind: 'ReplicaSet',
      name: 'rs',
    });
    assert.deepEqual(pick(workloadOf(ownedPod('db-0', 'StatefulSet/db'))), {
      kind: 'StatefulSet',
      name: 'db',
    });
    assert.deepEqual(pick(workloadOf(ownedPod('lonely', undefined))), { kind: 'Pod', name: '' });
    assert.equal(workloadLabel({ workloadKind: 'Pod', name: '' }), 'Pods without a controller');
    assert.equal(workloadLabel({ workloadKind: 'StatefulSet', name: 'db' }), 'StatefulSet db');
  });

  it('counts pods and unhealthy pods per workload, unhealthy workloads first, then by name', () => {
    const memo = new HealthMemo();
    const pods = [
      ownedPod('a-0', 'StatefulSet/alpha'),
      ownedPod('a-1', 'StatefulSet/alpha'),
      ownedPod('z-0', 'StatefulSet/zeta', { ready: false }),
      ownedPod('m-0', 'StatefulSet/mid', { ready: false }),
      ownedPod('m-1', 'StatefulSet/mid', { ready: false }),
      ownedPod('lonely', undefined),
    ];
    const groups = groupByWorkload(pods, memo.unhealthy);
    assert.deepEqual(
      groups.map((g) => `${g.kind} ${g.name}: ${countDescription(g.pods, g.unhealthy)}`),
      [
        'StatefulSet mid: 2 pods · 2 unhealthy',
        'StatefulSet zeta: 1 pod · 1 unhealthy',
        'Pod : 1 pod',
        'StatefulSet alpha: 2 pods',
      ],
    );
    const onlyUnhealthy = groupByWorkload(pods, memo.unhealthy, memo.unhealthy);
    assert.deepEqual(
      onlyUnhealthy.map((g) => g.name),
      ['mid', 'zeta'],
      'a filter leaves out the workloads none of whose pods pass',
    );
    assert.equal(inWorkload(pods[2]!, { workloadKind: 'StatefulSet', name: 'zeta' }), true);
    assert.equal(inWorkload(pods[2]!, { workloadKind: 'StatefulSet', name: 'mid' }), false);
  });

  it('remembers per pod object whether it is unhealthy, and warms many pods a bounded number per task', async () => {
    const memo = new HealthMemo();
    const pods = Array.from({ length: 1000 }, (_, i) =>
      ownedPod(`p-${i}`, 'StatefulSet/s', { ready: i % 4 !== 0 }),
    );
    await memo.warm(pods, 100);
    assert.equal(pods.filter(memo.unhealthy).length, 250);
    const changed = ownedPod('p-1', 'StatefulSet/s', { ready: false });
    assert.equal(memo.unhealthy(changed), true, 'a changed pod is a new object and is read afresh');
    assert.ok(GROUP_THRESHOLD >= 100, 'normal namespaces keep their pod rows');
  });
});

function pick(w: { kind: string; name: string }): { kind: string; name: string } {
  return { kind: w.kind, name: w.name };
}
