import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'probe-too-aggressive';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports a readiness probe every 2 s giving up after 1 failure, on periodSeconds', () => {
    const [f, ...rest] = run(readManifest('probes/probe-mistakes.statefulset.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '30:27-30:28');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'The readinessProbe of container "postgres" checks every 2 s and gives up after 1 failure, so 2 s of slowness takes the pod out of its Services. Check less often or raise failureThreshold so a probe tolerates about 10 s of trouble.',
    );
  });

  it('reports failureThreshold 1 on a liveness probe', () => {
    const text = readManifest('realistic/checkout.deployment.yaml').replace(
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
    assertSilentOnRealisticManifests(run);
  });
});
