import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PodDoctorApi } from '../../../src/extension/extension';
import type { NamespaceNode, PodNode, PodsNode } from '../../../src/extension/tree/model';
import { closeAllEditors, DEMO_CONTEXT, setSetting, startDemo, waitFor } from './helpers';

describe('Usage (metrics.k8s.io)', function () {
  this.timeout(60_000);
  let api: PodDoctorApi;

  before(async () => {
    ({ api } = await startDemo());
  });
  after(async () => {
    api.explain.dispose();
    await closeAllEditors();
    await api.cluster.closeDemoCluster();
  });

  async function shopPods(): Promise<PodNode[]> {
    const provider = api.pods.provider;
    const roots = await provider.getChildren();
    const context = roots.find((n) => n.kind === 'context' && n.context === DEMO_CONTEXT);
    assert.ok(context);
    const namespaces = await provider.getChildren(context);
    const shop = namespaces.find((n): n is NamespaceNode => n.kind === 'namespace' && n.namespace === 'shop');
    assert.ok(shop);
    return waitFor(
      async () => {
        const nodes: PodsNode[] = await provider.getChildren(shop);
        const pods = nodes.filter((n): n is PodNode => n.kind === 'pod');
        return pods.length > 0 ? pods : undefined;
      },
      15_000,
      'the pods of shop',
    );
  }

  it('shows usage in the tooltip, and in the description when podDoctor.pods.showUsage is on', async () => {
    const catalog = (await shopPods()).find((n) => n.row.name.startsWith('catalog-'));
    assert.ok(catalog);
    api.pods.usage.setVisible(true);
    await api.pods.usage.poll();
    const item = () => api.pods.provider.getTreeItem(catalog);
    const tooltip = item().tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.match(tooltip.value, /Usage: cpu \d+m\/\S+ · mem \d+(\\\.\d)?Mi\/\d+Mi/);
    assert.doesNotMatch(String(item().description), /cpu/);
    const restore = await setSetting('podDoctor', 'pods.showUsage', true);
    try {
      assert.match(String(item().description), /^Running {2}\d\/\d {2}\S+ {2}\S+ {2}cpu \d+m\/\S+ · mem \d+/);
    } finally {
      await restore();
    }
  });

  it('draws a usage bar per container in the explain panel', async () => {
    const catalog = (await shopPods()).find((n) => n.row.name.startsWith('catalog-'));
    assert.ok(catalog);
    const ref = { context: DEMO_CONTEXT, namespace: 'shop', name: catalog.row.name };
    await vscode.commands.executeCommand('podDoctor.explainPod', ref);
    const panel = api.explain.get(ref);
    assert.ok(panel);
    const reading = await waitFor(
      () => {
        const m = panel.usage.lastReading;
        return m?.type === 'usage' && m.usage.length > 0 ? m : undefined;
      },
      15_000,
      'a usage reading in the panel',
    );
    const [container] = reading.usage;
    assert.equal(container?.container, catalog.pod.spec?.containers?.[0]?.name);
    assert.ok((container?.memory ?? 0) > 0);
  });
});
