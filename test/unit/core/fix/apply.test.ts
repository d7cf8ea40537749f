import assert from 'node:assert/strict';
import { applyEdits, editsFit, planFix } from '../../../../src/core/fix';
import type { TextEdit } from '../../../../src/core/lint/types';
import { parseManifests } from '../../../../src/core/manifest/parse';

const edit = (start: number, end: number, newText: string): TextEdit => ({ range: { start, end }, newText });

describe('applyEdits (the text a fix preview shows)', () => {
  it('applies edits in any order, each at the offsets of the original text', () => {
    const text = 'a: 1\nb: 2\nc: 3\n';
    // Given out of order, and one of them changes the length before the other.
    const edits = [edit(13, 14, '30'), edit(3, 4, '100'), edit(10, 10, '# b\n')];
    assert.equal(applyEdits(text, edits), 'a: 100\nb: 2\n# b\nc: 30\n');
    assert.equal(applyEdits(text, []), text);
  });

  it('gives the manifest with a planned fix applied, keeping every other line (CRLF too)', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: checkout # the shop',
      'spec:',
      '  containers:',
      '    - name: checkout',
      '      image: shop/checkout:4.2.0',
      '      resources:',
      '        limits:',
      '          memory: "512Mi" # too small',
      '',
    ].join('\r\n');
    const file = parseManifests(text);
    const [document] = file.documents;
    assert.ok(document);
    const plan = planFix(file, document, {
      specPath: 'spec.containers[checkout].resources.limits.memory',
      value: '1408Mi',
    });
    assert.ok(plan.ok, plan.ok ? '' : plan.reason);
    assert.ok(editsFit(text, plan.edits));
    assert.equal(applyEdits(text, plan.edits), text.replace('"512Mi"', '"1408Mi"'));
  });
});

describe('editsFit (checks edits handed to the Apply fix command)', () => {
  it('accepts ranges inside the text and refuses others', () => {
    const text = 'abc';
    assert.equal(editsFit(text, [edit(0, 3, 'x'), edit(3, 3, 'y')]), true);
    assert.equal(editsFit(text, [edit(2, 4, 'x')]), false, 'past the end');
    assert.equal(editsFit(text, [edit(-1, 1, 'x')]), false, 'before the start');
    assert.equal(editsFit(text, [edit(2, 1, 'x')]), false, 'reversed');
    assert.equal(editsFit(text, [edit(0.5, 1, 'x')]), false, 'not a whole offset');
    assert.equal(editsFit(text, [edit(Number.NaN, 1, 'x')]), false);
  });
});
