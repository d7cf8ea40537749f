import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'probe-exec-empty';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports an empty exec command of a StatefulSet liveness probe on the command value', () => {
    const [f, ...rest] = run(readManifest('probes/probe-mistakes.statefulset.yaml'));
    assert.equal(rest.length, 0);
    // An empty flow sequence is located by its opening bracket.
    assert.equal(span(f), '23:23-23:24');
    assert.equal(f?.severity, 'error');
    assert.equal(
      f?.message,
      'The livenessProbe of container "postgres" has an exec handler with no command, so the API server rejects the pod. Set exec.command to the program to run, e.g. ["cat", "/tmp/healthy"].',
    );
  });

  it('reports an exec handler without command on the exec key', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: worker',
      'spec:',
      '  containers:',
      '    - name: worker',
      '      image: registry.example.com/worker:2.0',
      '      readinessProbe:',
      '        exec: {}',
      '',
    ].join('\n');
    assert.deepEqual(run(text).map(span), ['9:8-9:12']);
  });

  it('is silent for exec probes with a command', () => {
    const text = readManifest('probes/probe-mistakes.statefulset.yaml').replace(
      'command: []',
      'command: ["pg_isready", "-U", "postgres"]',
    );
    assert.deepEqual(run(text), []);
    assertSilentOnRealisticManifests(run);
  });
});
