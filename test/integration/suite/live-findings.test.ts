import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PodDoctorApi } from '../../../src/extension/extension';
import { FIX_PREVIEW_SCHEME } from '../../../src/extension/live/apply-fix';
import { LIVE_DIAGNOSTIC_SOURCE } from '../../../src/extension/live/live-diagnostics';
import type { NamespaceNode, PodsNode } from '../../../src/extension/tree/model';
import {
  closeAllEditors,
  DEMO_CONTEXT,
  type DemoCluster,
  describeDiagnostics,
  healDemoPod,
  openDemoInTree,
  openFixture,
  waitFor,
} from './helpers';

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

  const TITLE = 'Set limits.memory of checkout to 1408Mi';

  /**
   * The fix preview "Apply fix" opened: the active tab is a diff of the manifest against a
   * read-only document of the preview scheme, titled `checkout.yaml ↔ <fix>`.
   */
  async function openedPreview(document: vscode.TextDocument): Promise<vscode.TextDocument> {
    const tab = await waitFor(
      () => {
        const active = vscode.window.tabGroups.activeTabGroup.activeTab;
        return active?.input instanceof vscode.TabInputTextDiff ? active : undefined;
      },
      5000,
      'the fix preview diff',
    );
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.original.toString(), document.uri.toString());
    assert.equal(input.modified.scheme, FIX_PREVIEW_SCHEME);
    assert.equal(tab.label, `checkout.yaml ↔ ${TITLE}`);
    return vscode.workspace.openTextDocument(input.modified);
  }

  const previewTabs = (): vscode.Tab[] =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter(
        (t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === FIX_PREVIEW_SCHEME,
      );

  /** One Undo in the manifest's editor restores it exactly. */
  async function undoOnce(document: vscode.TextDocument, original: string): Promise<void> {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText() === original, 5000, 'one Undo to restore the manifest');
  }

  /** Confirms the preview as its title bar's "Apply fix" does; checks the manifest and the editor after. */
  async function confirmAndCheck(
    document: vscode.TextDocument,
    preview: vscode.TextDocument,
    original: string,
  ): Promise<void> {
    assert.equal(await vscode.commands.executeCommand('podDoctor.confirmFix', preview.uri), true);
    assert.equal(document.getText(), raisedText(original));
    assert.deepEqual(previewTabs(), [], 'the diff closes once the fix is applied');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), document.uri.toString(), 'the manifest is shown');
    assert.equal(editor.selection.active.line, limitsMemoryLine(document), 'at the edited line');
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

  it('previews the quick fix as a diff, applies it on "Apply fix" only, and one Undo restores the manifest', async () => {
    const { document } = await openFixture('live/checkout.yaml');
    const original = document.getText();
    await watch('shop');
    const [diagnostic] = await liveDiagnostics(document);
    assert.ok(diagnostic);
    const title = `Apply fix: ${TITLE}`;
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const action = offered.find((a) => a.title === title);
    assert.ok(action?.isPreferred, `"${title}" (preferred) among: ${offered.map((a) => a.title).join(', ')}`);
    assert.equal(action.edit, undefined, 'the quick fix edits nothing by itself');
    assert.equal(action.command?.command, 'podDoctor.applyFix');

    // What choosing it in the light bulb runs: the preview opens, the manifest is untouched.
    const opened = await vscode.commands.executeCommand(
      action.command.command,
      ...(action.command.arguments ?? []),
    );
    assert.equal(opened, true);
    const preview = await openedPreview(document);
    assert.equal(preview.getText(), raisedText(original));
    assert.equal(document.getText(), original, 'nothing changes before "Apply fix"');
    assert.equal(document.isDirty, false);
    // The preview is not linted: its findings would be the manifest's again.
    await api.live.update();
    assert.deepEqual(vscode.languages.getDiagnostics(preview.uri), []);

    await confirmAndCheck(document, preview, original);
    await undoOnce(document, original);
    assert.equal(document.getText(), original);
  });

  it("previews an explain panel's fix through the same command; Discard leaves the manifest as it was", async () => {
    const { document } = await openFixture('live/checkout.yaml');
    const original = document.getText();
    const args = {
      uri: document.uri.toString(),
      workload: { kind: 'Deployment', name: 'checkout', namespace: 'shop' },
      specPath: 'spec.containers[checkout].resources.limits.memory',
      value: '1408Mi',
    };
    assert.equal(await vscode.commands.executeCommand('podDoctor.applyFix', args), true);
    let preview = await openedPreview(document);
    assert.equal(preview.getText(), raisedText(original));
    // Discard (from the active diff, as a keybinding would run it): closed, nothing changed.
    assert.equal(await vscode.commands.executeCommand('podDoctor.discardFix'), true);
    await waitFor(() => previewTabs().length === 0, 5000, 'the diff to close');
    assert.equal(document.getText(), original);
    assert.equal(document.isDirty, false);
    // A discarded preview cannot be applied any more.
    assert.equal(await vscode.commands.executeCommand('podDoctor.confirmFix', preview.uri), false);
    assert.equal(document.getText(), original);

    // Again, and this time "Apply fix" (from the active diff).
    assert.equal(await vscode.commands.executeCommand('podDoctor.applyFix', args), true);
    preview = await openedPreview(document);
    assert.equal(document.getText(), original);
    await confirmAndCheck(document, preview, original);
    await undoOnce(document, original);

    // A workload the file does not define: no preview (a warning says to set it by hand).
    assert.equal(
      await vscode.commands.executeCommand('podDoctor.applyFix', {
        ...args,
        workload: { ...args.workload, name: 'payments' },
      }),
      false,
    );
    assert.deepEqual(previewTabs(), []);
    assert.equal(document.getText(), original);
  });

  it('does not apply a preview to a manifest that changed since it was made', async () => {
    const { document } = await openFixture('live/checkout.yaml');
    const original = document.getText();
    assert.equal(
      await vscode.commands.executeCommand('podDoctor.applyFix', {
        uri: document.uri.toString(),
        workload: { kind: 'Deployment', name: 'checkout', namespace: 'shop' },
        specPath: 'spec.containers[checkout].resources.limits.memory',
        value: '1408Mi',
      }),
      true,
    );
    const preview = await openedPreview(document);
    // The user edits the manifest while the preview is open.
    const typed = new vscode.WorkspaceEdit();
    typed.insert(document.uri, new vscode.Position(0, 0), '# edited by hand\n');
    assert.equal(await vscode.workspace.applyEdit(typed), true);
    const edited = document.getText();
    assert.equal(await vscode.commands.executeCommand('podDoctor.confirmFix', preview.uri), false);
    assert.equal(document.getText(), edited, 'the stale fix is not applied');
    assert.deepEqual(previewTabs(), [], 'the stale preview closes');
    await undoOnce(document, original);
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
