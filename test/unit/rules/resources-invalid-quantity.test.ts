import assert from 'node:assert/strict';
import { applyFix, findingsOfRule, manifestsIn, nginxPod } from '../helpers';

const RULE = 'resources-invalid-quantity';
const fixture = manifestsIn('resources');
const findings = findingsOfRule(RULE);

describe(RULE, () => {
  const text = fixture('invalid-quantities.pod.yaml');
  const found = findings(text);

  it('reports each value that is not a quantity, at the value', () => {
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, text.slice(f.range.start, f.range.end)]),
      [
        [10, 15, '"2 Gi"'],
        [11, 18, '1GB'],
        [12, 29, '500M B'],
        [14, 15, '1.5.0'],
        [15, 18, '1GiB'],
        [16, 29, '-1'],
        [17, 25, '""'],
      ],
    );
    assert.ok(found.every((f) => f.severity === 'error'));
  });

  it('explains the mistake with a did-you-mean', () => {
    assert.equal(
      found[1]?.message,
      'The memory request of container "reports" is not a Kubernetes quantity, so the API server rejects the pod: "1GB": "B" is not a Kubernetes unit; did you mean "1G" (10^9 bytes) or "1Gi" (2^30 bytes)?',
    );
    assert.deepEqual(found[1]?.suggestions, ['1G', '1Gi']);
    assert.equal(
      found[0]?.message,
      'The CPU request of container "reports" is not a Kubernetes quantity, so the API server rejects the pod: "2 Gi" has a space between the number and the unit; write "2Gi".',
    );
    assert.match(found[3]?.message ?? '', /"1\.5\.0" has more than one decimal point/);
    assert.equal(
      found[5]?.message,
      'The ephemeral-storage limit of container "reports" is -1, but resource quantities must be zero or more, so the API server rejects the pod. Remove the minus sign.',
    );
    assert.match(found[6]?.message ?? '', /The hugepages-2Mi limit .*: The quantity is empty;/);
  });

  it('offers a quick fix only when there is exactly one safe suggestion', () => {
    assert.deepEqual(
      found.map((f) => f.fix?.title),
      ['Replace with 2Gi', undefined, undefined, undefined, 'Replace with 1Gi', undefined, undefined],
    );
    const fixed = applyFix(applyFix(text, found[4]?.fix), found[0]?.fix);
    assert.match(fixed, /cpu: "2Gi"\n/);
    assert.match(fixed, /memory: 1Gi\n/);
    assert.equal(findings(fixed).length, 5);
  });

  it('accepts every spelling the API accepts', () => {
    const pod = nginxPod(
      'resources:',
      '  requests: {cpu: .5, memory: 1e9, ephemeral-storage: "+1Gi", hugepages-2Mi: 0}',
      '  limits: {cpu: 1.5, memory: 1.5Gi, ephemeral-storage: 12e6, example.com/foo: 1k}',
    );
    assert.deepEqual(findings(pod), []);
    assert.deepEqual(findings(fixture('well-sized.deployment.yaml')), []);
  });

  it('skips Helm template values', () => {
    const pod = nginxPod('resources:', '  limits:', '    memory: "{{ .Values.memory }}"');
    assert.deepEqual(findings(pod), []);
  });
});
