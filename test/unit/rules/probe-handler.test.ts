import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'probe-handler';
const run = findingsOfRule(ID);

describe(ID, () => {
  const findings = run(readManifest('probes/probe-handler-mistakes.pod.yaml'));

  it('reports a probe on a regular init container on its key', () => {
    const f = findings[0];
    assert.equal(span(f), '12:6-12:20');
    assert.equal(f?.severity, 'error');
    assert.equal(
      f?.message,
      'Init container "migrate" has a readinessProbe, which the API server rejects: init containers run to completion and are not probed. Remove the probe, or add restartPolicy: Always to make it a sidecar.',
    );
  });

  it('reports a sidecar probe with two handlers', () => {
    assert.equal(span(findings[1]), '18:6-18:19');
    assert.equal(
      findings[1]?.message,
      'The livenessProbe of sidecar "envoy" declares httpGet and tcpSocket; a probe may have only one handler, so the API server rejects the pod. Keep one.',
    );
  });

  it('reports a probe with timing but no handler', () => {
    assert.equal(span(findings[2]), '30:6-30:19');
    assert.equal(
      findings[2]?.message,
      'The livenessProbe of container "api" has no handler, so the API server rejects the pod. Add one of exec, httpGet, tcpSocket or grpc.',
    );
    assert.equal(findings.length, 3);
  });

  it('is silent for probes with one handler each, sidecars included', () => {
    assertSilentOnRealisticManifests(run);
    const sidecar = readManifest('probes/probe-handler-mistakes.pod.yaml').replace(
      '        tcpSocket:\n          port: 9901\n',
      '',
    );
    assert.equal(run(sidecar).filter((f) => f.message.includes('envoy')).length, 0);
  });
});
