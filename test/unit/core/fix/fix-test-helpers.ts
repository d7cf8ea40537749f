import assert from 'node:assert/strict';
import { planFix, type FixPlan, type FixTarget } from '../../../../src/core/fix';
import { parseManifests } from '../../../../src/core/manifest/parse';
import type { Path } from '../../../../src/core/manifest/types';
import { getPath, isObject } from '../../../../src/core/manifest/workloads';
import { applyFix } from '../../helpers';

/** The plan for `fix` on the `index`th document of `text`. */
function plan(text: string, fix: FixTarget, index: number): FixPlan {
  const file = parseManifests(text);
  const document = file.documents[index];
  assert.ok(document, `no document ${index}`);
  return planFix(file, document, fix);
}

/** Plans a fix on the `index`th document of `text`, asserts it can be applied, and returns the result. */
export function applied(
  text: string,
  specPath: string,
  value: string,
  index = 0,
): { title: string; text: string } {
  const result = plan(text, { specPath, value }, index);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return { title: result.title, text: applyFix(text, result) };
}

/** The reason a fix cannot be applied; fails when it can. */
export function refusal(text: string, specPath: string, value: string, index = 0): string {
  const result = plan(text, { specPath, value }, index);
  assert.equal(result.ok, false, 'expected the fix to be refused');
  return result.ok ? '' : result.reason;
}

/**
 * Re-parses both texts with the project's parser: every document parses, the node at `path` of
 * document `index` now equals `value`, and nothing else in any document changed.
 */
export function assertOnlyChanged(
  before: string,
  after: string,
  path: Path,
  value: unknown,
  index = 0,
): void {
  const old = parseManifests(before).documents;
  const now = parseManifests(after).documents;
  assert.equal(now.length, old.length);
  now.forEach((document, i) => {
    assert.equal(document.syntaxError, undefined, `document ${i} does not parse:\n${after}`);
    if (i !== index) {
      assert.deepEqual(document.value, old[i]?.value);
      return;
    }
    assert.deepEqual(getPath(document.value, path), value);
    const expected = structuredClone(old[i]?.value);
    setPath(expected, path, value);
    assert.deepEqual(document.value, expected);
  });
}

function setPath(root: unknown, path: Path, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (!isObject(next) && !Array.isArray(next)) node[segment] = {};
    node = node[segment] as Record<string | number, unknown>;
  }
  node[path[path.length - 1] ?? ''] = value;
}
