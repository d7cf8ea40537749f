import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { planFix } from '../../../../src/core/fix';
import { parseManifests } from '../../../../src/core/manifest/parse';
import { isObject, podTemplates } from '../../../../src/core/manifest/workloads';
import { applyFix, readManifest } from '../../helpers';
import { assertOnlyChanged } from './fix-test-helpers';

/**
 * The realistic manifests of test/fixtures/manifests: every kind of fix on every container, and
 * every edit leaves the rest of the file, comments included, as it was.
 */

const FILES = readdirSync(join(__dirname, '..', '..', '..', 'fixtures', 'manifests', 'realistic')).filter(
  (f) => f.endsWith('.yaml'),
);

const PROBE = { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, failureThreshold: 30 };

/** Lines of `before` missing from `after`: an edit that only adds or replaces in place loses none but the one it changes. */
function removedLines(before: string, after: string): string[] {
  const kept = new Set(after.split('\n'));
  return before.split('\n').filter((line) => !kept.has(line));
}

describe('apply fix: realistic manifests', () => {
  for (const name of FILES) {
    it(`edits every container of ${name} and keeps every comment`, () => {
      const text = readManifest(`realistic/${name}`);
      const file = parseManifests(text);
      let plans = 0;
      for (const document of file.documents) {
        if (!isObject(document.value) || document.templated) continue;
        const template = podTemplates(document.value)[0];
        if (!template) continue;
        for (const c of template.containers) {
          if (c.role === 'ephemeral') continue;
          const base = `spec.${c.field}[${c.name}]`;
          const cases: Array<[string, string, unknown]> = [
            [`${base}.resources.limits.memory`, '1408Mi', '1408Mi'],
            [`${base}.securityContext.runAsUser`, '10001', 10001],
            [`${base}.imagePullPolicy`, 'IfNotPresent', 'IfNotPresent'],
          ];
          if (c.container['startupProbe'] === undefined)
            cases.push([`${base}.startupProbe`, JSON.stringify(PROBE), PROBE]);
          for (const [specPath, value, expected] of cases) {
            const plan = planFix(file, document, { specPath, value });
            if (!plan.ok) {
              assert.match(plan.reason, /already has this value/, `${specPath}: ${plan.reason}`);
              continue;
            }
            plans++;
            const after = applyFix(text, plan);
            const field = specPath.slice(base.length + 1).split('.');
            assertOnlyChanged(text, after, [...c.path, ...field], expected, document.index);
            const removed = removedLines(text, after);
            assert.ok(removed.length <= 1, `${specPath}: removed ${JSON.stringify(removed)}`);
            assert.ok(
              removed.every((line) => !line.trimStart().startsWith('#')),
              specPath,
            );
          }
        }
        for (const [specPath, value] of [
          ['spec.nodeSelector', 'kubernetes.io/arch: amd64'],
          ['spec.imagePullSecrets', '- name: regcred'],
          ['spec.tolerations', '- key: example.com/dedicated\n  operator: Exists'],
        ] as const) {
          const plan = planFix(file, document, { specPath, value });
          assert.ok(plan.ok, `${name} ${specPath}: ${plan.ok ? '' : plan.reason}`);
          plans++;
          const after = parseManifests(applyFix(text, plan)).documents[document.index];
          assert.equal(after?.syntaxError, undefined);
          assert.deepEqual(removedLines(text, applyFix(text, plan)), []);
        }
      }
      assert.ok(plans >= 5, `${name}: only ${plans} fixes applied`);
    });
  }
});
