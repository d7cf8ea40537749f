import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PodDoctorApi } from '../../../src/extension/extension';
import { activateExtension, closeAllEditors, openFixture, setSetting, waitFor } from './helpers';

/** Open manifests checked against the demo cluster the Pods view is connected to. */
describe('cluster-aware lint in the editor', () => {
  let api: PodDoctorApi;
  let restoreSetting: (() => Promise<void>) | undefined;

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('podDoctor.openDemoCluster');
    assert.ok(api.cluster.demoCluster, 'podDoctor.openDemoCluster did not start the demo cluster');
    await vscode.commands.executeCommand('podDoctor.pods.focus');
    await api.pods.provider.getChildren();
  });

  after(async () => {
    await restoreSetting?.();
    await closeAllEditors();
    await api.cluster.closeDemoCluster();
  });

  const clusterDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] =>
    vscode.languages.getDiagnostics(uri).filter((d) => / \(cluster [^)]+\)$/.test(d.message));

  it('shows the cluster findings with the cluster they come from, and their quick fix', async () => {
    const { document } = await openFixture('cluster/inventory-v2.yaml');
    const diagnostics = await waitFor(
      () => {
        const found = clusterDiagnostics(document.uri);
        return found.length >= 2 ? found : undefined;
      },
      15_000,
      () =>
        `cluster diagnostics on inventory-v2.yaml (have: ${vscode.languages
          .getDiagnostics(document.uri)
          .map((d) => d.message)
          .join(' | ')})`,
    );
    const key = diagnostics.find(
      (d) => typeof d.code === 'object' && d.code.value === 'cluster-configmap-key-missing',
    );
    assert.ok(key, diagnostics.map((d) => d.message).join('\n'));
    assert.equal(key.range.start.line, 30);
    assert.match(key.message, /no key "DATABASE_URL".* \(cluster pod-doctor-demo\/shop\)$/);
    assert.equal(key.source, 'pod-doctor');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      key.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => /DATABASE_URI/.test(a.title));
    assert.ok(fix?.edit, `a did-you-mean fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(30).text, /key: DATABASE_URI/);
    await waitFor(
      () =>
        !clusterDiagnostics(document.uri).some(
          (d) => typeof d.code === 'object' && d.code.value === 'cluster-configmap-key-missing',
        ),
      15_000,
      'the finding to go once the key exists',
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('reads the cluster once for many edits (cached), and stops with podDoctor.lint.cluster: off', async () => {
    const demo = api.cluster.demoCluster;
    assert.ok(demo);
    const { document, editor } = await openFixture('cluster/inventory-v2.yaml');
    await waitFor(() => clusterDiagnostics(document.uri).length > 0, 15_000, 'cluster diagnostics');
    demo.clearRequests();
    const keyLine = (): number | undefined =>
      clusterDiagnostics(document.uri).find(
        (d) => typeof d.code === 'object' && d.code.value === 'cluster-configmap-key-missing',
      )?.range.start.line;
    // Five edits, each re-checked (the finding moves down a line each time).
    for (let i = 1; i <= 5; i++) {
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), `# edit ${i}\n`));
      await waitFor(
        () => keyLine() === 30 + i,
        15_000,
        () => `the finding on line ${31 + i} (is ${keyLine()})`,
      );
    }
    const lists = demo.requests().filter((r) => r.method === 'GET' && !r.query['watch']);
    const paths = lists.map((r) => r.path);
    // The snapshot cache answers the edits: at most the one read it had left, never one per edit.
    assert.equal(new Set(paths).size, paths.length, `a path read twice: ${paths.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    restoreSetting = await setSetting('podDoctor.lint', 'cluster', 'off');
    await waitFor(() => clusterDiagnostics(document.uri).length === 0, 10_000, 'cluster diagnostics to go');
  });
});
