import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findKubectl } from '../../kubectl';
import {
  activateExtension,
  closeAllEditors,
  describeDiagnostics,
  extension,
  fixtureUri,
  openFixture,
  waitForDiagnostics,
} from './helpers';

const SHOP = 'kustomize-shop';
const ABSENCE = [
  'schema-required',
  'image-missing',
  'resources-memory-limit-missing',
  'probe-missing-readiness',
];

function hasKustomize(): boolean {
  const kubectl = findKubectl();
  return (
    kubectl !== undefined && spawnSync(kubectl, ['kustomize', '--help'], { encoding: 'utf8' }).status === 0
  );
}

function codes(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
}

/** `pod-doctor lint . --format json` in the repository, as CI would run it (without blocking the host). */
async function cliFindings(file: string): Promise<string[]> {
  const cli = path.join(extension().extensionPath, 'dist', 'cli.js');
  const stdout = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      [cli, 'lint', '.', '--format', 'json'],
      { cwd: fixtureUri(SHOP).fsPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
      (_error, out) => resolve(out),
    );
  });
  const rows = JSON.parse(stdout) as { file: string; line: number; column: number; ruleId: string }[];
  return rows.filter((r) => r.file === file).map((r) => `${r.line}:${r.column} ${r.ruleId}`);
}

describe('Kustomize overlays in the editor', function () {
  this.timeout(60_000);
  before(async function () {
    if (!hasKustomize()) {
      console.log('kubectl (with Kustomize) is not on PATH: skipping the rendered-overlay tests');
      this.skip();
    }
    await activateExtension();
  });
  afterEach(closeAllEditors);

  it('shows the rendered overlay’s findings on the patch line, no missing-field errors, and the same as the CLI', async () => {
    const { document } = await openFixture(`${SHOP}/overlays/prod/resources.yaml`);
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => x.relatedInformation?.length === 2),
      30_000,
    );
    assert.equal(describeDiagnostics(diagnostics), '13:23 resources-request-exceeds-limit');
    assert.match(
      diagnostics[0]!.message,
      /requests 512Mi of memory but its limit is 256Mi.*\(via .*overlays\/prod/,
    );
    assert.equal(diagnostics[0]!.relatedInformation?.length, 2, 'rendered through prod and canary');
    assert.deepEqual(
      describeDiagnostics(diagnostics).split(', '),
      await cliFindings('overlays/prod/resources.yaml'),
    );
  });

  it('puts a finding about something absent on the base’s kind: line, as the CLI does', async () => {
    const { document } = await openFixture(`${SHOP}/base/deployment.yaml`);
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (d) => codes(d).includes('resources-memory-limit-missing'),
      30_000,
    );
    assert.deepEqual(describeDiagnostics(diagnostics).split(', '), await cliFindings('base/deployment.yaml'));
    assert.equal(describeDiagnostics(diagnostics), '2:1 resources-memory-limit-missing');
  });

  it('lints an unsaved patch as a partial object while typing', async () => {
    const { document, editor } = await openFixture(`${SHOP}/overlays/staging/probes.yaml`);
    await waitForDiagnostics(document.uri, (d) => codes(d).includes('probe-too-aggressive'), 30_000);
    const offset = document.getText().indexOf('512m');
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(document.positionAt(offset), document.positionAt(offset + 4)), '512 Mi'),
    );
    const diagnostics = await waitForDiagnostics(document.uri, (d) =>
      codes(d).includes('resources-invalid-quantity'),
    );
    assert.ok(document.isDirty);
    assert.deepEqual(
      codes(diagnostics).filter((c) => ABSENCE.includes(c)),
      [],
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
