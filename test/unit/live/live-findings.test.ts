import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeEvent, Pod } from '../../../src/core/k8s';
import { explainPod } from '../../../src/core/diagnose';
import { liveFindings } from '../../../src/core/live-findings';
import { parseManifests } from '../../../src/core/manifest/parse';
import { applyFix } from '../helpers';

/** Live findings from the real-shaped pods of test/fixtures/pods on hand-written manifests. */

interface Fixture {
  pod: Pod;
  events?: KubeEvent[];
  now: string;
}

const load = (name: string): Fixture =>
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'fixtures', 'pods', `${name}.pod.json`), 'utf8'),
  ) as Fixture;

/** A copy of a fixture's pod under another name (a second replica). */
function replica(pod: Pod, name: string): Pod {
  return { ...pod, metadata: { ...pod.metadata, name, uid: `${pod.metadata?.uid ?? ''}-${name}` } };
}

/** A healthy pod re-labelled as a replica of `app` (owned by ReplicaSet `app-hash`). */
function healthyReplicaOf(app: string, hash: string): Pod {
  const pod = load('healthy-single').pod;
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      name: `${app}-${hash}-zzzzz`,
      labels: { app, 'pod-template-hash': hash },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-${hash}`, uid: 'x', controller: true },
      ],
    },
  };
}

function deployment(name: string, app: string, container: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
${container}`;
}

const NOW = Date.parse('2026-11-23T12:00:00Z');
const oom = load('oom-killed-limit');

const live = (text: string, pods: Pod[], events: KubeEvent[] = [], rules = {}) =>
  liveFindings(parseManifests(text), { pods, events, namespace: 'default', nowMs: NOW, rules });

function run(text: string, pods: Pod[], events: KubeEvent[] = [], rules = {}) {
  return live(text, pods, events, rules).map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.start.line + 1,
    text: text.slice(f.range.start, f.range.end),
  }));
}

const resizer = deployment(
  'image-resizer',
  'image-resizer',
  `        - name: app
          image: registry.example.com/shop/image-resizer:2.3.1
          resources:
            limits:
              memory: 256Mi
`,
);

