import assert from 'node:assert/strict';
import { findingsOfRule, readManifest } from '../helpers';

const RULE = 'image-missing';
const findings = findingsOfRule(RULE);

describe(RULE, () => {
  it('fires for the beginner pod (kind: pod, "images:" typo) at the container\'s name key', () => {
    const text = readManifest('realistic/beginner-mistakes.pod.yaml');
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

  it('reports on the first key of a workload container, naming the field the API server requires', () => {
    const text = readManifest('images/missing-image.job.yaml');
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
      'The container "migrate" has no image, so the API server rejects the Job (spec.template.spec.containers[0].image: Required value). Add image: with the image to run.',
    );
    assert.match(found[1]?.message ?? '', /The key "imag" looks like a misspelling of "image"\.$/);
  });

  it('covers init and ephemeral containers, an image: key without a value and an empty image', () => {
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
    - name: sidecar
      image: ""
  ephemeralContainers:
    - name: debugger
      stdin: true
`;
    assert.deepEqual(
      findings(text).map((f) => [f.start.line, f.message.split(',')[0]]),
      [
        [6, 'The init container "setup" has no image'],
        [12, 'The container "sidecar" has an empty image'],
        [14, 'The ephemeral container "debugger" has no image'],
      ],
    );
  });

  it('reports an empty image on its value', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ""\n';
    const [finding] = findings(text);
    assert.deepEqual(
      [finding?.start, finding?.end],
      [
        { line: 7, character: 13 },
        { line: 7, character: 15 },
      ],
    );
    assert.equal(
      finding?.message,
      'The container "web" has an empty image, so the API server rejects the pod (spec.containers[0].image: Required value). Add image: with the image to run.',
    );
  });

  it('is silent when every container has an image', () => {
    assert.deepEqual(findings(readManifest('resources/well-sized.deployment.yaml')), []);
    assert.deepEqual(findings(readManifest('images/latest-and-untagged.deployment.yaml')), []);
  });
});
