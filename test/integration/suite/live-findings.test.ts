import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PodDoctorApi } from '../../../src/extension/extension';
import { fixEntries } from '../../../src/extension/live/apply-fix';
import { liveActions } from '../../../src/extension/live/live-actions';
import { LIVE_DIAGNOSTIC_SOURCE } from '../../../src/extension/live/live-diagnostics';
import type { NamespaceNode, PodsNode } from '../../../src/extension/tree/model';
import {
  closeAllEditors,
  describeDiagnostics,
  healDemoPod,
  openDemoInTree,
  openFixture,
  waitFor,
} from './helpers';

type DemoCluster = NonNullable<PodDoctorApi['cluster']['demoCluster']>;

const DEMO_CONTEXT = 'pod-doctor-demo';

/**
 * Live findings in the editor: the demo cluster's checkout pod is OOMKilled (its -Xmx is above its
 * 512Mi limit), and the workspace holds its Deployment. The finding comes from the Pods tree's
 * watch cache only.
 */
describe('live findings in the editor', function () {
  this.timeout(60_000);
  let api: PodDoctorApi;
  let demo: DemoCluster;

  const live = (uri: vscode.Uri): vscode.Diagnostic[] =>
    vscode.languages.getDiagnostics(uri).filter((d) => d.source === LIVE_DIAGNOSTIC_SOURCE);

  async function namespaceNode(namespace: string): Promise<NamespaceNode> {
    const roots = await api.pods.provider.getChildren();
    const context = roots.find((n) => n.kind === 'context' && n.context === DEMO_CONTEXT);
    assert.ok(context, 'the demo context is in the tree');
    const children: PodsNode[] = await api.pods.provider.getChildren(context);
    const node = children.find(
      (n): n is NamespaceNode => n.kind === 'namespace' && n.namespace === namespace,
    );
    assert.ok(node, `no namespace ${namespace} in the tree`);
    return node;
  }

  /** Expands a namespace in the tree (as a click does): the tree starts watching it. */
  async function watch(namespace: string): Promise<void> {
    const node = await namespaceNode(namespace);
    await waitFor(
      async () => (await api.pods.provider.getChildren(node)).some((n) => n.kind === 'pod'),
      15_000,
      `the pods of ${namespace}`,
    );
  }

  /** The live diagnostics of the manifest once the tree's watch has its pods. */
  function liveDiagnostics(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    return waitFor(
      () => {
        const found = live(document.uri);
        return found.length > 0 ? found : undefined;
      },
      15_000,
      () => `a live diagnostic (have: ${describeDiagnostics(vscode.languages.getDiagnostics(document.uri))})`,
    );
  }

  /** The 0-based line of `memory:` under the checkout container's `limits:`. */
  function limitsMemoryLine(document: vscode.TextDocument): number {
    const lines = document.getText().split('\n');
    const limits = lines.findIndex((l) => l.trim() === 'limits:');
    const memory = lines.findIndex((l, i) => i > limits && l.trim().startsWith('memory:'));
    assert.ok(limits > 0 && memory > limits, 'the fixture has limits.memory');
    return memory;
  }

  /** The manifest with limits.memory raised to 1408Mi: the only change "Apply fix" may make. */
  function raisedText(original: string): string {
    const lines = original.split('\n');
    const limits = lines.findIndex((l) => l.trim() === 'limits:');
    const memory = lines.findIndex((l, i) => i > limits && l.trim().startsWith('memory:'));
    assert.equal(lines[memory], '              memory: 512Mi');
    lines[memory] = '              memory: 1408Mi';
    return lines.join('\n');
  }

  /**
   * Applies a workspace edit that needs confirmation as a user does: VS Code opens the refactor
   * preview with the change unticked and waits; the user ticks it and presses Apply. Fails if the
   * edit applied without the preview.
   */
  async function applyThroughPreview(
    apply: () => Thenable<unknown>,
    document: vscode.TextDocument,
  ): Promise<unknown> {
    const original = document.getText();
    let settled = false;
    const applying = Promise.resolve(apply()).finally(() => {
      settled = true;
    });
    // The preview holds the edit: nothing changes until the user confirms it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(settled, false, 'the edit applied without the refactor preview');
    assert.equal(document.getText(), original);
    // The preview's tree has the keyboard focus: tick its first row (the change), then Apply.
    await vscode.commands.executeCommand('list.focusFirst');
    await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
    await vscode.commands.executeCommand('refactorPreview.apply');
    await waitFor(() => settled, 10_000, 'the refactor preview to apply the edit');
    return applying;
  }

  async function undoAll(document: vscode.TextDocument, original: string): Promise<void> {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText() === original, 5000, 'undo to restore the manifest');
  }

  before(async () => {
    ({ api, demo } = await openDemoInTree());
  });

  after(async () => {
    await closeAllEditors();
    await api.cluster.closeDemoCluster();
  });

  it('shows nothing, and reads nothing, while the tree does not watch the namespace', async () => {
    demo.clearRequests();
    const { document } = await openFixture('live/checkout.yaml');
    await api.live.update();
    assert.equal(api.pods.provider.watchedPods(DEMO_CONTEXT, 'shop'), undefined, 'shop is not watched yet');
    assert.deepEqual(live(document.uri), []);
    // (Cluster-aware lint reads limit ranges and quotas for the same file: not pods or events.)
    const shopReads = demo
      .requests()
      .filter((r) => /^\/api\/v1\/(namespaces\/shop\/)?(pods|events)/.test(r.path));
    assert.deepEqual(
      shopReads.map((r) => r.path),
      [],
      'live findings never read the cluster by themselves',
    );
  });

  it('puts the OOMKilled pod on the limits.memory line once the tree watches shop', async () => {
    const { document } = await openFixture('live/checkout.yaml');
    await watch('shop');
    const [diagnostic] = await liveDiagnostics(document);
    assert.ok(diagnostic);
    assert.deepEqual(
      live(document.uri).map((d) => (typeof d.code === 'object' ? d.code.value : d.code)),
      ['live-oom-killed'],
    );
    const line = limitsMemoryLine(document);
    assert.equal(diagnostic.range.start.line, line);
    assert.equal(document.getText(diagnostic.range), 'memory: 512Mi');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(
      diagnostic.message,
      /^live: 1 of 1 pod of checkout is OOMKilled \(exit 137, \d+ restarts\): raise limits\.memory to 1408Mi$/,
    );

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const explain = actions.find((a) => a.title.startsWith('Explain pod checkout-'));
    assert.ok(explain?.command, `an Explain action among: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(explain.command.command, 'podDoctor.explainPod');
    const [ref] = (explain.command.arguments ?? []) as Array<{
      context: string;
      namespace: string;
      name: string;
    }>;
    assert.equal(ref?.context, DEMO_CONTEXT);
    assert.equal(ref?.namespace, 'shop');
    assert.equal(`Explain pod ${ref?.name}`, explain.title);
  });

  it('applies the fix through the refactor preview, and Undo restores the manifest exactly', async () => {
    const { document } = await openFixture('live/checkout.yaml');
    const original = document.getText();
    await watch('shop');
    const [diagnostic] = await liveDiagnostics(document);
    assert.ok(diagnostic);
    const title = 'Apply fix: Set limits.memory of checkout to 1408Mi';
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(
      offered.some((a) => a.title === title && a.isPreferred),
      `"${title}" (preferred) among: ${offered.map((a) => a.title).join(', ')}`,
    );

    // The provider's own action, as the light bulb gets it (with the edit's metadata).
    const published = api.live.get(document.uri);
    assert.ok(published);
    const action = liveActions(document, published, diagnostic).find((a) => a.title === title);
    assert.ok(action?.edit);
    const finding = published.findings.find((f) => f.ruleId === 'live-oom-killed');
    assert.ok(finding?.fix, 'the finding carries its planned edit');
    const entries = fixEntries(document.uri, published.text, finding.fix.edits, title);
    assert.deepEqual(
      entries.map((e) => [
        document.getText(e.range),
        e.newText,
        e.metadata.needsConfirmation,
        e.metadata.label,
      ]),
      [['512Mi', '1408Mi', true, title]],
    );
    const edit = action.edit;
    assert.equal(await applyThroughPreview(() => vscode.workspace.applyEdit(edit), document), true);
    assert.equal(document.getText(), raisedText(original));
    await undoAll(document, original);
    assert.equal(document.getText(), original);
  });

  it("applies an explain panel's fix to the workspace manifest through the same preview", async () => {
    const { document } = await openFixture('live/checkout.yaml');
    const original = document.getText();
    const args = {
      uri: document.uri.toString(),
      workload: { kind: 'Deployment', name: 'checkout', namespace: 'shop' },
      specPath: 'spec.containers[checkout].resources.limits.memory',
      value: '1408Mi',
    };
    assert.equal(
      await applyThroughPreview(() => vscode.commands.executeCommand('podDoctor.applyFix', args), document),
      true,
    );
    assert.equal(document.getText(), raisedText(original));
    await undoAll(document, original);
    // A workload the file does not define: nothing is edited (a warning says to set it by hand).
    assert.equal(
      await vscode.commands.executeCommand('podDoctor.applyFix', {
        ...args,
        workload: { ...args.workload, name: 'payments' },
      }),
      false,
    );
    assert.equal(document.getText(), original);
  });

  it('clears them when the tree stops watching (context or namespace switch), and never watches for them', async () => {
    const { document } = await openFixture('live/checkout.yaml');
    await watch('shop');
    await liveDiagnostics(document);
    // What a context or namespace switch does to the tree: every watch stops.
    api.pods.provider.resetAll();
    await waitFor(() => live(document.uri).length === 0, 10_000, 'the live diagnostics to clear');
    assert.equal(api.pods.provider.watchedPods(DEMO_CONTEXT, 'shop'), undefined);
  });

  it('removes the finding when the pod heals on the server', async () => {
    const { document } = await openFixture('live/checkout.yaml');
    await watch('shop');
    await liveDiagnostics(document);
    const pods = api.pods.provider.watchedPods(DEMO_CONTEXT, 'shop') ?? [];
    const name = pods.find((p) => p.metadata?.name?.startsWith('checkout-'))?.metadata?.name;
    assert.ok(name, 'the checkout pod is watched');
    healDemoPod(demo, 'shop', name);
    await waitFor(
      () => live(document.uri).length === 0,
      10_000,
      () => `the finding to go (have: ${describeDiagnostics(live(document.uri))})`,
    );
  });
});