describe('live findings on manifests', () => {
  it('groups OOMKilled replicas into one finding at limits.memory, with the value to set', () => {
    const pods = [
      oom.pod,
      replica(oom.pod, 'image-resizer-6e7f8a9b0-x9y8z'),
      healthyReplicaOf('image-resizer', '6e7f8a9b0'),
    ];
    const found = run(resizer, pods, oom.events);
    assert.equal(found.length, 1, JSON.stringify(found));
    const [f] = found;
    assert.equal(f?.ruleId, 'live-oom-killed');
    assert.equal(f?.severity, 'error');
    assert.equal(f?.line, 20);
    assert.equal(f?.text, 'memory: 256Mi');
    const silenced = resizer.replace(
      '              memory: 256Mi',
      '              # pod-doctor-disable-next-line live-oom-killed\n              memory: 256Mi',
    );
    assert.deepEqual(run(silenced, pods, oom.events), []);
    // The failing pods it groups, which the editor offers to explain (not the healthy replica).
    const [grouped] = liveFindings(parseManifests(resizer), {
      pods,
      events: oom.events ?? [],
      namespace: 'default',
      nowMs: NOW,
    });
    assert.deepEqual(
      grouped?.pods.map((p) => p.name),
      [oom.pod.metadata?.name, 'image-resizer-6e7f8a9b0-x9y8z'],
    );
    assert.match(
      f?.message ?? '',
      /^live: 2 of 3 pods of image-resizer are OOMKilled \(exit 137, \d+ restarts\): raise limits\.memory to 320Mi$/,
    );
  });

  it("sits at the container's name when the field the fix names is absent", () => {
    const text = deployment(
      'image-resizer',
      'image-resizer',
      `        - name: app
          image: registry.example.com/shop/image-resizer:2.3.1
`,
    );
    const [f] = run(text, [oom.pod], oom.events);
    assert.equal(f?.ruleId, 'live-oom-killed');
    assert.equal(f?.text, 'name: app');
    assert.equal(f?.line, 16);
    assert.match(
      f?.message ?? '',
      /^live: 1 of 1 pod of image-resizer is OOMKilled \(exit 137, \d+ restarts\)/,
    );
  });

  it('carries an Apply fix that sets limits.memory to the value of the diagnosis', () => {
    const [f] = live(resizer, [oom.pod], oom.events);
    const diagnosis = explainPod({ pod: oom.pod, events: oom.events ?? [], nowMs: NOW }).diagnoses.find(
      (d) => d.id === 'oom-killed',
    );
    const value = diagnosis?.fixes.find((x) => x.specPath?.endsWith('limits.memory'))?.value;
    assert.equal(value, '320Mi');
    assert.equal(f?.fix?.title, 'Set limits.memory of app to 320Mi');
    assert.equal(applyFix(resizer, f?.fix), resizer.replace('memory: 256Mi', 'memory: 320Mi'));
  });

  it('inserts the missing limit under the container when the manifest sets none', () => {
    const text = deployment(
      'image-resizer',
      'image-resizer',
      `        - name: app
          image: registry.example.com/shop/image-resizer:2.3.1
          # sized for 4k images
`,
    );
    const [f] = live(text, [oom.pod], oom.events);
    assert.equal(f?.ruleId, 'live-oom-killed');
    assert.equal(
      applyFix(text, f?.fix),
      text.replace(
        '          # sized',
        '          resources:\n            limits:\n              memory: 320Mi\n          # sized',
      ),
    );
  });

  it('puts an image pull failure on the image line', () => {
    const pull = load('image-pull-not-found');
    const text = deployment(
      'frontend',
      'frontend',
      `        - name: app
          image: docker.io/acme/frontend:9.9.9
`,
    );
    const [f, ...rest] = run(text, [pull.pod], pull.events);
    assert.equal(rest.length, 0);
    assert.equal(f?.ruleId, 'live-image-pull');
    assert.equal(f?.severity, 'error');
    assert.equal(f?.text, 'image: docker.io/acme/frontend:9.9.9');
    assert.match(f?.message ?? '', /^live: 1 of 1 pod of frontend cannot pull its image: /);
  });

  it('gives nothing for healthy, starting and completed pods', () => {
    const healthy = load('healthy-single');
    const pending = load('pending-not-yet-scheduled');
    const web = deployment('web', 'web', '        - name: app\n          image: nginx:1.27\n');
    assert.deepEqual(
      run(web, [healthy.pod, pending.pod], [...(healthy.events ?? []), ...(pending.events ?? [])]),
      [],
    );
    const job = load('completed-job');
    const cron = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-backup
  namespace: shop
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
            app: nightly-backup
        spec:
          restartPolicy: OnFailure
          containers:
            - name: backup
              image: registry.example.com/backup:1.0
`;
    assert.deepEqual(run(cron, [job.pod], job.events), []);
  });

  it('ignores pods of another workload that the selector also matches, and other namespaces', () => {
    // A canary with the same labels: the pods' ReplicaSet belongs to image-resizer, not to it.
    const canary = resizer.replace('name: image-resizer\n', 'name: image-resizer-canary\n');
    assert.deepEqual(run(canary, [oom.pod], oom.events), []);
    assert.deepEqual(
      run(resizer.replace('namespace: shop', 'namespace: staging'), [oom.pod], oom.events),
      [],
    );
  });

  it('finds a bare Pod by its name, and honours a rule turned off', () => {
    const crash = load('crashloop-exit-1-python-traceback');
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: fulfilment-7b8c9d0e1-f2a3b
  namespace: shop
spec:
  containers:
    - name: app
      image: registry.example.com/shop/fulfilment:1.0
`;
    const [f] = run(text, [crash.pod], crash.events);
    assert.equal(f?.ruleId, 'live-crash-loop');
    assert.match(
      f?.message ?? '',
      /^live: pod fulfilment-7b8c9d0e1-f2a3b is crash-looping \(exit 1, \d+ restarts\)/,
    );
    assert.deepEqual(run(text, [crash.pod], crash.events, { 'live-crash-loop': 'off' }), []);
    assert.equal(
      run(text, [crash.pod], crash.events, { 'live-crash-loop': 'warning' })[0]?.severity,
      'warning',
    );
  });
});
