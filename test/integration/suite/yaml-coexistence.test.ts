import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openFixture, setSetting, waitForDiagnostics } from './helpers';

// Runs last (file order): it activates the stand-ins for Red Hat's YAML and the Kubernetes extensions
// (test/integration/stand-ins, loaded by run.mjs), and they stay active for the rest of the run.
const codes = (diagnostics: readonly vscode.Diagnostic[]): string[] =>
  diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));

async function activate(id: string): Promise<void> {
  const stand = vscode.extensions.getExtension(id);
  assert.ok(stand, `the stand-in ${id} is not loaded; see test/integration/run.mjs`);
  await stand.activate();
}

describe('podDoctor.lint.schema with the YAML extensions (stand-ins)', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAllEditors);

  it('auto leaves wrong types to the YAML extension only when a Kubernetes schema applies; unknown fields stay ours', async () => {
    const { document } = await openFixture('pods/web-mistakes.yaml');
    const has = (code: string) => (d: readonly vscode.Diagnostic[]) => codes(d).includes(code);
    const lacks = (code: string) => (d: readonly vscode.Diagnostic[]) =>
      d.length > 0 && !codes(d).includes(code);
    // Nothing else active: ours.
    const before = await waitForDiagnostics(document.uri, has('schema-type'));
    assert.ok(codes(before).includes('schema-unknown-field'), codes(before).join(', '));

    // The YAML extension alone validates nothing against Kubernetes: still ours.
    await activate('redhat.vscode-yaml');
    const restoreSchema = await setSetting('podDoctor.lint', 'schema', 'on');
    await restoreSchema();
    await waitForDiagnostics(document.uri, has('schema-type'));

    // yaml.schemas maps the file to kubernetes: the YAML extension reports types, we do not.
    const restoreMapping = await setSetting('yaml', 'schemas', { kubernetes: ['pods/*.yaml'] });
    try {
      const mapped = await waitForDiagnostics(document.uri, lacks('schema-type'));
      assert.ok(codes(mapped).includes('schema-unknown-field'), codes(mapped).join(', '));
    } finally {
      await restoreMapping();
    }
    await waitForDiagnostics(document.uri, has('schema-type'));

    // The Kubernetes extension active: a Kubernetes schema applies to every manifest.
    await activate('ms-kubernetes-tools.vscode-kubernetes-tools');
    const restoreOn = await setSetting('podDoctor.lint', 'schema', 'on');
    await waitForDiagnostics(document.uri, has('schema-type'));
    await restoreOn();
    const auto = await waitForDiagnostics(document.uri, lacks('schema-type'));
    assert.ok(codes(auto).includes('schema-unknown-field'), codes(auto).join(', '));
    assert.ok(!codes(auto).includes('schema-required'), codes(auto).join(', '));
  });
});
