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
  WorkloadIndex,
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

describe('Pods tree workload index (groups kept up to date from the watch)', () => {
  /** A seeded pseudo-random sequence, so that a failure can be run again. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  /** A pod of namespace `ns` whose workload and health follow `r`. */
  function randomPod(r: () => number, ns: string, name: string): Pod {
    const owners = ['StatefulSet/alpha', 'StatefulSet/beta', 'Job/nightly', 'DaemonSet/agent', undefined];
    const owner = owners[Math.floor(r() * owners.length)];
    const deployment = r() < 0.3;
    const pod = deployment
      ? ownedPod(name, 'ReplicaSet/web-5f7b9c', { hash: '5f7b9c', ready: r() < 0.7 })
      : ownedPod(name, owner, { ready: r() < 0.7 });
    pod.metadata!.namespace = ns;
    return pod;
  }

  it('gives exactly the groups and counts of a full regroup after random adds, updates and deletes', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = random(seed);
      const memo = new HealthMemo();
      const index = new WorkloadIndex(memo.unhealthy);
      const cache = new Map<string, Map<string, Pod>>();
      for (let batch = 0; batch < 60; batch++) {
        const changed = new Map<string, Pod>();
        const deleted = new Map<string, Pod>();
        for (let i = Math.floor(r() * 40); i > 0; i--) {
          const ns = ['a', 'b', 'c'][Math.floor(r() * 3)]!;
          const name = `p-${Math.floor(r() * 120)}`;
          const names = cache.get(ns) ?? new Map<string, Pod>();
          cache.set(ns, names);
          const key = `${ns}/${name}`;
          if (names.has(name) && r() < 0.3) {
            // As the watch cache batches: a key is either changed or deleted in one event.
            deleted.set(key, names.get(name)!);
            changed.delete(key);
            names.delete(name);
          } else {
            const pod = randomPod(r, ns, name);
            changed.set(key, pod);
            deleted.delete(key);
            names.set(name, pod);
          }
        }
        index.update([...changed.values()], [...deleted.values()]);
        if (r() < 0.5) continue; // several batches may queue up before a redraw
        await index.catchUp(7);
        for (const [ns, names] of cache) {
          const pods = [...names.values()];
          const message = `seed ${seed}, batch ${batch}, namespace ${ns}`;
          assert.deepEqual(index.groups(ns), groupByWorkload(pods, memo.unhealthy), message);
          assert.deepEqual(
            index.groups(ns, true),
            groupByWorkload(pods, memo.unhealthy, memo.unhealthy),
            `${message}, unhealthy only`,
          );
          assert.deepEqual(
            index.counts(ns),
            { pods: pods.length, unhealthy: pods.filter(memo.unhealthy).length },
            message,
          );
        }
      }
    }
  });

  it('reuses the place of a workload whose pods are all gone (a CronJob makes a new Job every run)', async () => {
    const index = new WorkloadIndex(() => false);
    const web = ownedPod('web-1', 'StatefulSet/web', { ready: true });
    index.update([web], []);
    for (let run = 0; run < 500; run++) {
      const job = ownedPod(`backup-${run}-x`, `Job/backup-${run}`, { ready: true });
      index.update([job], []);
      await index.catchUp();
      index.update([], [job]);
      await index.catchUp();
    }
    assert.deepEqual(index.groups('load'), [{ kind: 'StatefulSet', name: 'web', pods: 1, unhealthy: 0 }]);
    const counted = (index as unknown as { namespaces: Map<string, { groups: unknown[] }> }).namespaces;
    assert.equal(counted.get('load')?.groups.length, 2, 'one place for web, one reused by every Job');
  });

  it('applies changes queued while it catches up, and what another pass queued, before any catchUp resolves', async () => {
    const index = new WorkloadIndex();
    const pods = Array.from({ length: 1000 }, (_, i) =>
      ownedPod(`p-${i}`, 'StatefulSet/s', { ready: i % 2 === 0 }),
    );
    index.update(pods.slice(0, 600), []);
    let tasks = 0;
    const counting = setInterval(() => tasks++, 0);
    const first = index.catchUp(100);
    index.update(pods.slice(600), []);
    const second = index.catchUp(100);
    index.update([], pods.slice(0, 10));
    await first;
    assert.deepEqual(index.counts('load'), { pods: 990, unhealthy: 495 });
    await second;
    clearInterval(counting);
    assert.ok(tasks >= 1, 'it yields while it applies a thousand changes');
    assert.deepEqual(index.groups('load'), [{ kind: 'StatefulSet', name: 's', pods: 990, unhealthy: 495 }]);
    index.update([], pods.slice(10));
    await index.catchUp();
    assert.deepEqual(index.counts('load'), { pods: 0, unhealthy: 0 });
    assert.deepEqual(index.groups('load'), [], 'an emptied namespace has no groups left');
  });
});

function pick(w: { kind: string; name: string }): { kind: string; name: string } {
  return { kind: w.kind, name: w.name };
}
