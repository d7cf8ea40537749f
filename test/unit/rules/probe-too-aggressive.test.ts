import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';

const ID = 'probe-too-aggressive';
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
  it('reports a readiness probe every 2 s giving up after 1 failure, on periodSeconds', () => {
    const [f, ...rest] = run(fixture('probes/probe-mistakes-statefulset.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '30:27-30:28');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'The readinessProbe of container "postgres" checks every 2 s and gives up after 1 failure, so 2 s of slowness takes the pod out of its Services. Check less often or raise failureThreshold so a probe tolerates about 10 s of trouble.',
    );
  });

  it('reports failureThreshold 1 on a liveness probe', () => {
    const text = fixture('realistic/checkout-deployment.yaml').replace(
      '            periodSeconds: 10\n            failureThreshold: 3',
      '            periodSeconds: 10\n            failureThreshold: 1',
    );
    const [f, ...rest] = run(text);
    assert.equal(rest.length, 0);
    assert.equal(span(f), '79:30-79:31');
    assert.equal(
      f?.message,
      'The livenessProbe of container "app" restarts it after a single failed check: one slow answer (a GC pause, a busy node) kills the container. Use failureThreshold: 3 or more.',
    );
  });

  it('uses the effective failureThreshold: period 1 s with the default 3 failures is fine', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        tcpSocket:\n          port: 80\n        periodSeconds: 1\n';
    assert.deepEqual(run(text), []);
    assert.equal(
      run(text.replace('periodSeconds: 1\n', 'periodSeconds: 1\n        failureThreshold: 2\n')).length,
      1,
    );
    for (const name of REALISTIC) assert.deepEqual(run(fixture(`realistic/${name}`)), [], name);
  });
});
