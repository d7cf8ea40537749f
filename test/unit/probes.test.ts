import assert from 'node:assert/strict';
import { parseManifests } from '../../src/core/manifest/parse';
import { getPath } from '../../src/core/manifest/workloads';
import {
  describeTimeline,
  earliestKillSeconds,
  effectiveProbe,
  killDeadlineSeconds,
  probeTimeline,
} from '../../src/core/probes';
import { readManifest } from './helpers';

describe('effectiveProbe', () => {
  it('fills in the API server defaults and says which were defaulted', () => {
    const probe = effectiveProbe({ httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 15 });
    // The description is a getter (put together when read): copied in to compare the whole.
    assert.deepEqual(
      { ...probe, description: probe?.description },
      {
        initialDelaySeconds: 15,
        periodSeconds: 10,
        timeoutSeconds: 1,
        failureThreshold: 3,
        successThreshold: 1,
        handler: 'httpGet',
        handlers: ['httpGet'],
        description: 'GET :8080/healthz',
        defaulted: ['periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'],
      },
    );
  });

  it('treats 0 like an absent field, as the API server defaults Go zero values', () => {
    const probe = effectiveProbe({ tcpSocket: { port: 5432 }, periodSeconds: 0, failureThreshold: 0 });
    assert.equal(probe?.periodSeconds, 10);
    assert.equal(probe?.failureThreshold, 3);
  });

  it('leaves values the API server rejects (negative, fractional, quoted) to the schema rules and uses the default', () => {
    const probe = effectiveProbe({
      tcpSocket: { port: 5432 },
      periodSeconds: '5',
      failureThreshold: -1,
      timeoutSeconds: 1.5,
    });
    assert.deepEqual([probe?.periodSeconds, probe?.failureThreshold, probe?.timeoutSeconds], [10, 3, 1]);
  });

  it('keeps a probe-level terminationGracePeriodSeconds only when set', () => {
    assert.equal(
      effectiveProbe({ exec: { command: ['true'] }, terminationGracePeriodSeconds: 5 })
        ?.terminationGracePeriodSeconds,
      5,
    );
    assert.equal(
      'terminationGracePeriodSeconds' in (effectiveProbe({ exec: { command: ['true'] } }) ?? {}),
      false,
    );
  });

  it('describes each handler kind briefly', () => {
    const describe = (probe: unknown) => effectiveProbe(probe)?.description;
    assert.equal(describe({ exec: { command: ['cat', '/tmp/ready'] } }), 'exec cat /tmp/ready');
    assert.equal(
      describe({ exec: { command: ['sh', '-c', 'pg_isready -U postgres'] } }),
      'exec sh -c "pg_isready -U postgres"',
    );
    assert.equal(describe({ tcpSocket: { port: 5432 } }), 'TCP :5432');
    assert.equal(describe({ grpc: { port: 9090 } }), 'gRPC :9090');
    assert.equal(describe({ httpGet: { port: 'http' } }), 'GET :http/');
    assert.equal(
      describe({ httpGet: { path: '/ready', port: 8443, scheme: 'HTTPS' } }),
      'HTTPS GET :8443/ready',
    );
    assert.equal(describe({ periodSeconds: 5 }), 'no handler');
  });

  it('is undefined for a probe that is not a mapping', () => {
    assert.equal(effectiveProbe(null), undefined);
    assert.equal(effectiveProbe('httpGet'), undefined);
  });
});

describe('killDeadlineSeconds', () => {
  // Worked example: the kubelet's ticks land 10–20 s, 20–30 s and 30–40 s after start; the third
  // consecutive failure kills the container, at the latest at 40 s and at the earliest at 30 s.
  it('is initialDelay + period × failureThreshold, one period after the earliest kill', () => {
    const probe = { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 10 };
    assert.equal(killDeadlineSeconds(probe), 40);
    assert.equal(earliestKillSeconds(probe), 30);
  });

  it('uses the defaults: a bare probe kills by 30 s', () => {
    assert.equal(killDeadlineSeconds({ tcpSocket: { port: 80 } }), 30);
  });
});

describe('probeTimeline', () => {
  it('times the realistic checkout Deployment, whose startup probe gates liveness and readiness', () => {
    const doc = parseManifests(readManifest('realistic/checkout.deployment.yaml')).documents[0];
    const container = getPath(doc?.value, ['spec', 'template', 'spec', 'containers', 0]);
    const timeline = probeTimeline(container);
    assert.equal(timeline.firstStartupCheckSeconds, 0);
    assert.equal(timeline.firstLivenessCheckSeconds, 10);
    assert.equal(timeline.firstReadinessCheckSeconds, 5);
    assert.equal(timeline.readyFromSeconds, 5);
    // startupProbe: period 5 × failureThreshold 30
    assert.equal(timeline.livenessKillsAfterSeconds, 150);
    assert.equal(timeline.startupBudgetSeconds, 145);
    assert.equal(timeline.markedUnreadyAfterSeconds, 15);
    assert.deepEqual(describeTimeline(timeline), [
      'first startup check at 0 s, then every 5 s',
      'first liveness check at 10 s at the earliest, once the startup probe has succeeded',
      'first readiness check at 5 s',
      'ready from 5 s at the earliest',
      "killed after 150 s if never healthy (by the startup probe; as early as 145 s, depending on when the probe's ticks fall)",
      'marked unready within 15 s once readiness checks start failing',
    ]);
  });

  it('without a startup probe, liveness kills after initialDelay + period × failureThreshold', () => {
    const timeline = probeTimeline({
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 10 },
      readinessProbe: { httpGet: { path: '/ready', port: 8080 }, initialDelaySeconds: 5 },
    });
    assert.equal(timeline.livenessKillsAfterSeconds, 40);
    assert.deepEqual(describeTimeline(timeline), [
      'first liveness check at 10 s, then every 10 s',
      'first readiness check at 5 s',
      'ready from 5 s at the earliest',
      "killed after 40 s if never healthy (by the liveness probe; as early as 30 s, depending on when the probe's ticks fall)",
      'marked unready within 30 s once readiness checks start failing',
    ]);
  });

  it('readiness waits for the startup probe and needs successThreshold successes', () => {
    const timeline = probeTimeline({
      startupProbe: {
        tcpSocket: { port: 5432 },
        initialDelaySeconds: 20,
        periodSeconds: 5,
        failureThreshold: 12,
      },
      readinessProbe: { tcpSocket: { port: 5432 }, periodSeconds: 5, successThreshold: 2 },
    });
    assert.equal(timeline.firstReadinessCheckSeconds, 20);
    assert.equal(timeline.readyFromSeconds, 25);
    assert.equal(timeline.livenessKillsAfterSeconds, 80);
  });

  it('a container without probes is ready at once and never killed by a probe', () => {
    const timeline = probeTimeline({ name: 'web', image: 'nginx:1.27' });
    assert.deepEqual(timeline, { readyFromSeconds: 0 });
    assert.deepEqual(describeTimeline(timeline), [
      'ready from 0 s at the earliest',
      'never restarted by a probe: there is no liveness or startup probe',
    ]);
  });
});
