import assert from 'node:assert/strict';
import { applyFix, findingsOfRule, manifestsIn, nginxPod } from '../helpers';

const RULE = 'resources-request-exceeds-limit';
const fixture = manifestsIn('resources');
const findings = findingsOfRule(RULE);

describe(RULE, () => {
  const text = fixture('request-exceeds-limit.deployment.yaml');

  it('reports every resource whose request exceeds its limit, on the request value', () => {
    const found = findings(text);
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, text.slice(f.range.start, f.range.end)]),
      [
        [22, 33, '"2Gi"'],
        [33, 22, '2Gi'],
        [34, 30, '2'],
      ],
    );
    assert.ok(found.every((f) => f.severity === 'error'));
  });

  it('says what the API server does and what to change', () => {
    assert.equal(
      findings(text)[1]?.message,
      'The container "checkout" requests 2Gi of memory but its limit is 1536Mi; a request may not exceed its limit, so the API server rejects the pod. Lower the request to 1536Mi or less, or raise the limit.',
    );
    assert.match(
      findings(text)[0]?.message ?? '',
      /^The init container "warm-cache" requests 2Gi of ephemeral-storage but its limit is 1Gi;/,
    );
  });

  it('quick fix sets the request to the limit as the limit is written', () => {
    const [storage, memory] = findings(text);
    assert.equal(memory?.fix?.title, 'Set the memory request to the limit (1536Mi)');
    const fixed = applyFix(text, memory?.fix);
    assert.match(fixed, /requests:\n {14}cpu: 750m\n {14}memory: 1536Mi\n/);
    assert.equal(findings(fixed).length, 2);
    assert.match(applyFix(text, storage?.fix), /requests:\n {14}ephemeral-storage: 1Gi\n/);
  });

  it('compares values, not spellings: 0.5 vs 500m, 1Gi vs 1024Mi, 1G vs 1Gi', () => {
    const pod = (requests: string, limits: string) =>
      nginxPod('resources:', `  requests: {${requests}}`, `  limits: {${limits}}`);
    assert.deepEqual(findings(pod('cpu: "0.5", memory: 1024Mi', 'cpu: 500m, memory: 1Gi')), []);
    assert.deepEqual(findings(pod('memory: 1G', 'memory: 1Gi')), []);
    assert.equal(findings(pod('memory: 1Gi', 'memory: 1G')).length, 1);
    assert.equal(findings(pod('cpu: 1001m', 'cpu: 1')).length, 1);
  });

  it('stays silent for requests without limits, invalid quantities and Helm values', () => {
    const pod = nginxPod(
      'resources:',
      '  requests:',
      '    cpu: "4"',
      '    memory: "{{ .Values.memory }}"',
      '    ephemeral-storage: 2GB',
      '  limits:',
      '    memory: 1Gi',
      '    ephemeral-storage: 1Gi',
    );
    assert.deepEqual(findings(pod), []);
  });

  it('is silent for the well-sized storefront (requests at or below limits)', () => {
    assert.deepEqual(findings(fixture('well-sized.deployment.yaml')), []);
  });
});
