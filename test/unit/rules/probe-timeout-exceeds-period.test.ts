import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'probe-timeout-exceeds-period';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports a timeout longer than the period on the timeoutSeconds value', () => {
    const [f, ...rest] = run(readManifest('probes/probe-mistakes.statefulset.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '26:28-26:29');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'The livenessProbe of container "postgres" waits up to 8 s for a check, longer than its 5 s period: checks fall behind their schedule and failures are noticed late. Set timeoutSeconds to at most periodSeconds.',
    );
  });

  it('compares with the default period of 10 s when periodSeconds is absent', () => {
    const probe = (timeout: number) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        tcpSocket:\n          port: 80\n        timeoutSeconds: ${timeout}\n`;
    assert.deepEqual(run(probe(10)), []);
    const [f] = run(probe(15));
    assert.equal(span(f), '11:24-11:26');
    assert.match(f?.message ?? '', /longer than the default period of 10 s/);
    assertSilentOnRealisticManifests(run);
  });
});
