import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/engine';
import { applyFix, findingsOfRule, manifestsIn } from '../helpers';

const fixture = manifestsIn('schema');
const findings = findingsOfRule('schema-kind-case');

describe('schema-kind-case', () => {
  it('flags the beginner manifest: `kind: pod` on line 2, and the unknown `images` on line 8', () => {
    const text = fixture('beginner-mistakes.pod.yaml');
    const all = lintText(text, { throwOnRuleError: true }).findings;
    const kind = all.find((f) => f.ruleId === 'schema-kind-case');
    const unknown = all.find((f) => f.ruleId === 'schema-unknown-field');
    assert.deepEqual([kind?.start.line, kind?.start.character], [1, 6]);
    assert.equal(
      kind?.message,
      'Kind "pod" must be spelled "Pod": kinds are case-sensitive, and kubectl apply fails with "no matches for kind".',
    );
    assert.deepEqual([unknown?.start.line, unknown?.start.character], [7, 6]);
    assert.equal(
      unknown?.message,
      'Unknown field "images" in container "web"; did you mean "image"? kubectl apply rejects the object.',
    );
    assert.equal(text.slice(unknown?.range.start, unknown?.range.end), 'images');
  });

  it('fixes the spelling, after which the kind is clean', () => {
    const text = fixture('beginner-mistakes.pod.yaml');
    const fixed = applyFix(text, findings(text)[0]?.fix);
    assert.match(fixed, /^kind: Pod$/m);
    assert.deepEqual(findings(fixed), []);
  });

  it('knows every workload kind, in any case', () => {
    const text =
      'apiVersion: apps/v1\nkind: STATEFULSET\nmetadata:\n  name: db\n---\napiVersion: batch/v1\nkind: cronjob\nmetadata:\n  name: nightly\n';
    const found = findings(text);
    assert.deepEqual(
      found.map((f) => [f.start.line, f.suggestions?.[0]]),
      [
        [1, 'StatefulSet'],
        [6, 'CronJob'],
      ],
    );
    assert.equal(applyFix(text, found[1]?.fix).split('\n')[6], 'kind: CronJob');
  });

  it('is silent for correct kinds, unknown kinds and custom resources', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Widget\n---\napiVersion: example.com/v1\nkind: pod\n';
    assert.deepEqual(findings(text), []);
  });
});
