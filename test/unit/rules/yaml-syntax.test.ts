import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/engine';
import { findingsOfRule } from '../helpers';

const syntax = findingsOfRule('yaml-syntax');

describe('yaml-syntax', () => {
  it('reports a mis-indented key at the line the parser stops', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '    - name: web',
      '     image: nginx:1.27',
      '',
    ].join('\n');
    const [finding, ...rest] = syntax(text);
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.equal(finding.severity, 'error');
    assert.equal(finding.start.line, 7);
    assert.match(finding.message, /^YAML syntax error: /);
  });

  it('keeps linting the other documents of the file', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nspec: [\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {}\n';
    const result = lintText(text);
    assert.equal(result.objects, 1);
    assert.equal(syntax(text).length, 1);
  });

  it('is silent for broken YAML that is not Kubernetes (a CI workflow)', () => {
    assert.deepEqual(syntax('name: ci\non:\n  push:\n jobs: [\n'), []);
  });

  it('reports a Helm template once, as a warning that says to render it', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "app.fullname" . }}',
      'spec:',
      '  {{- if not .Values.autoscaling.enabled }}',
      '  replicas: {{ .Values.replicaCount }}',
      '  {{- end }}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: {{ include "app.fullname" . }}',
      'spec:',
      '  {{- with .Values.service }}',
      '  type: {{ .type }}',
      '  {{- end }}',
      '',
    ].join('\n');
    const findings = syntax(text);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.severity, 'warning');
    assert.match(findings[0]?.message ?? '', /Helm\/Go template .*helm template/);
  });

  it('can be turned off', () => {
    assert.deepEqual(
      lintText('apiVersion: v1\nkind: Pod\nspec: [\n', { rules: { 'yaml-syntax': 'off' } }).findings,
      [],
    );
  });
});
