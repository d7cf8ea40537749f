import assert from 'node:assert/strict';
import { explanationExitCode } from '../../../src/core/diagnose';
import type { Diagnosis } from '../../../src/core/diagnose';
import {
  expectationNames,
  explainFixture,
  fixtureNames as names,
  loadExpectation,
  type Expectation,
} from './pod-fixtures';

function checkEvidence(d: Diagnosis, path: string, pattern: RegExp): void {
  const candidates = d.evidence.filter((e) => path === '' || e.path === path);
  assert.ok(
    candidates.some((e) => pattern.test(e.text)),
    `no evidence${path ? ` at ${path}` : ''} matching ${pattern}; got:\n${d.evidence.map((e) => `  ${e.path ?? ''} | ${e.text}`).join('\n')}`,
  );
}

const EXPECTED: Record<string, Expectation> = Object.fromEntries(
  names.flatMap((name) => {
    const e = loadExpectation(name);
    return e ? [[name, e]] : [];
  }),
);

describe('explainPod on real-shaped pods (test/fixtures/pods)', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    assert.deepEqual(names, expectationNames);
    assert.ok(names.length >= 60, `only ${names.length} fixtures`);
  });

  for (const name of names) {
    const expected = EXPECTED[name];
    it(`${name}`, () => {
      assert.ok(expected, `add an expectation for ${name}`);
      const e = explainFixture(name);
      const top = e.diagnoses[0]!;
      assert.deepEqual(
        e.diagnoses.map((d) => d.id),
        expected.ids,
      );
      assert.equal(top.severity, expected.severity);
      assert.equal(e.status, expected.status);
      assert.equal(
        explanationExitCode(e),
        expected.severity === 'critical' || expected.severity === 'error' ? 1 : 0,
      );
      assert.ok(e.headline.length > 0 && top.title.length > 0 && top.summary.length > 0);
      for (const id of expected.not ?? [])
        assert.ok(!e.diagnoses.some((d) => d.id === id), `${name} must not be diagnosed ${id}`);
      if (expected.container !== undefined) assert.equal(top.container, expected.container);
      if (expected.headline) assert.match(e.headline, new RegExp(expected.headline));
      if (expected.summary) assert.match(top.summary, new RegExp(expected.summary));
      for (const { path, text } of expected.evidence ?? []) checkEvidence(top, path, new RegExp(text));
      const timeline = e.timeline.map((t) => `${t.source} ${t.text}`);
      for (const line of expected.timeline ?? [])
        assert.ok(timeline.includes(line), `timeline lacks: ${line}`);
      if (expected.cause) assert.match(top.causes[0]?.text ?? '', new RegExp(expected.cause));
      for (const source of expected.causes ?? []) {
        const pattern = new RegExp(source);
        assert.ok(
          top.causes.some((c) => pattern.test(c.text)),
          `no cause matching ${pattern}; got:\n${top.causes.map((c) => `  ${c.likelihood}: ${c.text}`).join('\n')}`,
        );
      }
      for (const fix of expected.fixes ?? []) {
        assert.ok(
          top.fixes.some(
            (f) =>
              (fix.specPath === undefined || f.specPath === fix.specPath) &&
              (fix.value === undefined || f.value === fix.value) &&
              (fix.text === undefined || new RegExp(fix.text).test(f.text)),
          ),
          `no fix ${JSON.stringify(fix)}; got:\n${top.fixes.map((f) => `  ${f.specPath ?? ''} = ${f.value ?? ''} | ${f.text}`).join('\n')}`,
        );
      }
      // Problems always explain themselves: evidence, and causes and fixes unless all is well.
      for (const d of e.diagnoses) {
        assert.ok(d.evidence.length > 0, `${d.id} has no evidence`);
        if (d.severity !== 'info') {
          assert.ok(d.causes.length > 0, `${d.id} has no causes`);
          assert.ok(d.fixes.length > 0, `${d.id} has no fixes`);
        }
      }
    });
  }
});
