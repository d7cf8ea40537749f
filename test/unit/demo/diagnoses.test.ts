import assert from 'node:assert/strict';
import { explainPod } from '../../../src/core/diagnose/index';
import type { KubeEvent, KubeNode, Pod } from '../../../src/core/k8s';
import { startDemoCluster } from '../../../src/demo/index';
import { getJson } from './http';

/** Each demo pod shows the failure it was built for: the diagnosis engine names it first. */

const EXPECTED: Record<string, string> = {
  'batch/nightly-backup': 'completed',
  'batch/train-recommender': 'unschedulable',
  'data/postgres': 'unschedulable',
  'default/api': 'liveness-restarts',
  'default/cache': 'hook-failure',
  'default/frontend': 'readiness-failing',
  'default/legacy-api': 'node-lost',
  'default/legacy-billing': 'volume-mount',
  'default/metrics-proxy': 'sandbox-failure',
  'default/report-gen': 'crash-loop',
  'default/search': 'readiness-failing',
  'default/thumbnailer': 'crash-loop',
  'default/web': 'healthy',
  'default/worker': 'crash-loop',
  'kube-system/coredns': 'healthy',
  'shop/cart': 'image-pull',
  'shop/checkout': 'oom-killed',
  'shop/inventory': 'config-missing',
  'shop/orders': 'init-failure',
  'shop/payments': 'crash-loop',
  'shop/queue-consumer': 'stuck-terminating',
  'shop/recommendations': 'image-pull',
  'shop/search-indexer': 'unschedulable',
};

describe('demo pods and the diagnosis engine', () => {
  it('gets the intended first diagnosis for every scenario pod', async () => {
    const cluster = await startDemoCluster();
    try {
      const pods = (await getJson<{ items: Pod[] }>(cluster, '/api/v1/pods')).items;
      const events = (await getJson<{ items: KubeEvent[] }>(cluster, '/api/v1/events')).items;
      const nodes = (await getJson<{ items: KubeNode[] }>(cluster, '/api/v1/nodes')).items;
      const seen: Record<string, string> = {};
      for (const pod of pods) {
        const app =
          pod.metadata?.labels?.app ?? pod.metadata?.labels?.['job-name']?.replace(/-\d+$/, '') ?? '';
        const key = `${pod.metadata?.namespace}/${app}`;
        if (!(key in EXPECTED) || pod.status?.reason === 'Evicted') continue;
        const node = nodes.find((n) => n.metadata?.name === pod.spec?.nodeName);
        const explanation = explainPod({ pod, events, ...(node ? { node } : {}), nowMs: cluster.now() });
        seen[key] = explanation.diagnoses[0]?.id ?? '(none)';
      }
      assert.deepEqual(seen, EXPECTED);
      const evicted = pods.find((p) => p.status?.reason === 'Evicted');
      assert.equal(
        evicted && explainPod({ pod: evicted, events, nowMs: cluster.now() }).diagnoses[0]?.id,
        'evicted',
      );
    } finally {
      await cluster.close();
    }
  });
});
