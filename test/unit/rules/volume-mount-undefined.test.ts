import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'volume-mount-undefined';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports a mount of an undefined volume with a did-you-mean, and a device likewise', () => {
    const findings = run(readManifest('workloads/selector-typo.deployment.yaml'));
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
    const text = readManifest('probes/probe-mistakes.statefulset.yaml');
    assert.deepEqual(run(text), []);
    const [f] = run(
      text.replace('    - metadata:\n        name: data', '    - metadata:\n        name: pgdata'),
    );
    assert.equal(span(f), '37:20-37:24');
    assert.match(f?.message ?? '', /the pod defines "pgdata"/);
  });

  it('is silent for the realistic manifests', () => {
    assertSilentOnRealisticManifests(run);
  });
});
