import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'probe-success-threshold';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports successThreshold 2 on a liveness probe, on the value', () => {
    const [f, ...rest] = run(readManifest('probes/probe-mistakes.statefulset.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '24:30-24:31');
    assert.equal(f?.severity, 'error');
    assert.equal(
      f?.message,
      'The livenessProbe of container "postgres" has successThreshold 2, but liveness and startup probes must use 1, so the API server rejects the pod. Remove successThreshold or set it to 1.',
    );
  });

  it('allows successThreshold above 1 on a readiness probe', () => {
    const text = readManifest('realistic/checkout.deployment.yaml').replace(
      '            initialDelaySeconds: 5\n',
      '            initialDelaySeconds: 5\n            successThreshold: 2\n',
    );
    assert.ok(text.includes('successThreshold: 2'));
    assert.deepEqual(run(text), []);
    assertSilentOnRealisticManifests(run);
  });
});
