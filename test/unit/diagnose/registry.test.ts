import assert from 'node:assert/strict';
import { DIAGNOSES, DIAGNOSIS_IDS } from '../../../src/core/diagnose';
import { explainFixture, fixtureNames, loadExpectation } from './pod-fixtures';

/**
 * The diagnosis catalog, checked the way the lint rules' meta-test checks the rule catalog: every
 * id is declared, and every id has real-shaped pods that get it and near misses that must not.
 */
describe('diagnosis registry', () => {
  const expectations = fixtureNames.map((name) => ({ name, expect: loadExpectation(name) }));

  it('declares every diagnosis id, and only those', () => {
    const declared = new Set(DIAGNOSES.map((d) => d.id));
    assert.deepEqual([...declared].sort(), [...DIAGNOSIS_IDS].sort());
    assert.equal(new Set(DIAGNOSES).size, DIAGNOSES.length, 'a declaration is listed twice');
    for (const d of DIAGNOSES) {
      assert.ok(d.title.length > 0, `${d.id} has no title`);
      if (d.claimsWhen) assert.ok(d.claims, `${d.id} has claimsWhen without claims`);
    }
  });

  for (const id of DIAGNOSIS_IDS) {
    it(`${id}: fixtures that get it and near misses that do not`, () => {
      const firing = expectations.filter((e) => e.expect?.ids.includes(id)).map((e) => e.name);
      const missing = expectations.filter((e) => e.expect?.not?.includes(id)).map((e) => e.name);
      assert.ok(firing.length > 0, `no fixture expects ${id}`);
      assert.ok(missing.length > 0, `no fixture lists ${id} as a near miss ("not")`);
      for (const name of firing)
        assert.ok(
          explainFixture(name).diagnoses.some((d) => d.id === id),
          `${name} should be diagnosed ${id}`,
        );
      for (const name of missing)
        assert.ok(
          !explainFixture(name).diagnoses.some((d) => d.id === id),
          `${name} must not be diagnosed ${id}`,
        );
    });
  }
});
