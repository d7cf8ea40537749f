import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';

const ID = 'probe-cpu-starved';
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
  it('reports a 100m CPU limit with 1 s probe timeouts on the limit value', () => {
    const [f, ...rest] = run(fixture('probes/identical-probes-deployment.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '26:19-26:23');
    assert.equal(f?.severity, 'info');
    assert.equal(
      f?.message,
      'Container "catalog" is limited to 100m CPU while its livenessProbe and readinessProbe time out after 1 s: when throttled it answers late and the checks fail (liveness then restarts it under load). Raise the CPU limit or set timeoutSeconds to 3 or more.',
    );
  });

  it('reads decimal CPU limits (0.05) and ignores probes with a longer timeout', () => {
    const text = fixture('probes/identical-probes-deployment.yaml').replace('cpu: 100m', 'cpu: 0.05');
    assert.match(run(text)[0]?.message ?? '', /limited to 0.05 CPU/);
    const patient = text.replace(/port: http\n/g, 'port: http\n            timeoutSeconds: 3\n');
    assert.deepEqual(run(patient), []);
  });

  it('compares exact quantities: 0.1 and 100000u fire, 101m does not', () => {
    const text = fixture('probes/identical-probes-deployment.yaml');
    assert.equal(run(text.replace('cpu: 100m', 'cpu: "0.1"')).length, 1);
    assert.equal(run(text.replace('cpu: 100m', 'cpu: 100000u')).length, 1);
    assert.deepEqual(run(text.replace('cpu: 100m', 'cpu: 101m')), []);
  });

  it('is silent above 100m', () => {
    assert.deepEqual(
      run(fixture('probes/identical-probes-deployment.yaml').replace('cpu: 100m', 'cpu: 250m')),
      [],
    );
    for (const name of REALISTIC) assert.deepEqual(run(fixture(`realistic/${name}`)), [], name);
  });
});
