import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';

const ID = 'probe-exec-empty';
const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/manifests', name), 'utf8');
const run = (text: string) =>
  lintText(text, { throwOnRuleError: true }).findings.filter((f) => f.ruleId === ID);
const span = (f: Finding | undefined) =>
  f && `${f.start.line}:${f.start.character}-${f.end.line}:${f.end.character}`;
const REALISTIC = [
  'checkout-deployment.yaml',
  'postgres-statefulset.yaml',
  'node-exporter-daemonset.yaml',
  'migrate-job.yaml',
  'nightly-report-cronjob.yaml',
  'debug-pod.yaml',
];

describe(ID, () => {
  it('reports an empty exec command of a StatefulSet liveness probe on the command value', () => {
    const [f, ...rest] = run(fixture('probes/probe-mistakes-statefulset.yaml'));
    assert.equal(rest.length, 0);
    // An empty flow sequence is located by its opening bracket.
    assert.equal(span(f), '23:23-23:24');
    assert.equal(f?.severity, 'error');
    assert.equal(
      f?.message,
      'The livenessProbe of container "postgres" has an exec handler with no command, so the API server rejects the pod. Set exec.command to the program to run, e.g. ["cat", "/tmp/healthy"].',
    );
  });

  it('reports an exec handler without command on the exec key', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: worker',
      'spec:',
      '  containers:',
      '    - name: worker',
      '      image: registry.example.com/worker:2.0',
      '      readinessProbe:',
      '        exec: {}',
      '',
    ].join('\n');
    assert.deepEqual(run(text).map(span), ['9:8-9:12']);
  });

  it('is silent for exec probes with a command', () => {
    const text = fixture('probes/probe-mistakes-statefulset.yaml').replace(
      'command: []',
      'command: ["pg_isready", "-U", "postgres"]',
    );
    assert.deepEqual(run(text), []);
    for (const name of REALISTIC) assert.deepEqual(run(fixture(`realistic/${name}`)), [], name);
  });
});
