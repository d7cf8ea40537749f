import assert from 'node:assert/strict';
import {
  applyFix,
  assertSilentOnRealisticManifests,
  findingsOf,
  findingsOfRule,
  readManifest,
  span,
} from '../helpers';

const ID = 'probe-liveness-kills-during-startup';
const run = findingsOfRule(ID);

describe(ID, () => {
  const text = readManifest('probes/slow-start-liveness.deployment.yaml');
  const [finding, ...rest] = run(text);

  it('reports a liveness probe that kills by 40 s when readiness waits 60 s', () => {
    assert.equal(rest.length, 0);
    assert.equal(span(finding), '22:10-22:23');
    assert.equal(finding?.severity, 'warning');
    assert.equal(
      finding?.message,
      'The livenessProbe of container "orders" kills it by 40 s (initialDelay 10 + 10 s × 3 failures) if it is not healthy yet, but readiness is not even checked before 60 s: a slow start ends in CrashLoopBackOff. Add a startupProbe so liveness waits until the application has started.',
    );
  });

  it('offers a startupProbe copying the liveness handler, right after the liveness block', () => {
    assert.equal(
      finding?.fix?.title,
      'Add a startupProbe (GET :http/actuator/health/liveness, up to 300 s to start)',
    );
    const fixed = applyFix(text, finding?.fix);
    assert.ok(
      fixed.includes(
        [
          '            initialDelaySeconds: 10 # leaves 40 s before the kill',
          '          startupProbe:',
          '            httpGet:',
          '              path: /actuator/health/liveness',
          '              port: http',
          '            periodSeconds: 10',
          '            failureThreshold: 30',
          '          readinessProbe:',
        ].join('\n'),
      ),
      fixed,
    );
    assert.equal(findingsOf('yaml-syntax', fixed).length, 0);
    assert.deepEqual(run(fixed), []);
  });

  it('keeps a flow-style container in a list item valid', () => {
    const pod = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: app',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: registry.example.com/app:1.0',
      '      readinessProbe: {tcpSocket: {port: 8080}, initialDelaySeconds: 120}',
      '      livenessProbe:',
      '        exec:',
      '          command:',
      '            - /bin/healthcheck',
      '',
    ].join('\n');
    const [f] = run(pod);
    assert.equal(span(f), '9:6-9:19');
    const fixed = applyFix(pod, f?.fix);
    assert.ok(
      fixed.endsWith(
        '            - /bin/healthcheck\n      startupProbe:\n        exec:\n          command:\n            - /bin/healthcheck\n        periodSeconds: 10\n        failureThreshold: 30\n',
      ),
      fixed,
    );
    assert.deepEqual(run(fixed), []);
  });

  it('writes the startupProbe as one flow line after a flow-style liveness probe', () => {
    const pod = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: app',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: registry.example.com/app:1.0',
      '      livenessProbe: {tcpSocket: {port: 8080}, periodSeconds: 5} # quick',
      '      readinessProbe: {tcpSocket: {port: 8080}, initialDelaySeconds: 90}',
      '',
    ].join('\n');
    const [f] = run(pod);
    assert.equal(span(f), '8:6-8:19');
    assert.match(f?.message ?? '', /kills it by 15 s \(initialDelay 0 \+ 5 s × 3 failures\)/);
    const fixed = applyFix(pod, f?.fix);
    assert.ok(
      fixed.includes(
        '# quick\n      startupProbe: {"tcpSocket":{"port":8080},"periodSeconds":5,"failureThreshold":36}\n      readinessProbe',
      ),
      fixed,
    );
    assert.deepEqual(run(fixed), []);
  });

  it('is silent with a startupProbe, or when liveness waits long enough (effective defaults)', () => {
    assertSilentOnRealisticManifests(run);
    // 30 + 10 s × 3 = 60 s: not earlier than the readiness delay.
    assert.deepEqual(run(text.replace('initialDelaySeconds: 10 #', 'initialDelaySeconds: 30 #')), []);
    assert.equal(run(text.replace('initialDelaySeconds: 10 #', 'initialDelaySeconds: 29 #')).length, 1);
  });
});
