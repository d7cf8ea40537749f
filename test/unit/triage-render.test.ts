import assert from 'node:assert/strict';
import type { Pod } from '../../src/core/k8s';
import { triageExitCode, triageText, worstGroupLine } from '../../src/core/render/triage';
import { triage } from '../../src/core/triage';
import { ownersOf } from '../../src/core/triage-owners';

const NOW = Date.parse('2026-11-23T12:00:00Z');

/** A crash-looping replica of Deployment `app`, as the Deployment controller names and labels it. */
function crashing(namespace: string, app: string, i: number): Pod {
  const hash = '5d8f7c9b4d';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace,
      name: `${app}-${hash}-x${i}`,
      uid: `pod-${app}-${i}`,
      creationTimestamp: '2026-11-23T11:00:00Z',
      labels: { app, 'pod-template-hash': hash },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${app}-${hash}`,
          uid: `rs-${app}`,
          controller: true,
        },
      ],
    },
    spec: { nodeName: 'node-a', containers: [{ name: 'app', image: `example.com/${app}:1` }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 7,
          image: `example.com/${app}:1`,
          state: {
            waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' },
          },
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: '2026-11-23T11:54:00Z',
              finishedAt: '2026-11-23T11:55:00Z',
            },
          },
        },
      ],
    },
  } as Pod;
}

describe('triage report', () => {
  const pods = [
    ...Array.from({ length: 5 }, (_, i) => crashing('shop', 'checkout', i)),
    ...Array.from({ length: 2 }, (_, i) => crashing('shop', 'orders', i)),
  ];

  it('names Deployments from the ReplicaSet name and hash alone, as the tree and panel need', () => {
    const owners = ownersOf(pods);
    assert.deepEqual(
      owners.map((o) => [
        o.metadata['name'],
        (o.metadata['ownerReferences'] as Array<{ name: string }>)[0]?.name,
      ]),
      [
        ['checkout-5d8f7c9b4d', 'checkout'],
        ['orders-5d8f7c9b4d', 'orders'],
      ],
    );
    // A ReplicaSet not named after the hash is left alone: the pod's workload stays the ReplicaSet.
    const odd = crashing('shop', 'x', 0);
    odd.metadata!.labels!['pod-template-hash'] = 'other';
    assert.deepEqual(ownersOf([odd]), []);
  });

  it("gives a namespace's worst group in one line, and the compact text report", () => {
    const t = triage({
      pods,
      owners: ownersOf(pods),
      nowMs: NOW,
      scope: { context: 'prod', namespace: 'shop' },
    });
    assert.equal(t.groups.length, 1);
    assert.equal(worstGroupLine(t), '7 pods keep crashing (checkout, orders)');
    const text = triageText(t);
    assert.equal(text.split('\n')[0], '7 pods, 7 unhealthy in 1 group (namespace shop, context prod)');
    assert.match(text, /\n {2}workloads: Deployment shop\/checkout \(5\), Deployment shop\/orders \(2\)\n/);
    assert.match(text, /\n {2}e\.g\. shop\/(checkout|orders)-\S+: Container "app" keeps crashing/);
    assert.equal(triageExitCode(t), 1);
    const none = triage({ pods: [], nowMs: NOW });
    assert.equal(worstGroupLine(none), undefined);
    assert.equal(triageExitCode(none), 0);
    assert.match(
      triageText(none),
      /^0 pods, 0 unhealthy in 0 groups \(all namespaces\)\n\nNo unhealthy pods\.\n$/,
    );
  });

  it('strips terminal escapes from cluster strings in the text report', () => {
    const hostile = crashing('shop', 'evil', 0);
    hostile.metadata!.name = 'evil-\u001b]8;;http://x\u0007pod';
    const text = triageText(triage({ pods: [hostile], nowMs: NOW }));
    assert.ok(!text.includes('\u001b'), JSON.stringify(text));
  });
});
