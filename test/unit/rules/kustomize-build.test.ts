import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFailureFinding, kustomizeMessage, parseKustomization } from '../../../src/core/kustomize';
import { findKustomize, renderKustomization } from '../../../src/node/kustomize';
import { hasKustomize, SKIP_MESSAGE } from '../kustomize/kubectl';

const BROKEN = join(__dirname, '../../fixtures/kustomize/shop/overlays/broken');

describe('kustomize-build', () => {
  it('keeps Kustomize’s message and drops kubectl’s logger prefix and deprecation warnings', () => {
    const quoted =
      "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead.\n" +
      'E1207 02:19:20.262238   10833 run.go:72] "command failed" err="accumulating resources: accumulation err=\'accumulating resources from \'../../bsae\': must resolve to a file\'"\n';
    assert.equal(
      kustomizeMessage(quoted),
      "accumulating resources: accumulation err='accumulating resources from '../../bsae': must resolve to a file'",
    );
    const block =
      'E1207 02:29:24.232027   29284 run.go:72] "command failed" err=<\n\ttrouble configuring builtin PatchTransformer with config: `\n\tpath: replicas.yaml\n\t`: failed to get the patch file from path(replicas.yaml): no such file or directory\n >\n';
    assert.equal(
      kustomizeMessage(block),
      'trouble configuring builtin PatchTransformer with config:`path: replicas.yaml`: failed to get the patch file from path(replicas.yaml): no such file or directory',
    );
    assert.equal(
      kustomizeMessage('Error: missing metadata.name in object {{v1 ConfigMap} {{ } map[] map[]}}\n'),
      'missing metadata.name in object {{v1 ConfigMap} {{ } map[] map[]}}',
    );
  });

  it('points at the entry the message names, else the first line, and honours the severity setting', () => {
    const text =
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../bsae\n';
    const kustomization = parseKustomization('/repo/overlays/dev/kustomization.yaml', text);
    const named = buildFailureFinding(
      kustomization,
      "accumulating resources from '../../bsae': must resolve to a file",
    )!;
    assert.equal(named.ruleId, 'kustomize-build');
    assert.equal(named.severity, 'error');
    assert.deepEqual(named.start, { line: 3, character: 4 });
    const unnamed = buildFailureFinding(kustomization, 'something else went wrong')!;
    assert.deepEqual(unnamed.start, { line: 0, character: 0 });
    assert.equal(buildFailureFinding(kustomization, 'x', { 'kustomize-build': 'off' }), undefined);
    assert.equal(
      buildFailureFinding(kustomization, 'x', { 'kustomize-build': 'warning' })?.severity,
      'warning',
    );
  });

  it('fires on a kustomization whose patch file is missing (real Kustomize)', async function () {
    this.timeout(30_000);
    if (!hasKustomize()) {
      console.log(`      ${SKIP_MESSAGE}`);
      this.skip();
    }
    const runner = await findKustomize();
    assert.ok(runner);
    const outcome = await renderKustomization(runner, BROKEN);
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    const file = join(BROKEN, 'kustomization.yaml');
    const finding = buildFailureFinding(
      parseKustomization(file, readFileSync(file, 'utf8')),
      outcome.message,
    )!;
    assert.match(finding.message, /failed to get the patch file from path\(replicas\.yaml\)/);
    assert.equal(finding.start.line, 5);
  });
});
