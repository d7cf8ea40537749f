import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lintText } from '../../../src/core/lint/engine';
import {
  activateExtension,
  closeAllEditors,
  describeDiagnostics,
  openFixture,
  setSetting,
  waitFor,
  waitForDiagnostics,
} from './helpers';

const RULES_DOC = 'https://github.com/pod-doctor/pod-doctor/blob/main/docs/rules.md';

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** `line:column code` (1-based) of each diagnostic, as a user reads them in the Problems panel. */
function where(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return describeDiagnostics(diagnostics).split(', ');
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" is not in ${document.uri.path}`);
  return document.positionAt(offset + delta);
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    document.uri,
    position,
  );
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n\n');
}

/** Closes the active editor without saving, so the fixture stays as it is on disk for the next test. */
async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('lint in the editor', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAllEditors);

  it('flags the beginner pod at the lines kubectl would complain about, with source, code and doc link', async () => {
    const { document } = await openFixture('lint/beginner-pod.yaml');
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length >= 4);
    assert.deepEqual(where(diagnostics), [
      '2:7 schema-kind-case',
      '7:7 image-missing',
      '7:7 resources-memory-limit-missing',
      '8:7 schema-unknown-field',
    ]);
    const expected = lintText(document.getText()).findings;
    assert.deepEqual(
      diagnostics.map((d) => [d.message, d.range.end.line, d.range.end.character, d.severity]),
      expected.map((f) => [
        f.message,
        f.end.line,
        f.end.character,
        {
          error: vscode.DiagnosticSeverity.Error,
          warning: vscode.DiagnosticSeverity.Warning,
          info: vscode.DiagnosticSeverity.Information,
        }[f.severity],
      ]),
    );
    const unknown = diagnostics.find((d) => codeOf(d) === 'schema-unknown-field');
    assert.match(unknown?.message ?? '', /Unknown field "images" in container "web"; did you mean "image"\?/);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'pod-doctor');
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.toString(true), `${RULES_DOC}#${code.value}`);
    }
    assert.equal(
      diagnostics.find((d) => codeOf(d) === 'resources-memory-limit-missing')?.severity,
      vscode.DiagnosticSeverity.Information,
    );
  });

  it('has nothing to say about YAML that is not Kubernetes (docker-compose, a GitHub workflow)', async () => {
    const compose = await openFixture('lint/docker-compose.yaml');
    const workflow = await openFixture('lint/.github/workflows/ci.yaml');
    // Opened after them, so once its diagnostics are published theirs have been computed too.
    const { document } = await openFixture('lint/web-deployment.yaml');
    await waitForDiagnostics(document.uri);
    assert.deepEqual(vscode.languages.getDiagnostics(compose.document.uri), []);
    assert.deepEqual(vscode.languages.getDiagnostics(workflow.document.uri), []);
  });

  it('says once that a Helm template must be rendered, and its hovers and CodeLens do not fail', async () => {
    const { document } = await openFixture('lint/helm-deployment.yaml');
    const diagnostics = await waitForDiagnostics(document.uri);
    assert.deepEqual(where(diagnostics), ['7:7 yaml-syntax']);
    assert.equal(diagnostics[0]?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostics[0]?.message ?? '', /^This looks like a Helm\/Go template .*; render it first/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
    );
    assert.deepEqual(
      lenses.filter((l) => l.command?.title.includes(' · ')),
      [],
    );
    assert.equal(await hoverText(document, positionOf(document, 'replicas', 1)), '');
  });

  it('re-lints as the document is edited', async () => {
    const { document, editor } = await openFixture('lint/beginner-pod.yaml');
    await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'schema-unknown-field'));
    await editor.edit((edit) => edit.replace(new vscode.Range(7, 6, 7, 12), 'image'));
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (d) => !d.some((x) => codeOf(x) === 'schema-unknown-field'),
    );
    assert.deepEqual(where(diagnostics), ['2:7 schema-kind-case', '7:7 resources-memory-limit-missing']);
    await revertAndClose();
  });

  it('applies a quick fix that makes its diagnostic go away', async () => {
    const { document } = await openFixture('lint/beginner-pod.yaml');
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length >= 4);
    const kindCase = diagnostics.find((d) => codeOf(d) === 'schema-kind-case');
    assert.ok(kindCase);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      kindCase.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    // The range holds only this diagnostic, so these are all the quick fixes on offer there.
    const ours = actions.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(
      ours.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Change kind to Pod', true],
        ['Disable schema-kind-case for this line', false],
      ],
    );
    const fix = ours[0]?.edit;
    assert.ok(fix);
    assert.ok(await vscode.workspace.applyEdit(fix));
    assert.equal(document.lineAt(1).text, 'kind: Pod');
    await waitForDiagnostics(
      document.uri,
      (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'schema-kind-case'),
    );
    await revertAndClose();
  });

  it('disables a rule for one line with an indented comment', async () => {
    const { document } = await openFixture('lint/beginner-pod.yaml');
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length >= 4);
    const missing = diagnostics.find((d) => codeOf(d) === 'image-missing');
    assert.ok(missing);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      missing.range,
    );
    const disable = actions.find((a) => a.title === 'Disable image-missing for this line');
    assert.ok(disable?.edit, `no disable action among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.equal(document.lineAt(6).text, '    # pod-doctor-disable-next-line image-missing');
    assert.equal(document.lineAt(7).text, '    - name: web');
    const after = await waitForDiagnostics(
      document.uri,
      (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'image-missing'),
    );
    assert.deepEqual(where(after), [
      '2:7 schema-kind-case',
      '8:7 resources-memory-limit-missing',
      '9:7 schema-unknown-field',
    ]);
    await revertAndClose();
  });

  it('hovers over a finding with its rule, why it matters and the rule doc', async () => {
    const { document } = await openFixture('lint/web-deployment.yaml');
    await waitForDiagnostics(document.uri);
    const text = await hoverText(document, positionOf(document, '128MB', 2));
    assert.match(
      text,
      /^\*\*Error: Resource request or limit that is not a Kubernetes quantity\*\* `resources-invalid-quantity`$/m,
    );
    assert.match(text, /^\*\*Why it matters:\*\* /m);
    assert.match(text, /^\*\*What to do:\*\* /m);
    assert.ok(
      text.includes(`[Rule \`resources-invalid-quantity\`](${RULES_DOC}#resources-invalid-quantity)`),
    );
  });

  it('hovers over probe fields with the effective probe and its timeline', async () => {
    const { document } = await openFixture('lint/web-deployment.yaml');
    const text = await hoverText(document, positionOf(document, 'initialDelaySeconds: 10', 2));
    assert.ok(text.startsWith('**Liveness probe** of container "web": `GET :http/healthz`'), text);
    assert.ok(text.includes('| initialDelaySeconds | 10 s |'), text);
    assert.ok(text.includes('| periodSeconds | 10 s *(default)* |'), text);
    assert.ok(text.includes('- ready from 5 s at the earliest'), text);
    assert.ok(text.includes('- killed after 40 s if never healthy (by the liveness probe'), text);
  });

  it('hovers over quantities with the normalized value, request against limit, and QoS class', async () => {
    const { document } = await openFixture('lint/web-deployment.yaml');
    const memory = await hoverText(document, positionOf(document, 'memory: 512Mi', 'memory: '.length + 1));
    assert.equal(
      memory,
      [
        '**memory request** of container "web"',
        '',
        '`512Mi` = 536,870,912 bytes (512 MiB)',
        '',
        'Request `512Mi` · limit `512Mi` (equal)',
        '',
        'Pod QoS class: **Burstable**: requests or limits are set, but not equal limits for every container; evicted after BestEffort pods.',
      ].join('\n'),
    );
    const cpu = await hoverText(document, positionOf(document, 'cpu: 250m', 'cpu: '.length));
    assert.ok(cpu.includes('`250m` = 0.25 CPU (250m)'), cpu);
  });

  it("hovers over other fields with the API's type and description", async () => {
    const { document } = await openFixture('lint/web-deployment.yaml');
    const text = await hoverText(document, positionOf(document, 'replicas', 1));
    assert.equal(
      text,
      '**replicas** · `integer`\n\nNumber of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.',
    );
  });

  it('puts a CodeLens above each container, and its click shows the first problem', async () => {
    const { document } = await openFixture('lint/web-deployment.yaml');
    await waitForDiagnostics(document.uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
      10,
    );
    const ours = lenses.filter((l) => l.command?.title.includes(' · '));
    assert.deepEqual(
      ours.map((l) => [l.range.start.line + 1, l.command?.title]),
      [
        [19, 'Burstable · liveness kills after 40 s · ready from 5 s · no problems'],
        [40, 'Burstable · no probes · 1 problem'],
      ],
    );
    const click = ours[1]?.command;
    assert.equal(click?.command, 'podDoctor.showProblemsForContainer');
    await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
    const editor = await waitFor(() => vscode.window.activeTextEditor, 5000, 'an active editor');
    assert.equal(editor.document.uri.toString(), document.uri.toString());
    assert.deepEqual([editor.selection.active.line + 1, editor.selection.active.character + 1], [48, 23]);
  });

  it('refreshes CodeLens after an edit', async () => {
    const { document, editor } = await openFixture('lint/web-deployment.yaml');
    await waitForDiagnostics(document.uri);
    const at = positionOf(document, '128MB');
    await editor.edit((edit) => edit.replace(new vscode.Range(at, at.translate(0, 5)), '128Mi'));
    await waitForDiagnostics(document.uri, (d) => d.length === 0);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      document.uri,
      10,
    );
    assert.deepEqual(
      lenses.filter((l) => l.command?.title.includes(' · ')).map((l) => l.command?.title),
      [
        'Burstable · liveness kills after 40 s · ready from 5 s · no problems',
        'Burstable · no probes · no problems',
      ],
    );
    await revertAndClose();
  });

  it('applies podDoctor.lint.rules live: a rule turned off goes quiet, a severity changes', async () => {
    const { document } = await openFixture('lint/beginner-pod.yaml');
    await waitForDiagnostics(document.uri, (d) => d.length >= 4);
    const restore = await setSetting('podDoctor.lint', 'rules', {
      'resources-memory-limit-missing': 'off',
      'schema-kind-case': 'warning',
    });
    try {
      const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length === 3);
      assert.deepEqual(where(diagnostics), [
        '2:7 schema-kind-case',
        '7:7 image-missing',
        '8:7 schema-unknown-field',
      ]);
      assert.equal(diagnostics[0]?.severity, vscode.DiagnosticSeverity.Warning);
    } finally {
      await restore();
    }
    await waitForDiagnostics(document.uri, (d) => d.length === 4);
  });

  it('clears everything when podDoctor.lint.enable is false, and lints again when it is back', async () => {
    const { document } = await openFixture('lint/beginner-pod.yaml');
    await waitForDiagnostics(document.uri, (d) => d.length >= 4);
    const restore = await setSetting('podDoctor.lint', 'enable', false);
    try {
      await waitForDiagnostics(document.uri, (d) => d.length === 0);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      assert.deepEqual(
        lenses.filter((l) => l.command?.title.includes(' · ')),
        [],
      );
    } finally {
      await restore();
    }
    await waitForDiagnostics(document.uri, (d) => d.length >= 4);
  });

  it('lints an untitled YAML document and clears it when closed', async () => {
    const source = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(
        vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'),
        'lint',
        'beginner-pod.yaml',
      ),
    );
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: source.getText() });
    await vscode.window.showTextDocument(document);
    assert.equal(document.uri.scheme, 'untitled');
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length >= 4);
    assert.equal(where(diagnostics)[0], '2:7 schema-kind-case');
    await revertAndClose();
    await waitForDiagnostics(document.uri, (d) => d.length === 0);
  });
});
