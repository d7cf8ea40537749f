import assert from 'node:assert/strict';
import { explainPod, type DiagnoseInput, type Explanation } from '../../src/core/diagnose';
import type { ContainerStateTerminated, KubeEvent, ObjectMeta, Pod } from '../../src/core/k8s';
import { triage, type OwnerObject } from '../../src/core/triage';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A run that ended with `code`, started and finished so many milliseconds before NOW. */
function exited(code: number, startedAgo: number, finishedAgo: number): ContainerStateTerminated {
  return {
    exitCode: code,
    reason: 'Error',
    startedAt: iso(NOW - startedAgo),
    finishedAt: iso(NOW - finishedAgo),
  };
}

interface Cluster {
  pods: Pod[];
  events: KubeEvent[];
  owners: OwnerObject[];
}

function meta(
  namespace: string,
  name: string,
  owner?: { kind: string; name: string; uid: string },
): ObjectMeta {
  return {
    namespace,
    name,
    uid: `uid-${namespace}-${name}`,
    creationTimestamp: iso(NOW - 3_600_000),
    ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', ...owner, controller: true }] } : {}),
  };
}

function event(pod: Pod, reason: string, message: string, container?: string): KubeEvent {
  return {
    involvedObject: {
      kind: 'Pod',
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      uid: pod.metadata?.uid ?? '',
      ...(container ? { fieldPath: `spec.containers{${container}}` } : {}),
    },
    reason,
    message,
    type: 'Warning',
    count: 5,
    firstTimestamp: iso(NOW - 1_800_000),
    lastTimestamp: iso(NOW - 60_000),
  };
}

/**
 * A cluster of `n` pods (n a multiple of 20) of a known mix: 12/20 healthy, 4/20 crash-looping in
 * four Deployments, 2/20 failing to pull one of two images, 1/20 Job pods that failed under a
 * CronJob, 1/20 unschedulable.
 */
