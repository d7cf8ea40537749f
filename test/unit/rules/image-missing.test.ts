import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';

const RULE = 'image-missing';
const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/manifests', name), 'utf8');
const findings = (text: string): Finding[] =>
  lintText(text, { throwOnRuleError: true }).findings.filter((f) => f.ruleId === RULE);

describe(RULE, () => {
  it('fires for the beginner pod (kind: pod, "images:" typo) at the container\'s name key', () => {
    const text = fixture('realistic/beginner-pod.yaml');
    const [finding, ...rest] = findings(text);
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.equal(finding.severity, 'error');
    assert.deepEqual(
      [finding.start, finding.end],
      [
        { line: 6, character: 6 },
        { line: 6, character: 10 },
      ],
    );
    assert.equal(
      finding.message,
      'The container "web" has no image, so the API server rejects the pod (spec.containers[0].image: Required value). The key "images" looks like a misspelling of "image".',
    );
  });

  it('reports on the first key of a workload container and says every pod is rejected', () => {
    const text = fixture('images/missing-image.job.yaml');
    const found = findings(text);
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, text.slice(f.range.start, f.range.end)]),
      [
        [9, 10, 'name'],
        [11, 10, 'imagePullPolicy'],
      ],
    );
    assert.equal(
      found[0]?.message,
      'The container "migrate" has no image: the API server accepts the Job but rejects every pod it creates, so none ever runs. Add image: with the image to run.',
    );
    assert.match(found[1]?.message ?? '', /The key "imag" looks like a misspelling of "image"\.$/);
  });

  it('covers init and ephemeral containers, and an empty image: key', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: setup
      image:
  containers:
    - name: web
      image: nginx:1.27
  ephemeralContainers:
    - name: debugger
      stdin: true
`;
    assert.deepEqual(
      findings(text).map((f) => [f.start.line, f.message.split(',')[0]]),
      [
        [6, 'The init container "setup" has no image'],
        [12, 'The ephemeral container "debugger" has no image'],
      ],
    );
  });

  it('is silent when every container has an image', () => {
    assert.deepEqual(findings(fixture('resources/well-sized.deployment.yaml')), []);
    assert.deepEqual(findings(fixture('images/latest-and-untagged.deployment.yaml')), []);
  });
});
