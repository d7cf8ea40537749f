import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../src/core/lint/engine';
import type { Finding, Fix } from '../../src/core/lint/types';

const MANIFESTS = join(__dirname, '../fixtures/manifests');

/** The text of a manifest fixture, by its path below test/fixtures/manifests. */
export const readManifest = (path: string): string => readFileSync(join(MANIFESTS, path), 'utf8');

/** A reader of the manifest fixtures in one folder below test/fixtures/manifests. */
export const manifestsIn =
  (folder: string) =>
  (name: string): string =>
    readManifest(join(folder, name));

/** The findings of one rule on `text`; a rule that throws fails the test instead of being skipped. */
export const findingsOf = (ruleId: string, text: string): Finding[] =>
  lintText(text, { throwOnRuleError: true }).findings.filter((f) => f.ruleId === ruleId);

/** `findingsOf` bound to one rule. */
export const findingsOfRule =
  (ruleId: string) =>
  (text: string): Finding[] =>
    findingsOf(ruleId, text);

/** A finding's range as `line:character-line:character` (0-based), or undefined when there is none. */
export const span = (f: Finding | undefined): string | undefined =>
  f && `${f.start.line}:${f.start.character}-${f.end.line}:${f.end.character}`;

/** `text` with every edit of `fix` applied, as an editor applies a quick fix; fails when there is no fix. */
export function applyFix(text: string, fix: Fix | undefined): string {
  assert.ok(fix, 'expected a quick fix');
  return [...fix.edits]
    .sort((a, b) => b.range.start - a.range.start)
    .reduce((out, e) => out.slice(0, e.range.start) + e.newText + out.slice(e.range.end), text);
}

/** Well-written manifests under test/fixtures/manifests/realistic on which no rule may fire. */
const REALISTIC_MANIFESTS = [
  'checkout.deployment.yaml',
  'postgres.statefulset.yaml',
  'node-exporter.daemonset.yaml',
  'migrate.job.yaml',
  'nightly-report.cronjob.yaml',
  'debug-with-log-sidecar.pod.yaml',
];

/** Asserts that `findings` reports nothing on any of the realistic manifests, naming the one that fails. */
export function assertSilentOnRealisticManifests(findings: (text: string) => Finding[]): void {
  for (const name of REALISTIC_MANIFESTS)
    assert.deepEqual(findings(readManifest(`realistic/${name}`)), [], name);
}

/** A Pod "box" whose one container "box" has the fields `container` (indented by 6); `spec` adds pod spec fields. */
export const boxPod = (container: string, spec = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n${spec}  containers:\n    - name: box\n${container}`;

/** A Pod "web" whose one container "web" runs nginx:1.27 with the further container field lines `lines`. */
export const nginxPod = (...lines: string[]): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n${lines.map((line) => `      ${line}\n`).join('')}`;

/** C0 and C1 control characters other than tab and newline: none may reach a terminal from untrusted text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
