import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintInlinePatches, lintPatchText, parseKustomization } from '../../../src/core/kustomize';
import { lintText } from '../../../src/core/lint/engine';
import { allRules } from '../../../src/core/lint/rules';

const SHOP = join(__dirname, '../../fixtures/kustomize/shop');
const read = (path: string): string => readFileSync(join(SHOP, path), 'utf8');
const at = (findings: readonly { ruleId: string; start: { line: number } }[]): string[] =>
  findings.map((f) => `${f.start.line + 1} ${f.ruleId}`);

/** The overlay patch of the bug report: it only raises replicas and sets resources. */
const REPLICAS_AND_RESOURCES = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 3',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          resources:',
  '            limits:',
  '              memory: 256Mi',
  '',
].join('\n');

describe('patches linted as partial objects', () => {
  it('reports no missing selector or image on a patch that raises replicas and sets resources', () => {
    // Linted as a whole object, the patch gets exactly the false errors of the bug report.
    const whole = lintText(REPLICAS_AND_RESOURCES).findings.map((f) => f.ruleId);
    assert.ok(whole.includes('schema-required') && whole.includes('image-missing'), whole.join());
    assert.deepEqual(at(lintPatchText(REPLICAS_AND_RESOURCES, {})), []);
  });

  it('still judges the values a patch sets, at its own lines', () => {
    const text = REPLICAS_AND_RESOURCES.replace('memory: 256Mi', 'memory: 256mb').replace(
      '          resources:',
      '          imagePullPolicy: Never\n          resources:',
    );
    assert.deepEqual(at(lintPatchText(text, {})), ['11 image-pull-never', '14 resources-invalid-quantity']);
  });

  it('accepts strategic-merge directives and still finds a misspelt field beside them', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    spec:',
      '      $setElementOrder/containers:',
      '        - name: web',
      '      containers:',
      '        - name: web',
      '          $retainKeys: [resources]',
      '          resources:',
      '            $patch: replace',
      '          $deleteFromPrimitiveList/args: ["--debug"]',
      '          livenesProbe:',
      '            $patch: delete',
      '',
    ].join('\n');
    const findings = lintPatchText(text, {});
    assert.deepEqual(at(findings), ['16 schema-unknown-field']);
    assert.match(findings[0]!.message, /did you mean "livenessProbe"/);
  });

  it('lints the values that JSON 6902 add/replace operations write, at the operation', () => {
    assert.deepEqual(at(lintPatchText(read('overlays/prod/cpu-limit.yaml'), { targetKind: 'Deployment' })), [
      '4 resources-cpu-unit',
    ]);
    const typo = [
      '- op: replace',
      '  path: /spec/template/spec/containers/0/imagePullPolicy',
      '  value: Never',
      '- op: add',
      '  path: /spec/template/spec/containers/0/resoures',
      '  value: {limits: {memory: 1Gi}}',
      '- op: remove',
      '  path: /spec/template/spec/containers/0/args',
      '',
    ].join('\n');
    assert.deepEqual(at(lintPatchText(typo, { targetKind: 'Deployment' })), [
      '3 image-pull-never',
      '5 schema-unknown-field',
    ]);
  });

  it('places findings of an inline patch on the line inside the block scalar', () => {
    const kustomization = parseKustomization(
      '/repo/overlays/prod/kustomization.yaml',
      read('overlays/prod/kustomization.yaml'),
    );
    const findings = lintInlinePatches(kustomization);
    assert.deepEqual(at(findings), ['26 schema-type']);
    assert.equal(findings[0]!.start.character, 19);
  });

  it('never runs a rule about something absent, or one that needs the whole object, on a patch', () => {
    for (const rule of allRules) {
      if (!rule.examples || (!rule.reportsAbsence && !rule.needsWholeObject)) continue;
      const fired = lintPatchText(rule.examples.bad, {}).filter((f) => f.ruleId === rule.id);
      assert.deepEqual(fired, [], `${rule.id} fired on a partial object`);
    }
  });

  it('flags every rule that reports something absent', () => {
    const absence = allRules.filter((r) => r.reportsAbsence).map((r) => r.id);
    for (const id of [
      'schema-required',
      'image-missing',
      'probe-missing-readiness',
      'resources-memory-limit-missing',
      'command-missing',
    ]) {
      assert.ok(absence.includes(id), `${id} reports something absent but is not flagged`);
    }
    // A finding that says something is missing is marked so, whichever rule reports it.
    let missing = 0;
    for (const rule of allRules) {
      if (!rule.examples) continue;
      for (const f of lintText(rule.examples.bad).findings) {
        if (/\bhas no (?!tag)|\bmissing required|\bno handler\b/i.test(f.message)) {
          missing++;
          assert.ok(f.absent, `${f.ruleId}: "${f.message}" is about something absent but not marked`);
        }
      }
    }
    assert.ok(missing >= 4, `only ${missing} findings about something missing in the examples`);
  });
});