function cluster(n: number): Cluster {
  const out: Cluster = { pods: [], events: [], owners: [] };
  const replicaSet = (namespace: string, deployment: string): { kind: string; name: string; uid: string } => {
    const name = `${deployment}-7c9d5f8b6`;
    const uid = `uid-rs-${namespace}-${name}`;
    if (!out.owners.some((o) => o.metadata?.uid === uid))
      out.owners.push({
        kind: 'ReplicaSet',
        metadata: {
          namespace,
          name,
          uid,
          ownerReferences: [
            { kind: 'Deployment', name: deployment, uid: `uid-d-${deployment}`, controller: true },
          ],
        },
      });
    return { kind: 'ReplicaSet', name, uid };
  };
  const job = (namespace: string, i: number): { kind: string; name: string; uid: string } => {
    const name = `nightly-${29012345 + i}`;
    const uid = `uid-job-${name}`;
    out.owners.push({
      kind: 'Job',
      metadata: {
        namespace,
        name,
        uid,
        ownerReferences: [{ kind: 'CronJob', name: 'nightly', uid: 'uid-cj-nightly', controller: true }],
      },
    });
    return { kind: 'Job', name, uid };
  };
  for (let i = 0; i < n; i++) {
    const r = i % 20;
    const namespace = i % 2 === 0 ? 'shop' : 'batch';
    const started = iso(NOW - 3_000_000);
    if (r < 12) {
      out.pods.push({
        metadata: meta(namespace, `web-${i}`, replicaSet(namespace, 'web')),
        spec: { nodeName: 'worker-1', containers: [{ name: 'app', image: 'nginx:1.27' }] },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            { name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: started } } },
          ],
        },
      });
    } else if (r < 16) {
      const deployment = `api-${r - 12}`;
      const pod: Pod = {
        metadata: meta(namespace, `${deployment}-${i}`, replicaSet(namespace, deployment)),
        spec: { nodeName: 'worker-2', containers: [{ name: 'app', image: 'registry.example.com/api:2.0' }] },
        status: {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 6,
              state: {
                waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' },
              },
              lastState: { terminated: exited(1, 200_000, 190_000) },
            },
          ],
        },
      };
      out.pods.push(pod);
      out.events.push(event(pod, 'BackOff', 'Back-off restarting failed container app in pod', 'app'));
    } else if (r < 18) {
      const image = r === 16 ? 'registry.example.com/cart:9.9.9' : 'registry.example.com/search:1.0.0-typo';
      const pod: Pod = {
        metadata: meta(namespace, `pull-${i}`, replicaSet(namespace, r === 16 ? 'cart' : 'search')),
        spec: { nodeName: 'worker-3', containers: [{ name: 'app', image }] },
        status: {
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 0,
              state: {
                waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` },
              },
            },
          ],
        },
      };
      out.pods.push(pod);
      out.events.push(
        event(
          pod,
          'Failed',
          `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`,
          'app',
        ),
      );
    } else if (r === 18) {
      out.pods.push({
        metadata: meta('batch', `nightly-${i}-x7k2p`, job('batch', i)),
        spec: {
          nodeName: 'worker-4',
          restartPolicy: 'Never',
          containers: [{ name: 'report', image: 'report:1' }],
        },
        status: {
          phase: 'Failed',
          containerStatuses: [
            {
              name: 'report',
              ready: false,
              restartCount: 0,
              state: { terminated: exited(2, 900_000, 800_000) },
            },
          ],
        },
      });
    } else {
      const pod: Pod = {
        metadata: meta(namespace, `big-${i}`, replicaSet(namespace, 'big')),
        spec: { containers: [{ name: 'app', image: 'big:1', resources: { requests: { cpu: '64' } } }] },
        status: {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/3 nodes are available: 3 Insufficient cpu.',
            },
          ],
        },
      };
      out.pods.push(pod);
      out.events.push({
        ...event(pod, 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu.'),
        source: { component: 'default-scheduler' },
        // Seen last: of the groups as large and as severe, this one comes first.
        lastTimestamp: iso(NOW - 10_000),
      });
    }
  }
  return out;
}

function counted(c: Cluster): { calls: number; eventsGiven: number; result: ReturnType<typeof triage> } {
  let calls = 0;
  let eventsGiven = 0;
  const explain = (input: DiagnoseInput): Explanation => {
    calls++;
    eventsGiven += input.events?.length ?? 0;
    return explainPod(input);
  };
  const result = triage({ ...c, nowMs: NOW, scope: { context: 'test', namespace: null }, explain });
  return { calls, eventsGiven, result };
}

describe('triage', () => {
  it('groups 10,000 pods by cause and workload, with counts that match the mix', function () {
    this.timeout(120_000);
    const c = cluster(10_000);
    const { result } = counted(c);
    assert.equal(result.pods, 10_000);
    assert.equal(result.healthy, 6_000);
    assert.equal(result.unhealthy, 4_000);
    assert.deepEqual(
      result.groups.map((g) => [g.id, g.severity, g.count, g.title]),
      [
        ['crash-loop', 'critical', 2_000, '2,000 pods keep crashing'],
        ['unschedulable', 'critical', 500, '500 pods cannot be scheduled'],
        ['image-pull', 'critical', 500, '500 pods cannot pull their image'],
        ['image-pull', 'critical', 500, '500 pods cannot pull their image'],
        ['failed', 'error', 500, '500 pods exited with an error'],
      ],
    );
    const crash = result.groups[0]!;
    assert.equal(crash.detail, 'container app, exit code 1');
    assert.deepEqual(
      crash.workloads.map((w) => [w.kind, w.namespace, w.name, w.count]),
      [
        ['Deployment', 'shop', 'api-0', 500],
        ['Deployment', 'batch', 'api-1', 500],
        ['Deployment', 'shop', 'api-2', 500],
        ['Deployment', 'batch', 'api-3', 500],
      ],
    );
    assert.deepEqual(crash.namespaces, ['batch', 'shop']);
    assert.equal(crash.pods.length, 2_000);
    assert.equal(crash.example.diagnoses[0]?.id, 'crash-loop');
    assert.ok(crash.firstSeen && crash.lastSeen && crash.firstSeen <= crash.lastSeen);
    assert.deepEqual(
      result.groups
        .filter((g) => g.id === 'image-pull')
        .map((g) => g.detail)
        .sort(),
      ['image registry.example.com/cart:9.9.9', 'image registry.example.com/search:1.0.0-typo'],
    );
    const failed = result.groups.find((g) => g.id === 'failed')!;
    assert.deepEqual(
      failed.workloads.map((w) => [w.kind, w.name, w.count]),
      [['CronJob', 'nightly', 500]],
    );
  });

  it('is linear: one engine call per pod, and each event handed to its own pod only', function () {
    this.timeout(120_000);
    const small = cluster(1_000);
    const large = cluster(10_000);
    const a = counted(small);
    const b = counted(large);
    assert.equal(a.calls, 1_000);
    assert.equal(b.calls, 10_000);
    // Were events scanned per pod, the work would grow with pods × events; here every event is
    // handed to exactly one explanation, so the work grows with pods + events.
    assert.equal(a.eventsGiven, small.events.length);
    assert.equal(b.eventsGiven, large.events.length);
    assert.equal(b.calls + b.eventsGiven, 10 * (a.calls + a.eventsGiven));
  });

  it('counts healthy, completed and normally starting pods without listing them', () => {
    const c = cluster(20);
    c.pods.push({
      metadata: meta('batch', 'done-1'),
      spec: { nodeName: 'worker-1', restartPolicy: 'Never', containers: [{ name: 'job', image: 'job:1' }] },
      status: {
        phase: 'Succeeded',
        containerStatuses: [
          {
            name: 'job',
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode: 0, reason: 'Completed' } },
          },
        ],
      },
    });
    c.pods.push({
      metadata: { ...meta('shop', 'new-1'), creationTimestamp: iso(NOW - 10_000) },
      spec: { containers: [{ name: 'app', image: 'app:1' }] },
      status: { phase: 'Pending' },
    });
    const { result } = counted(c);
    assert.equal(result.pods, 22);
    assert.equal(result.completed, 1);
    assert.equal(result.pending, 1);
    assert.equal(result.healthy, 12);
    assert.equal(result.unhealthy, 8);
    assert.ok(!result.groups.some((g) => g.pods.some((p) => p.name === 'done-1' || p.name === 'new-1')));
  });
});
