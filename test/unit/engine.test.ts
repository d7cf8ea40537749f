import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lintParsed, lintText } from '../../src/core/lint/engine';
import { parseManifests } from '../../src/core/manifest/parse';
import { createRegistry } from '../../src/core/lint/registry';
import type { Rule } from '../../src/core/lint/types';
import { readManifest } from './helpers';

/** A rule that flags every container image, to test the engine without depending on real rules. */
const flagImages: Rule = {
  id: 'test-flag-image',
  severity: 'warning',
  title: 'flags images',
  rationale: 'test rule',
  remediation: 'none',
  check(ctx) {
    for (const template of ctx.templates) {
      for (const c of template.containers) {
        ctx.report({ path: [...c.path, 'image'], message: `image of ${c.name}` });
        ctx.report({ path: [...c.path, 'nothere', 'deeper'], on: 'key', message: `nearest of ${c.name}` });
      }
    }
  },
};
const throwing: Rule = {
  ...flagImages,
  id: 'test-throws',
  check: () => {
    throw new Error('boom');
  },
};
const registry = createRegistry([flagImages, throwing]);

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      # pod-doctor-disable-next-line test-other-rule
      image: nginx:1.27
    - name: sidecar
      # pod-doctor-disable-next-line test-flag-image
      image: busybox:1.36
`;

describe('lint engine', () => {
  it('resolves paths to ranges, falls back to the nearest ancestor, and honours disable comments', () => {
    const result = lintText(pod, { registry });
    assert.equal(result.objects, 1);
    const images = result.findings.filter((f) => f.message.startsWith('image of'));
    assert.deepEqual(
      images.map((f) => [f.message, f.start.line, f.start.character, f.end.character, f.severity]),
      [['image of web', 8, 13, 23, 'warning']],
    );
    const nearest = result.findings.find((f) => f.message === 'nearest of web');
    assert.deepEqual(nearest && [nearest.start.line, nearest.start.character], [6, 6]);
  });

  it('applies severity overrides and turns rules off', () => {
    const raised = lintText(pod, { registry, rules: { 'test-flag-image': 'error' } });
    assert.ok(raised.findings.every((f) => f.severity === 'error'));
    assert.deepEqual(lintText(pod, { registry, rules: { 'test-flag-image': 'off' } }).findings, []);
  });

  it('skips a failing rule by default and rethrows when asked', () => {
    assert.ok(lintText(pod, { registry }).findings.length > 0);
    assert.throws(() => lintText(pod, { registry, throwOnRuleError: true }), /boom/);
  });

  it('ignores YAML that holds no Kubernetes object', () => {
    const compose = 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n';
    const workflow = 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n';
    assert.deepEqual(lintText(compose, { registry }), { findings: [], objects: 0 });
    assert.deepEqual(lintText(workflow, { registry }), { findings: [], objects: 0 });
  });
});

describe('lint engine memory', () => {
  // The values the rules share per document (containers, probes, quantities, schema issues) must
  // not outlive the lint: a document's values hold substrings of its file, and would keep the
  // whole file's text alive in the editor's extension host.
  it('keeps no document of a finished lint alive', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const values = lintAndForget(
      ['realistic/beginner-mistakes.pod.yaml', 'realistic/checkout.deployment.yaml']
        .map(readManifest)
        .join('---\n'),
    );
    assert.ok(values.length > 1);
    // Weak references are kept until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    assert.deepEqual(
      values.map((value) => value.deref() === undefined),
      values.map(() => true),
    );
  });
});

/** Lints the text and returns weak references to its documents' values (nothing else survives the call). */
function lintAndForget(text: string): Array<WeakRef<object>> {
  const file = parseManifests(text);
  const values: Array<WeakRef<object>> = [];
  for (const document of file.documents) {
    if (typeof document.value === 'object' && document.value !== null)
      values.push(new WeakRef(document.value));
  }
  assert.ok(lintParsed(file).findings.length > 0);
  return values;
}
