import assert from 'node:assert/strict';
import { explainPod } from '../../../src/core/diagnose/index';
import type { KubeEvent, KubeNode, Pod } from '../../../src/core/k8s';
import { startDemoCluster } from '../../../src/demo/index';
import { workloadOf } from '../../../src/demo/scenario';
import { allScenarios } from '../../../src/demo/scenarios';
import { getJson } from './http';

/**
 * Each demo pod shows the failure it was built for: the diagnosis engine names first the
 * `diagnosis` its scenario file declares (`evicted` for its evicted pods).
 */

function expected(field: 'diagnosis' | 'evicted'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const scenario of allScenarios) {
    const id = scenario[field];
    const workload = workloadOf(scenario.manifest);
    if (id) out[`${workload.namespace}/${workload.name}`] = id;
  }
  return out;
}

describe('demo pods and the diagnosis engine', () => {
  it('gets the first diagnosis each scenario declares, for every pod of it', async () => {
    const cluster = await startDemoCluster();
    try {
      const pods = (await getJson<{ items: Pod[] }>(cluster, '/api/v1/pods')).items;
      const events = (await getJson<{ items: KubeEvent[] }>(cluster, '/api/v1/events')).items;
      const nodes = (await getJson<{ items: KubeNode[] }>(cluster, '/api/v1/nodes')).items;
      const seen: Record<'diagnosis' | 'evicted', Record<string, string[]>> = { diagnosis: {}, evicted: {} };
      for (const pod of pods) {
        const app =
          pod.metadata?.labels?.app ?? pod.metadata?.labels?.['job-name']?.replace(/-\d+$/, '') ?? '';
        const key = `${pod.metadata?.namespace}/${app}`;
        const node = nodes.find((n) => n.metadata?.name === pod.spec?.nodeName);
        const explanation = explainPod({ pod, events, ...(node ? { node } : {}), nowMs: cluster.now() });
        const field = pod.status?.reason === 'Evicted' ? 'evicted' : 'diagnosis';
        (seen[field][key] ??= []).push(explanation.diagnoses[0]?.id ?? '(none)');
      }
      for (const field of ['diagnosis', 'evicted'] as const) {
        const want = expected(field);
        assert.ok(Object.keys(want).length > 0, `no scenario declares a ${field}`);
        const got = Object.fromEntries(
          Object.keys(want).map((key) => [key, [...new Set(seen[field][key] ?? ['(no pod)'])].join(', ')]),
        );
        assert.deepEqual(got, want);
      }
    } finally {
      await cluster.close();
    }
  });
});
