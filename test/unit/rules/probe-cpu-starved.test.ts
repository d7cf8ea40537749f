import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'probe-cpu-starved';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports a 100m CPU limit with 1 s probe timeouts on the limit value', () => {
    const [f, ...rest] = run(readManifest('probes/identical-probes.deployment.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '26:19-26:23');
    assert.equal(f?.severity, 'info');
    assert.equal(
      f?.message,
      'Container "catalog" is limited to 100m CPU while its livenessProbe and readinessProbe time out after 1 s: when throttled it answers late and the checks fail (liveness then restarts it under load). Raise the CPU limit or set timeoutSeconds to 3 or more.',
    );
  });

  it('reads decimal CPU limits (0.05) and ignores probes with a longer timeout', () => {
    const text = readManifest('probes/identical-probes.deployment.yaml').replace('cpu: 100m', 'cpu: 0.05');
    assert.match(run(text)[0]?.message ?? '', /limited to 0.05 CPU/);
    const patient = text.replace(/port: http\n/g, 'port: http\n            timeoutSeconds: 3\n');
    assert.deepEqual(run(patient), []);
  });

  it('compares exact quantities: 0.1 and 100000u fire, 101m does not', () => {
    const text = readManifest('probes/identical-probes.deployment.yaml');
    assert.equal(run(text.replace('cpu: 100m', 'cpu: "0.1"')).length, 1);
    assert.equal(run(text.replace('cpu: 100m', 'cpu: 100000u')).length, 1);
    assert.deepEqual(run(text.replace('cpu: 100m', 'cpu: 101m')), []);
  });

  it('is silent above 100m', () => {
    assert.deepEqual(
      run(readManifest('probes/identical-probes.deployment.yaml').replace('cpu: 100m', 'cpu: 250m')),
      [],
    );
    assertSilentOnRealisticManifests(run);
  });
});
