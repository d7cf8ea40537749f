import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cutAtDocuments, lintTexts, useRules } from '../../../src/cli/parallel';
import { lintText } from '../../../src/core/lint/engine';

const dir = join(__dirname, '..', '..', 'fixtures', 'manifests', 'realistic');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));

function manifests(copies: number): string {
  const docs: string[] = [];
  for (let i = 0; i < copies; i++) {
    docs.push(
      fixtures[i % fixtures.length]!.replace(/^( {2}name: )([a-z][a-z0-9-]*)$/gm, `$1$2-${i}`).trimEnd(),
    );
  }
  return `${docs.join('\n---\n')}\n`;
}

const summary = (
  findings: ReadonlyArray<{ ruleId: string; start: object; end: object; range: object; message: string }>,
) => findings.map((f) => JSON.stringify([f.ruleId, f.start, f.end, f.range, f.message])).sort();

describe('parallel lint (CLI)', function () {
  this.timeout(120_000);

  it('cuts only at document starts, into pieces of about the target size', () => {
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    assert.deepEqual(cutAtDocuments(text, 5), [
      [0, 5],
      [5, 14],
      [14, 23],
    ]);
    assert.deepEqual(cutAtDocuments(text, 1000), [[0, 23]]);
  });

  it('finds exactly what a single-threaded lint finds, at the same positions, in large files', async () => {
    const big = manifests(3000);
    const small = manifests(5);
    assert.ok(big.length > 2 * 1024 * 1024, 'the input must be large enough to use workers');
    process.env['POD_DOCTOR_LINT_THREADS'] = '2';
    useRules({ 'image-latest-tag': 'warning' });
    const [parallelBig, parallelSmall] = await lintTexts([big, small], { 'image-latest-tag': 'warning' });
    const sequentialBig = lintText(big, { rules: { 'image-latest-tag': 'warning' } });
    assert.equal(parallelBig?.objects, sequentialBig.objects);
    assert.ok(sequentialBig.findings.length > 100);
    assert.deepEqual(summary(parallelBig!.findings), summary(sequentialBig.findings));
    assert.deepEqual(
      summary(parallelSmall!.findings),
      summary(lintText(small, { rules: { 'image-latest-tag': 'warning' } }).findings),
    );
    useRules({});
    delete process.env['POD_DOCTOR_LINT_THREADS'];
  });
});
