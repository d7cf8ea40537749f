import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  describeDiagnostics,
  extension,
  fixtureUri,
  openFixture,
  waitForDiagnostics,
} from './helpers';

interface CliRow {
  line: number;
  column: number;
  ruleId: string;
  severity: string;
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];

/** `line:column rule severity` of each diagnostic (1-based), sorted. */
function rows(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .map((d) => {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      return `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(code)} ${SEVERITY[d.severity]}`;
    })
    .sort();
}

/** The same file linted by the CLI that ships with the extension, from the workspace folder. */
function cliRows(relPath: string): string[] {
  const cli = join(extension().extensionPath, 'dist', 'cli.js');
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [cli, 'lint', relPath, '--format', 'json'], {
      cwd: fixtureUri('.').fsPath,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
  } catch (error) {
    // Exit code 1 means error-severity findings; the JSON is on stdout all the same.
    stdout = String((error as { stdout?: unknown }).stdout ?? '');
  }
  return (JSON.parse(stdout) as CliRow[])
    .map((r) => `${r.line}:${r.column} ${r.ruleId} ${r.severity}`)
    .sort();
}

describe('.pod-doctor.yaml in the editor', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAllEditors);

  it('gives the same findings as the CLI for the same config: levels, overrides, kubernetesVersion', async () => {
    for (const file of ['configured/app.yaml', 'configured/jobs/backup.yaml']) {
      const { document } = await openFixture(file);
      const expected = cliRows(file);
      assert.ok(expected.length >= 2, `the CLI found ${expected.join(', ')}`);
      const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length === expected.length);
      assert.deepEqual(rows(diagnostics), expected, file);
    }
    // The config's levels are visible: warning for the latest tag, error for the milli memory, and
    // the PodDisruptionBudget's removed API is a warning on the configured Kubernetes 1.24.
    const app = rows(vscode.languages.getDiagnostics(fixtureUri('configured/app.yaml')));
    assert.ok(app.includes('8:14 image-latest-tag warning'), app.join(', '));
    assert.ok(app.includes('13:19 resources-memory-unit error'), app.join(', '));
    assert.ok(app.includes('15:13 schema-api-version warning'), app.join(', '));
  });

  it('does not lint a file the config ignores', async () => {
    const ignored = await openFixture('configured/generated/out.yaml');
    // Diagnostics are published in the order documents open: once app.yaml has its, out.yaml was done.
    const { document } = await openFixture('configured/app.yaml');
    await waitForDiagnostics(document.uri);
    assert.equal(describeDiagnostics(vscode.languages.getDiagnostics(ignored.document.uri)), 'none');
  });

  it('reports config mistakes at their line as you type, and hovers explain the keys', async () => {
    const { document, editor } = await openFixture('configured/.pod-doctor.yaml');
    await editor.edit((edit) => edit.insert(new vscode.Position(2, 0), '  image-latest-tags: off\n'));
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length === 1);
    assert.equal(diagnostics[0]?.range.start.line, 2);
    assert.equal(
      diagnostics[0]?.message,
      'Unknown rule "image-latest-tags" (did you mean "image-latest-tag"?); run `pod-doctor rules` for the list.',
    );
    const offset = document.getText().indexOf('kubernetesVersion');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      document.positionAt(offset + 3),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /The Kubernetes version of the clusters you deploy to/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('lints again when the config file changes on disk', async () => {
    const configPath = fixtureUri('configured/.pod-doctor.yaml').fsPath;
    const original = readFileSync(configPath, 'utf8');
    const { document } = await openFixture('configured/app.yaml');
    await waitForDiagnostics(document.uri, (d) => rows(d).includes('8:14 image-latest-tag warning'));
    try {
      writeFileSync(configPath, original.replace('image-latest-tag: warning', 'image-latest-tag: off'));
      await waitForDiagnostics(
        document.uri,
        (d) => d.length > 0 && !rows(d).some((r) => r.includes('image-latest-tag')),
        10_000,
      );
    } finally {
      writeFileSync(configPath, original);
    }
    await waitForDiagnostics(document.uri, (d) => rows(d).includes('8:14 image-latest-tag warning'), 10_000);
  });

  it('renders a Helm chart with helm (the stand-in at helm.bin) and reports on the template lines', async () => {
    const fixtures = join(extension().extensionPath, 'test', 'fixtures', 'helm');
    const folder = fixtureUri('helm-chart').fsPath;
    cpSync(join(fixtures, 'charts', 'web'), join(folder, 'web'), { recursive: true });
    writeFileSync(join(folder, '.pod-doctor.yaml'), `helm:\n  bin: ${join(fixtures, 'bin', 'helm')}\n`);
    const { document } = await openFixture('helm-chart/web/templates/deployment.yaml');
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (d) => d.length === 3 && !rows(d).some((r) => r.includes('yaml-syntax')),
      15_000,
    );
    assert.deepEqual(rows(diagnostics), [
      '19:11 image-latest-tag info',
      '28:13 probe-timeout-exceeds-period warning',
      '29:11 resources-request-exceeds-limit error',
    ]);
    assert.match(
      diagnostics.find((d) => d.range.start.line === 28)?.message ?? '',
      /\(value from \.Values\.resources\.requests\.memory\)$/,
    );
  });
});
