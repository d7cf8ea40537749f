import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { planFix } from '../../../../src/core/fix';
import { parseManifests } from '../../../../src/core/manifest/parse';
import { resolvePodField } from '../../../../src/core/manifest/spec-path';
import type { JsonObject, Path } from '../../../../src/core/manifest/types';
import { deepEqual, getPath, isObject, podTemplates } from '../../../../src/core/manifest/workloads';
import { explainFixture, fixtureNames } from '../../diagnose/pod-fixtures';
import { applyFix } from '../../helpers';

/**
 * Every fix with a value that a diagnosis gives on the real-shaped pods of test/fixtures/pods,
 * applied to manifests of those pods written in three styles: the result always parses, holds the
 * fix's value at its field, and changes nothing else.
 */

const POD_FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'pods');

interface Style {
  readonly name: string;
  readonly manifest: (spec: unknown) => string;
}

const STYLES: readonly Style[] = [
  {
    name: 'Pod, 2 spaces, indented sequences',
    manifest: (spec) => dump({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec }),
  },
  {
    name: 'Deployment, 4 spaces, indentless sequences, double quotes',
    manifest: (spec) =>
      dump(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'p' },
          spec: {
            selector: { matchLabels: { app: 'p' } },
            template: { metadata: { labels: { app: 'p' } }, spec },
          },
        },
        { indent: 4, seqNoIndent: true, quoteStyle: 'double' },
      ),
  },
  {
    name: 'CronJob, CRLF',
    manifest: (spec) =>
      dump({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'p' },
        spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec } } } },
      }).replace(/\n/g, '\r\n'),
  },
];

/** The pod spec of a fixture without what the API server fills in (so that the fix's field may be absent). */
function specOf(name: string): JsonObject {
  const fixture = JSON.parse(readFileSync(join(POD_FIXTURES, `${name}.pod.json`), 'utf8')) as {
    pod: { spec: JsonObject };
  };
  return fixture.pod.spec;
}

/** Whether the decoded value at the fix's field is what the fix's text says. */
function holds(actual: unknown, value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) return deepEqual(actual, JSON.parse(trimmed));
  const decoded = parseManifests(value).documents[0]?.value;
  if (Array.isArray(decoded))
    return Array.isArray(actual) && decoded.every((d) => actual.some((a) => deepEqual(a, d)));
  if (isObject(decoded))
    return isObject(actual) && Object.entries(decoded).every(([k, v]) => deepEqual(actual[k], v));
  return actual !== undefined && String(actual) === trimmed;
}

/** `root` without the node at `path`; with `before`, without the first node on `path` that `before` lacks. */
function without(root: unknown, path: Path, before: unknown = root): unknown {
  const absent = path.findIndex((_, i) => getPath(before, path.slice(0, i + 1)) === undefined);
  const cut = absent < 0 ? path : path.slice(0, absent + 1);
  const copy = structuredClone(root) as Record<string | number, unknown>;
  const parent = getPath(copy, cut.slice(0, -1)) as Record<string | number, unknown> | undefined;
  if (parent) delete parent[cut[cut.length - 1] ?? ''];
  return copy;
}

describe('apply fix: every diagnosis fix on the pod fixtures', () => {
  const fixes = fixtureNames.flatMap((name) =>
    explainFixture(name).diagnoses.flatMap((d) =>
      d.fixes.flatMap((f) =>
        f.specPath !== undefined && f.value !== undefined
          ? [{ name, specPath: f.specPath, value: f.value }]
          : [],
      ),
    ),
  );

  it('covers every kind of value the diagnoses give', () => {
    const kinds = new Set(fixes.map((f) => /^\s*(\{|- |[^:]+: )/.exec(f.value)?.[1]?.trim() ?? 'scalar'));
    assert.ok(fixes.length >= 20, `only ${fixes.length} fixes`);
    assert.ok(kinds.has('scalar') && kinds.has('{') && kinds.has('-'), [...kinds].join(' '));
  });

  for (const style of STYLES) {
    it(`applies each one to the manifest, ${style.name}`, () => {
      let applied = 0;
      for (const { name, specPath, value } of fixes) {
        const text = style.manifest(specOf(name));
        const file = parseManifests(text);
        const document = file.documents[0];
        assert.ok(document);
        const plan = planFix(file, document, { specPath, value });
        const where = `${name}: ${specPath} = ${value}`;
        if (!plan.ok) {
          // Refusals here are only for values already set, or names the spec lacks.
          assert.match(plan.reason, /already has this value|has no .* named/, `${where}: ${plan.reason}`);
          continue;
        }
        applied++;
        const after = parseManifests(applyFix(text, plan)).documents[0];
        assert.equal(after?.syntaxError, undefined, where);
        const template = podTemplates(after?.value as JsonObject)[0];
        assert.ok(template, where);
        const resolved = resolvePodField(specPath, template, after?.value);
        assert.deepEqual(resolved?.missing, [], where);
        const path = resolved?.path ?? [];
        assert.ok(
          holds(getPath(after?.value, path), value),
          `${where}: got ${JSON.stringify(getPath(after?.value, path))}`,
        );
        assert.deepEqual(without(after?.value, path, document.value), without(document.value, path), where);
        if (text.includes('\r\n')) assert.doesNotMatch(applyFix(text, plan), /[^\r]\n/, where);
      }
      assert.ok(applied >= 15, `applied only ${applied} of ${fixes.length}`);
    });
  }
});
