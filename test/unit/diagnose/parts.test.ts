import assert from 'node:assert/strict';
import {
  appStartSeconds,
  classifyImagePull,
  classifyProbeMessage,
  containerOfFieldPath,
  exitCodeMeaning,
  explainPod,
  parseEvictionMessage,
  parseHookMessage,
  parseMissingConfig,
  podEvents,
  restartBackoffSeconds,
} from '../../../src/core/diagnose';
import { backoffFromMessage } from '../../../src/core/diagnose/exit-codes';
import { shortDuration } from '../../../src/core/text/duration';
import { memoryBytes, suggestedMemory } from '../../../src/core/diagnose/memory';
import type { KubeEvent, Pod } from '../../../src/core/k8s';

const POD: Pod = {
  metadata: { name: 'web-1', namespace: 'shop', uid: 'uid-web-1', creationTimestamp: '2026-11-23T11:00:00Z' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], nodeName: 'worker-1' },
  status: { phase: 'Running' },
};

const core = (reason: string, fields: Partial<KubeEvent>): KubeEvent => ({
  involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'uid-web-1' },
  reason,
  message: reason,
  type: 'Warning',
  ...fields,
});

describe('exit codes and back-off', () => {
  it('names every exit code of the matrix', () => {
    assert.equal(
      exitCodeMeaning(0, 'Always'),
      'exited successfully, but restartPolicy Always expects it to keep running',
    );
    assert.equal(exitCodeMeaning(0, 'OnFailure'), 'completed successfully');
    assert.equal(exitCodeMeaning(1), 'application error');
    assert.equal(exitCodeMeaning(2), 'misuse of a command or invalid arguments');
    assert.equal(exitCodeMeaning(126), 'command found but not executable');
    assert.equal(exitCodeMeaning(127), 'command not found');
    assert.equal(exitCodeMeaning(130), 'killed by SIGINT');
    assert.equal(exitCodeMeaning(137), 'killed by SIGKILL');
    assert.equal(exitCodeMeaning(139), 'segmentation fault (SIGSEGV)');
    assert.equal(exitCodeMeaning(143), 'terminated by SIGTERM');
    assert.equal(exitCodeMeaning(42), 'application error');
  });

  it('doubles the restart back-off from 10 s up to 5 minutes', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 20].map(restartBackoffSeconds),
      [10, 20, 40, 80, 160, 300, 300, 300],
    );
    assert.equal(backoffFromMessage('back-off 2m40s restarting failed container=app pod=x(uid)'), 160);
    assert.equal(backoffFromMessage('back-off 5m0s restarting failed container=app'), 300);
    assert.equal(backoffFromMessage('back-off 10s restarting failed container=app'), 10);
    assert.equal(backoffFromMessage('Back-off pulling image "x"'), undefined);
    assert.deepEqual([45, 60, 160, 3600, 3660, 200000].map(shortDuration), [
      '45s',
      '1m',
      '2m40s',
      '1h',
      '1h1m',
      '2d7h',
    ]);
  });
});

describe('events', () => {
  it('matches by uid, falls back to kind/namespace/name, and ignores other objects', () => {
    const events: KubeEvent[] = [
      core('ByUid', { firstTimestamp: '2026-11-23T11:01:00Z' }),
      core('OtherIncarnation', {
        involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'uid-old' },
      }),
      core('ByName', {
        involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1' },
        firstTimestamp: '2026-11-23T11:02:00Z',
      }),
      core('OtherNamespace', { involvedObject: { kind: 'Pod', namespace: 'prod', name: 'web-1' } }),
      core('ReplicaSet', { involvedObject: { kind: 'ReplicaSet', namespace: 'shop', name: 'web-1' } }),
    ];
    assert.deepEqual(
      podEvents(POD, events).map((e) => e.reason),
      ['ByUid', 'ByName'],
    );
  });

  it('orders by series.lastObservedTime → lastTimestamp → eventTime → firstTimestamp, events.k8s.io/v1 included', () => {
    const events: KubeEvent[] = [
      core('Series', {
        series: { count: 9, lastObservedTime: '2026-11-23T11:50:00Z' },
        lastTimestamp: '2026-11-23T11:05:00Z',
      }),
      core('Last', { lastTimestamp: '2026-11-23T11:40:00Z', firstTimestamp: '2026-11-23T11:00:00Z' }),
      core('EventTime', { eventTime: '2026-11-23T11:30:00.123456Z' }),
      core('First', { firstTimestamp: '2026-11-23T11:20:00Z' }),
      {
        apiVersion: 'events.k8s.io/v1',
        regarding: {
          kind: 'Pod',
          namespace: 'shop',
          name: 'web-1',
          uid: 'uid-web-1',
          fieldPath: 'spec.initContainers{init-db}',
        },
        reason: 'V1',
        note: 'from events.k8s.io',
        type: 'Normal',
        deprecatedLastTimestamp: '2026-11-23T11:45:00Z',
        deprecatedCount: 3,
      },
    ];
    const ordered = podEvents(POD, events);
    assert.deepEqual(
      ordered.map((e) => e.reason),
      ['First', 'EventTime', 'Last', 'V1', 'Series'],
    );
    const v1 = ordered.find((e) => e.reason === 'V1')!;
    assert.equal(v1.message, 'from events.k8s.io');
    assert.equal(v1.count, 3);
    assert.equal(v1.container, 'init-db');
    assert.equal(v1.containerRole, 'init');
    assert.equal(ordered.find((e) => e.reason === 'Series')!.count, 9);
  });

  it('reads the container out of fieldPath', () => {
    assert.deepEqual(containerOfFieldPath('spec.containers{app}'), { name: 'app', role: 'main' });
    assert.deepEqual(containerOfFieldPath('spec.initContainers{init-db}'), { name: 'init-db', role: 'init' });
    assert.deepEqual(containerOfFieldPath('spec.ephemeralContainers{debugger-x}'), {
      name: 'debugger-x',
      role: 'ephemeral',
    });
    assert.equal(containerOfFieldPath('spec.volumes'), undefined);
    assert.equal(containerOfFieldPath(undefined), undefined);
  });
});

