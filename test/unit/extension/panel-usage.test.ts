import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../../src/cluster/index';
import { PanelUsage } from '../../../src/extension/explain/panel-usage';
import { startDemoCluster } from '../../../src/demo/index';
import type { HostMessage } from '../../../src/webview/protocol';

type UsageMessage = Extract<HostMessage, { type: 'usage' }>;

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('explain panel usage bars', function () {
  this.timeout(30_000);

  for (const metrics of [true, false]) {
    it(
      metrics
        ? 'posts each container’s usage against its request and limit, only while visible'
        : 'says "metrics not available" once when the cluster serves no metrics.k8s.io',
      async () => {
        const cluster = await startDemoCluster({ metrics });
        const dir = mkdtempSync(join(tmpdir(), 'pd-usage-'));
        try {
          await cluster.writeKubeconfig(join(dir, 'config'));
          const session = connect({ kubeconfig: join(dir, 'config') });
          const pod = (await session.listPods('shop')).find((p) => p.metadata?.name?.startsWith('catalog-'));
          assert.ok(pod);
          const posted: UsageMessage[] = [];
          const usage = new PanelUsage(
            'shop',
            pod.metadata?.name ?? '',
            (m) => {
              if (m.type === 'usage') posted.push(m);
            },
            () => pod,
          );
          usage.start(session);
          const first = await until(() => posted[0], 'a usage message');
          if (metrics) {
            const [container] = first.usage;
            assert.ok(container, first.note);
            assert.equal(container.container, pod.spec?.containers?.[0]?.name);
            assert.ok(container.cpu > 0 && container.memory > 0);
            assert.ok(container.memoryLimit !== undefined || container.memoryRequest !== undefined);
            assert.match(first.note, /metrics\.k8s\.io, 15s window, every 15 s while visible/);
            usage.setVisible(false);
            const reads = usage.reads;
            usage.setVisible(true);
            await until(() => (usage.reads > reads ? true : undefined), 'a read when shown again');
          } else {
            assert.deepEqual(first.usage, []);
            assert.match(first.note, /^metrics not available/);
            usage.setVisible(false);
            usage.setVisible(true);
            await new Promise((resolve) => setTimeout(resolve, 200));
            assert.equal(posted.length, 1, 'said once, not asked again');
          }
          usage.dispose();
          session.dispose();
        } finally {
          await cluster.close();
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  }
});
