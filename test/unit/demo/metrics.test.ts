import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, HttpStatusError } from '../../../src/cluster/index';
import type { Pod } from '../../../src/core/k8s';
import { containerUsage, cpuNearLimit, memoryNearLimit, type PodMetrics } from '../../../src/core/usage';
import { podMetrics } from '../../../src/demo/metrics';
import { startDemoCluster } from '../../../src/demo/index';
import type { Json } from '../../../src/demo/selectors';

const MI = 2 ** 20;

function runningPod(container: Json, lastReason?: string): Pod {
  return {
    metadata: { name: 'checkout-1', namespace: 'shop', uid: `uid-${String(container.name)}` },
    spec: { containers: [container] },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: String(container.name),
          state: { running: { startedAt: '2026-12-07T02:00:00Z' } },
          ...(lastReason ? { lastState: { terminated: { reason: lastReason, exitCode: 137 } } } : {}),
        },
      ],
    },
  } as Pod;
}

describe('demo metrics.k8s.io', () => {
  it('runs a container that was OOM-killed close to its memory limit, and it moves', () => {
    const pod = runningPod(
      {
        name: 'checkout',
        resources: { requests: { memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      },
      'OOMKilled',
    );
    const at = (ms: number) => containerUsage(pod, podMetrics(pod as Json, ms) as PodMetrics)[0];
    const now = Date.parse('2026-12-07T03:00:00Z');
    const usage = at(now);
    assert.ok(usage);
    assert.ok(usage.memory >= 0.9 * 512 * MI && usage.memory < 512 * MI, `${usage.memory / MI}Mi`);
    assert.match(
      memoryNearLimit(usage) ?? '',
      /^Container "checkout" is using \d+Mi of its 512Mi memory limit \(9\d%\)\.$/,
    );
    assert.notEqual(at(now + 60_000)?.memory, usage.memory, 'usage moves over time');
  });

  it('runs a container with a small CPU limit and a 1 s probe timeout near its CPU limit', () => {
    const pod = runningPod({
      name: 'api',
      resources: { requests: { cpu: '100m' }, limits: { cpu: '200m', memory: '256Mi' } },
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, timeoutSeconds: 1 },
    });
    const usage = containerUsage(pod, podMetrics(pod as Json, Date.now()) as PodMetrics)[0];
    assert.ok(usage && usage.cpu >= 0.18 && usage.cpu <= 0.2, String(usage?.cpu));
    assert.match(cpuNearLimit(usage) ?? '', /of its 200m CPU limit/);
    assert.equal(memoryNearLimit(usage), undefined);
  });

  it('serves discovery and PodMetrics lists, and 404 when metrics-server is absent', async function () {
    this.timeout(20_000);
    const dir = mkdtempSync(join(tmpdir(), 'pd-metrics-'));
    const withMetrics = await startDemoCluster();
    const without = await startDemoCluster({ metrics: false });
    try {
      await withMetrics.writeKubeconfig(join(dir, 'a'));
      await without.writeKubeconfig(join(dir, 'b'));
      const a = connect({ kubeconfig: join(dir, 'a') });
      const b = connect({ kubeconfig: join(dir, 'b') });
      const groups = await a.client.getJson<{ groups: Array<{ name: string }> }>('/apis');
      assert.ok(groups.groups.some((g) => g.name === 'metrics.k8s.io'));
      const list = await a.client.getJson<{ kind: string; items: PodMetrics[] }>(
        '/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods',
      );
      assert.equal(list.kind, 'PodMetricsList');
      assert.ok(list.items.length > 0);
      assert.ok(list.items.every((m) => m.metadata?.namespace === 'shop' && (m.containers ?? []).length > 0));
      await assert.rejects(
        b.client.getJson('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods'),
        (e: unknown) => e instanceof HttpStatusError && e.statusCode === 404,
      );
      a.dispose();
      b.dispose();
    } finally {
      await withMetrics.close();
      await without.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