describe('message classifiers', () => {
  it('classes image pull failures by the runtime message', () => {
    assert.equal(
      classifyImagePull(
        'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/x:1": failed to resolve reference "docker.io/library/x:1": docker.io/library/x:1: not found',
      ),
      'not-found',
    );
    assert.equal(
      classifyImagePull(
        'pulling from host registry.example.com failed with status code [manifests 1.0]: 401 Unauthorized',
      ),
      'unauthorized',
    );
    assert.equal(
      classifyImagePull(
        "Error response from daemon: pull access denied for foo, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
      ),
      'unauthorized',
    );
    assert.equal(
      classifyImagePull('dial tcp: lookup registry.internal on 10.96.0.10:53: no such host'),
      'unreachable',
    );
    assert.equal(classifyImagePull('dial tcp 34.225.41.113:443: i/o timeout'), 'unreachable');
    assert.equal(
      classifyImagePull('tls: failed to verify certificate: x509: certificate signed by unknown authority'),
      'tls',
    );
    assert.equal(
      classifyImagePull(
        '429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit',
      ),
      'rate-limited',
    );
    assert.equal(classifyImagePull('no match for platform in manifest: not found'), 'platform');
    assert.equal(
      classifyImagePull(
        'Container image "x:dev" is not present with pull policy of Never',
        'ErrImageNeverPull',
      ),
      'never-pull',
    );
    assert.equal(
      classifyImagePull(
        'couldn\'t parse image name "A:b": invalid reference format: repository name must be lowercase',
        'InvalidImageName',
      ),
      'invalid',
    );
  });

  it('finds the missing ConfigMap, Secret or key', () => {
    assert.deepEqual(parseMissingConfig('configmap "app-config" not found'), {
      kind: 'ConfigMap',
      name: 'app-config',
    });
    assert.deepEqual(parseMissingConfig('Error: secret "db" not found'), { kind: 'Secret', name: 'db' });
    assert.deepEqual(parseMissingConfig("couldn't find key DB_HOST in ConfigMap shop/app-config"), {
      kind: 'ConfigMap',
      name: 'app-config',
      key: 'DB_HOST',
    });
    assert.deepEqual(
      parseMissingConfig('MountVolume.SetUp failed for volume "tls" : secret "web-tls" not found'),
      { kind: 'Secret', name: 'web-tls' },
    );
    assert.equal(parseMissingConfig('container has runAsNonRoot and image will run as root'), undefined);
  });

  it('classes probe failures', () => {
    assert.deepEqual(classifyProbeMessage('Liveness probe failed: HTTP probe failed with statuscode: 500'), {
      kind: 'http-status',
      status: 500,
    });
    assert.deepEqual(
      classifyProbeMessage(
        'Readiness probe failed: Get "http://10.0.0.5:8080/ready": dial tcp 10.0.0.5:8080: connect: connection refused',
      ),
      { kind: 'refused' },
    );
    assert.deepEqual(
      classifyProbeMessage(
        'Readiness probe failed: Get "http://10.0.0.5:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      ),
      { kind: 'timeout' },
    );
    assert.deepEqual(
      classifyProbeMessage('Liveness probe failed: timeout: health rpc did not complete within 1s'),
      { kind: 'timeout' },
    );
    assert.deepEqual(
      classifyProbeMessage("Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory"),
      { kind: 'exec' },
    );
  });

  it('reads the application start time from well-known log lines', () => {
    assert.equal(
      appStartSeconds('Started OrdersApplication in 16.2 seconds (process running for 17.0)'),
      16.2,
    );
    assert.equal(
      appStartSeconds(
        '2026-11-23 INFO  [io.quarkus] orders 1.0 on JVM started in 3.512s. Listening on: http://0.0.0.0:8080',
      ),
      3.512,
    );
    assert.equal(appStartSeconds('Listening on :8080'), undefined);
  });

  it('parses hook failures', () => {
    assert.deepEqual(
      parseHookMessage(
        'Exec lifecycle hook ([/bin/sh -c /init.sh]) for Container "app" in Pod "x_ns(uid)" failed - error: command \'/bin/sh -c /init.sh\' exited with 126: , message: "permission denied\\n"',
      ),
      {
        handler: '/bin/sh -c /init.sh',
        exitCode: 126,
        output: 'permission denied',
        error: "command '/bin/sh -c /init.sh' exited with 126",
      },
    );
  });

  it('parses eviction messages: resource, threshold, culprit containers and limits', () => {
    assert.deepEqual(
      parseEvictionMessage(
        'The node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki. Container app was using 1200Mi, request is 0, has larger consumption of memory. Container sidecar was using 20Mi, request is 64Mi, has larger consumption of memory. ',
      ),
      {
        resource: 'memory',
        threshold: '100Mi',
        available: '51200Ki',
        containers: [
          { name: 'app', usage: '1200Mi', request: '0' },
          { name: 'sidecar', usage: '20Mi', request: '64Mi' },
        ],
      },
    );
    assert.deepEqual(parseEvictionMessage('Usage of EmptyDir volume "cache" exceeds the limit "1Gi". '), {
      containers: [],
      resource: 'ephemeral-storage',
      limitExceeded: { volume: 'cache', limit: '1Gi' },
    });
    assert.deepEqual(
      parseEvictionMessage('Pod ephemeral local storage usage exceeds the total limit of containers 1Gi. '),
      {
        containers: [],
        resource: 'ephemeral-storage',
        limitExceeded: { limit: '1Gi' },
      },
    );
    assert.equal(
      parseEvictionMessage('The node had condition: [DiskPressure]. ').resource,
      'ephemeral-storage',
    );
  });

  it('sizes memory: quantities and a suggested limit', () => {
    assert.equal(memoryBytes('512Mi'), 512 * 2 ** 20);
    assert.equal(memoryBytes('1G'), 1e9);
    assert.equal(memoryBytes('1.5Gi'), 1.5 * 2 ** 30);
    assert.equal(memoryBytes('1GB'), undefined);
    assert.equal(suggestedMemory(256 * 2 ** 20), '320Mi');
    assert.equal(suggestedMemory(1200 * 2 ** 20), '1536Mi');
  });
});

describe('timeline', () => {
  it('merges conditions, container states and events in time order, with repeat counts and no duplicates', () => {
    const pod: Pod = {
      ...POD,
      status: {
        phase: 'Running',
        conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-23T11:00:01Z' }],
        containerStatuses: [
          {
            name: 'app',
            ready: true,
            restartCount: 1,
            state: { running: { startedAt: '2026-11-23T11:10:00Z' } },
            lastState: {
              terminated: {
                exitCode: 137,
                reason: 'OOMKilled',
                startedAt: '2026-11-23T11:00:05Z',
                finishedAt: '2026-11-23T11:09:50Z',
              },
            },
          },
        ],
      },
    };
    const backoff = core('BackOff', {
      message: 'Back-off restarting failed container app in pod web-1_shop(uid)',
      count: 12,
      lastTimestamp: '2026-11-23T11:09:55Z',
    });
    const e = explainPod({ pod, events: [backoff, backoff], nowMs: Date.parse('2026-11-23T11:20:00Z') });
    assert.deepEqual(
      e.timeline.map((t) => `${t.time} ${t.source} ${t.text}`),
      [
        '2026-11-23T11:00:00Z status Pod created',
        '2026-11-23T11:00:01Z status PodScheduled is True',
        '2026-11-23T11:00:05Z status app started',
        '2026-11-23T11:09:50Z status app exited with code 137 (OOMKilled): killed by SIGKILL',
        '2026-11-23T11:09:55Z event BackOff: Back-off restarting failed container app in pod web-1_shop(uid) (×12)',
        '2026-11-23T11:10:00Z status app started',
      ],
    );
    assert.equal(e.timeline[3]!.severity, 'warning');
  });

  it('builds a container card with exit meanings', () => {
    const e = explainPod({
      pod: {
        ...POD,
        status: {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'app',
              image: 'nginx:1.27',
              restartCount: 4,
              ready: false,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: {
                terminated: { exitCode: 127, reason: 'Error', finishedAt: '2026-11-23T11:09:50Z' },
              },
            },
          ],
        },
      },
      nowMs: Date.parse('2026-11-23T11:10:00Z'),
    });
    assert.deepEqual(e.containers, [
      {
        name: 'app',
        role: 'main',
        image: 'nginx:1.27',
        state: 'waiting',
        stateText: 'Waiting: CrashLoopBackOff',
        reason: 'CrashLoopBackOff',
        lastState: 'Terminated: Error (exit 127) at 2026-11-23T11:09:50Z',
        lastExitCode: 127,
        lastExitMeaning: 'command not found',
        restarts: 4,
        ready: false,
      },
    ]);
  });
});
