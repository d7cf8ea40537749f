import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import { LintCache, lintTextIncremental } from '../../../src/core/lint/incremental';

const manifestsDir = join(__dirname, '..', '..', 'fixtures', 'manifests');
const fixtures = readdirSync(manifestsDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(manifestsDir, f), 'utf8') }));

const helmChart = `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Values.name }}
spec:
  containers:
    - name: app
      image: {{ .Values.image | quote }}
      {{- if .Values.probe }}
      livenessProbe: {{ toYaml .Values.probe | nindent 8 }}
      {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Values.name }}
spec:
  {{- with .Values.ports }}
  ports: {{ toYaml . | nindent 4 }}
  {{- end }}
`;

describe('incremental lint', () => {
  it('finds exactly what lintText finds, in every fixture and in all of them joined', () => {
    const all = fixtures.map((f) => f.text.trimEnd()).join('\n---\n');
    for (const { name, text } of [...fixtures, { name: 'all fixtures', text: all }]) {
      assert.deepEqual(lintTextIncremental(text).findings, lintText(text).findings, name);
    }
    assert.ok(lintText(all).findings.length > 50, 'the fixtures should hold many findings');
  });

  it('reports a Helm template that does not parse once per file, as lintText does', () => {
    const expected = lintText(helmChart).findings;
    assert.equal(expected.filter((f) => f.ruleId === 'yaml-syntax').length, 1);
    assert.deepEqual(lintTextIncremental(helmChart).findings, expected);
  });

  it('keeps reporting a later Helm template once the first one is fixed', () => {
    const services = Array.from(
      { length: 10 },
      (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n`,
    );
    const chart = [helmChart.trimEnd(), ...services, helmChart.trimEnd()].join('\n---\n');
    const cache = new LintCache();
    const first = lintTextIncremental(chart, {}, cache);
    assert.deepEqual(first.findings, lintText(chart).findings);
    assert.equal(first.findings.filter((f) => f.ruleId === 'yaml-syntax').length, 1);
    const rendered = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27',
      ...services,
      helmChart.trimEnd(),
    ].join('\n---\n');
    const second = lintTextIncremental(rendered, {}, cache);
    assert.deepEqual(second.findings, lintText(rendered).findings);
    const syntax = second.findings.filter((f) => f.ruleId === 'yaml-syntax');
    assert.deepEqual(
      syntax.map((f) => f.documentIndex),
      [11],
    );
  });

  it('re-lints only the document an edit touched and shifts the others', () => {
    const text = fixtures
      .filter((f) => f.name.startsWith('realistic/'))
      .map((f) => f.text.trimEnd())
      .join('\n---\n');
    const cache = new LintCache();
    const first = lintTextIncremental(text, {}, cache);
    assert.equal(cache.hits, 0);
    const at = text.indexOf('image: ', text.length / 2);
    const edited = `${text.slice(0, at)}image:\n   ${text.slice(at + 'image: '.length)}`;
    const second = lintTextIncremental(edited, {}, cache);
    assert.equal(cache.hits, first.chunks.length - 1);
    assert.deepEqual(second.findings, lintText(edited).findings);
  });

  it('moves unchanged documents when lines are added above them, without linting them again', () => {
    const pod = fixtures.find((f) => f.name === 'realistic/beginner-mistakes.pod.yaml')?.text ?? '';
    const cache = new LintCache();
    lintTextIncremental(`${pod}---\n${pod}`, {}, cache);
    const moved = `# owned by the web team\n\n${pod}---\n${pod}`;
    const result = lintTextIncremental(moved, {}, cache);
    assert.equal(cache.hits, 1, 'the first document changed, the second only moved');
    assert.deepEqual(result.findings, lintText(moved).findings);
  });

  it('lints a moved document again when a message cites a line, so the line stays right', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      env:
        - name: MODE
          value: fast
        - name: MODE
          value: safe
`;
    const cache = new LintCache();
    const before = lintTextIncremental(pod, {}, cache);
    assert.match(
      before.findings.find((f) => f.ruleId === 'schema-duplicate-name')?.message ?? '',
      /first at line 10\)/,
    );
    const moved = `# owned by the web team\n${pod}`;
    const after = lintTextIncremental(moved, {}, cache);
    assert.equal(cache.hits, 0);
    assert.match(
      after.findings.find((f) => f.ruleId === 'schema-duplicate-name')?.message ?? '',
      /first at line 11\)/,
    );
    assert.deepEqual(after.findings, lintText(moved).findings);
  });

  it('forgets cached findings when the rule settings change', () => {
    const text = fixtures.find((f) => f.name === 'realistic/beginner-mistakes.pod.yaml')?.text ?? '';
    const cache = new LintCache();
    const before = lintTextIncremental(text, {}, cache);
    const ruleId = before.findings[0]?.ruleId ?? '';
    const after = lintTextIncremental(text, { rules: { [ruleId]: 'off' } }, cache);
    assert.equal(cache.hits, 0);
    assert.ok(!after.findings.some((f) => f.ruleId === ruleId));
    assert.deepEqual(after.findings, lintText(text, { rules: { [ruleId]: 'off' } }).findings);
  });
});
