import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'probe-liveness-equals-readiness';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports identical probes once their defaults are filled in, on the livenessProbe key', () => {
    const [f, ...rest] = run(readManifest('probes/identical-probes.deployment.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '28:10-28:23');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'The livenessProbe of container "catalog" is identical to its readinessProbe (GET :http/health): when the check fails the container is restarted at the same moment it leaves the Service, so a slow dependency becomes a restart loop. Make liveness a cheaper check of the process itself with a higher failureThreshold.',
    );
  });

  it('is silent when the liveness probe is more patient or checks another endpoint', () => {
    const text = readManifest('probes/identical-probes.deployment.yaml');
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
    assertSilentOnRealisticManifests(run);
  });
});
