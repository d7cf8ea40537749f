import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openFixture, setSetting, waitForDiagnostics } from './helpers';

// Stand-ins loaded by run.mjs: test/integration/yaml-extension-standin (id redhat.vscode-yaml) and
// test/integration/kubernetes-extension-standin. They declare the ids; they validate nothing.
const YAML_ID = 'redhat.vscode-yaml';
const KUBERNETES_ID = 'ms-kubernetes-tools.vscode-kubernetes-tools';

const codes = (diagnostics: readonly vscode.Diagnostic[]): string[] =>
  diagnostics.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
const has = (code: string) => (d: readonly vscode.Diagnostic[]) => codes(d).includes(code);
const lacks = (code: string) => (d: readonly vscode.Diagnostic[]) => d.length > 0 && !codes(d).includes(code);

function standIn(id: string): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(id);
  assert.ok(extension, `the stand-in ${id} is not loaded; see test/integration/run.mjs`);
  return extension;
}

describe('podDoctor.lint.schema with the YAML extensions (stand-ins)', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAllEditors);

  it('auto leaves wrong types to the YAML extension only when a Kubernetes schema applies; unknown fields stay ours', async () => {
    const { document } = await openFixture('pods/web-mistakes.yaml');
    // The YAML extension is not active: ours, whatever else is.
    assert.equal(standIn(YAML_ID).isActive, false, 'the YAML stand-in must start inactive');
    const ours = await waitForDiagnostics(document.uri, has('schema-type'));
    assert.ok(codes(ours).includes('schema-unknown-field'), codes(ours).join(', '));
    // Another suite may have activated the Kubernetes stand-in already (activation cannot be undone).
    const kubernetesFirst = !standIn(KUBERNETES_ID).isActive;
    await standIn(YAML_ID).activate();
    const nudge = async (): Promise<void> => (await setSetting('podDoctor.lint', 'schema', 'on'))();

    if (kubernetesFirst) {
      // The YAML extension alone validates nothing against Kubernetes: still ours.
      await nudge();
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
      await standIn(KUBERNETES_ID).activate();
    }

    // The Kubernetes extension active: a Kubernetes schema applies to every manifest.
    const restoreOn = await setSetting('podDoctor.lint', 'schema', 'on');
    await waitForDiagnostics(document.uri, has('schema-type'));
    await restoreOn();
    const auto = await waitForDiagnostics(document.uri, lacks('schema-type'));
    assert.ok(codes(auto).includes('schema-unknown-field'), codes(auto).join(', '));
    assert.ok(!codes(auto).includes('schema-required'), codes(auto).join(', '));
    const restoreOff = await setSetting('podDoctor.lint', 'schema', 'off');
    await restoreOff();
  });
});
