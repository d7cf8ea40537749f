import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';

const ID = 'probe-success-threshold';
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
  it('reports successThreshold 2 on a liveness probe, on the value', () => {
    const [f, ...rest] = run(fixture('probes/probe-mistakes-statefulset.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '24:30-24:31');
    assert.equal(f?.severity, 'error');
    assert.equal(
      f?.message,
      'The livenessProbe of container "postgres" has successThreshold 2, but liveness and startup probes must use 1, so the API server rejects the pod. Remove successThreshold or set it to 1.',
    );
  });

  it('allows successThreshold above 1 on a readiness probe', () => {
    const text = fixture('realistic/checkout-deployment.yaml').replace(
      '            initialDelaySeconds: 5\n',
      '            initialDelaySeconds: 5\n            successThreshold: 2\n',
    );
    assert.ok(text.includes('successThreshold: 2'));
    assert.deepEqual(run(text), []);
    for (const name of REALISTIC) assert.deepEqual(run(fixture(`realistic/${name}`)), [], name);
  });
});
