import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Pod } from '../../../src/core/k8s';
import type { PodDoctorApi } from '../../../src/extension/extension';
import { KUBERNETES_EXTENSION_ID } from '../../../src/extension/kubernetes-extension-api';
import { closeAllEditors, type DemoCluster, setSetting, startDemo, waitFor } from './helpers';

/** What the stand-in for the Kubernetes extension (test/integration/kubernetes-extension-standin) exports. */
interface StandIn {
  get(component: string, version: string): { available: boolean };
  standIn: {
    node(kind: 'pod' | 'namespace' | 'deployment', namespace: string, name: string): unknown;
    switchContext(name: string): void;
  };
}

/** The Kubernetes extension's own kubeconfig: the demo cluster under a context Pod Doctor does not know. */
const K8S_EXT_CONTEXT = 'k8s-extension-demo';

describe('Cluster Explorer of the Kubernetes extension (stand-in)', function () {
  this.timeout(60_000);
  let api: PodDoctorApi;
  let k8s: StandIn;
  let dir: string;
  let kubeconfig: string;
  let restore: () => Promise<void>;

  before(async () => {
    let demo: DemoCluster;
    ({ api, demo } = await startDemo());
    const extension = vscode.extensions.getExtension<StandIn>(KUBERNETES_EXTENSION_ID);
    assert.ok(extension, 'the stand-in Kubernetes extension is not loaded; see test/integration/run.mjs');
    k8s = await extension.activate();
    dir = mkdtempSync(join(tmpdir(), 'pd-k8s-ext-'));
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, demo.kubeconfigYaml(K8S_EXT_CONTEXT), { mode: 0o600 });
    restore = await setSetting('', 'vs-kubernetes', { 'vs-kubernetes.kubeconfig': kubeconfig });
  });
  after(async () => {
    await restore?.();
    api.explain.dispose();
    await closeAllEditors();
    await api.cluster.closeDemoCluster();
    rmSync(dir, { recursive: true, force: true });
  });

  async function podName(namespace: string, prefix: string): Promise<string> {
    const session = await api.cluster.session('pod-doctor-demo');
    const pods: Pod[] = await session!.listPods(namespace);
    const name = pods.map((p) => p.metadata?.name ?? '').find((n) => n.startsWith(prefix));
    assert.ok(name, `no pod ${prefix}… in ${namespace}`);
    return name;
  }

  it('contributes "Explain with Pod Doctor" to pod nodes of its view', () => {
    const pkg = vscode.extensions.getExtension('pod-doctor.pod-doctor')?.packageJSON as {
      contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
    };
    const entry = pkg.contributes.menus['view/item/context']?.find(
      (m) => m.command === 'podDoctor.explainClusterExplorerPod',
    );
    assert.equal(
      entry?.when,
      'view == extension.vsKubernetesExplorer && viewItem =~ /vsKubernetes\\.resource\\.pod/i',
    );
  });

  it("explains the pod node it was invoked on, with that extension's kubeconfig and context", async () => {
    const name = await podName('shop', 'checkout-');
    await vscode.commands.executeCommand(
      'podDoctor.explainClusterExplorerPod',
      k8s.standIn.node('pod', 'shop', name),
    );
    const panel = api.explain.get({ context: K8S_EXT_CONTEXT, namespace: 'shop', name, kubeconfig });
    assert.ok(panel, 'no explain panel opened for the Cluster Explorer node');
    const message = await waitFor(
      () => (panel.lastMessage?.type === 'explanation' ? panel.lastMessage : undefined),
      15_000,
      () => `the explanation (last message: ${JSON.stringify(panel.lastMessage)?.slice(0, 300)})`,
    );
    assert.equal(message.explanation.diagnoses[0]?.id, 'oom-killed');
    assert.equal(
      message.explanation.headline,
      'Container "checkout" is killed for running out of memory (OOMKilled).',
    );
  });

  it('does nothing for nodes that are not pods', async () => {
    const before = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    await vscode.commands.executeCommand(
      'podDoctor.explainClusterExplorerPod',
      k8s.standIn.node('deployment', 'shop', 'checkout'),
    );
    await vscode.commands.executeCommand('podDoctor.explainClusterExplorerPod', { some: 'other target' });
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, before);
  });
});
