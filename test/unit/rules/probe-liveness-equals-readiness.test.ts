import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';

const ID = 'probe-liveness-equals-readiness';
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
  it('reports identical probes once their defaults are filled in, on the livenessProbe key', () => {
    const [f, ...rest] = run(fixture('probes/identical-probes-deployment.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '28:10-28:23');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'The livenessProbe of container "catalog" is identical to its readinessProbe (GET :http/health): when the check fails the container is restarted at the same moment it leaves the Service, so a slow dependency becomes a restart loop. Make liveness a cheaper check of the process itself with a higher failureThreshold.',
    );
  });

  it('is silent when the liveness probe is more patient or checks another endpoint', () => {
    const text = fixture('probes/identical-probes-deployment.yaml');
    assert.deepEqual(
      run(text.replace('            periodSeconds: 10\n', '            failureThreshold: 6\n')),
      [],
    );
    assert.deepEqual(
      run(
        text.replace(
          'path: /health\n              port: http\n            periodSeconds',
          'path: /livez\n              port: http\n            periodSeconds',
        ),
      ),
      [],
    );
    for (const name of REALISTIC) assert.deepEqual(run(fixture(`realistic/${name}`)), [], name);
  });
});
