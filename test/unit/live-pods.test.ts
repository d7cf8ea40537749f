import assert from 'node:assert/strict';
import type { Pod } from '../../src/core/k8s';
import { livePodsTitle, podsOfManifest } from '../../src/core/status';
import { kubectlPodRow } from '../../src/core/status';

const NOW = Date.parse('2026-11-23T12:00:00Z');

function pod(namespace: string, name: string, labels: Record<string, string>, waiting?: string): Pod {
  return {
    metadata: { namespace, name, labels, creationTimestamp: '2026-11-23T11:00:00Z' },
    spec: { containers: [{ name: 'app' }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        waiting
          ? { name: 'app', ready: false, restartCount: 4, state: { waiting: { reason: waiting } } }
          : {
              name: 'app',
              ready: true,
              restartCount: 0,
              state: { running: { startedAt: '2026-11-23T11:00:05Z' } },
            },
      ],
    },
  };
}

const pods = [
  pod('shop', 'checkout-1', { app: 'checkout', 'pod-template-hash': 'a' }, 'CrashLoopBackOff'),
  pod('shop', 'checkout-2', { app: 'checkout', 'pod-template-hash': 'b' }),
  pod('shop', 'checkout-3', { app: 'checkout', 'pod-template-hash': 'b' }),
  pod('default', 'checkout-4', { app: 'checkout' }),
  pod('shop', 'cart-1', { app: 'cart' }),
];

describe('live pods of a manifest', () => {
  it('matches a Deployment by namespace and selector labels', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'checkout', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'checkout' } },
        template: { metadata: { labels: { app: 'checkout' } } },
      },
    };
    assert.deepEqual(
      podsOfManifest(deployment, pods, 'default').map((p) => p.metadata?.name),
      ['checkout-1', 'checkout-2', 'checkout-3'],
    );
  });

  it('uses the namespace shown when the manifest names none, and a bare Pod by name', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'x' },
      spec: { template: { metadata: { labels: { app: 'checkout' } } } },
    };
    assert.deepEqual(
      podsOfManifest(job, pods, 'default').map((p) => p.metadata?.name),
      ['checkout-4'],
    );
    const bare = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cart-1', namespace: 'shop' } };
    assert.deepEqual(
      podsOfManifest(bare, pods, 'default').map((p) => p.metadata?.name),
      ['cart-1'],
    );
    assert.deepEqual(
      podsOfManifest(
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'y' }, spec: {} },
        pods,
        'shop',
      ),
      [],
    );
  });

  it('says how many pods run and in which STATUS, failures first', () => {
    const rows = pods.slice(0, 3).map((p) => kubectlPodRow(p, NOW));
    assert.equal(livePodsTitle(rows), '3 live pods: 1 CrashLoopBackOff, 2 Running');
    assert.equal(livePodsTitle(rows.slice(1, 2)), '1 live pod: 1 Running');
  });
});
