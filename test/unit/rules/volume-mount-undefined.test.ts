import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';

const ID = 'volume-mount-undefined';
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
  it('reports a mount of an undefined volume with a did-you-mean, and a device likewise', () => {
    const findings = run(fixture('workloads/selector-typo-deployment.yaml'));
    assert.deepEqual(findings.map(span), ['31:20-31:33', '36:20-36:27']);
    assert.equal(findings[0]?.severity, 'error');
    assert.equal(
      findings[0]?.message,
      'Container "web" mounts volume "static-assets", but the pod defines "static-asset", "nginx-conf", so the API server rejects the pod. Did you mean "static-asset"?',
    );
    assert.deepEqual(findings[0]?.suggestions, ['static-asset']);
    assert.equal(
      findings[1]?.message,
      'Container "web" attaches volume "scratch", but the pod defines "static-asset", "nginx-conf", so the API server rejects the pod. Add it to spec.volumes or fix the name.',
    );
  });

  it("counts a StatefulSet's volumeClaimTemplates as volumes", () => {
    const text = fixture('probes/probe-mistakes-statefulset.yaml');
    assert.deepEqual(run(text), []);
    const [f] = run(
      text.replace('    - metadata:\n        name: data', '    - metadata:\n        name: pgdata'),
    );
    assert.equal(span(f), '37:20-37:24');
    assert.match(f?.message ?? '', /the pod defines "pgdata"/);
  });

  it('is silent for the realistic manifests', () => {
    for (const name of REALISTIC) assert.deepEqual(run(fixture(`realistic/${name}`)), [], name);
  });
});
