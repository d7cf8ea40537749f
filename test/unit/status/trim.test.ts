import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../../src/cluster/index';
import { explainPod } from '../../../src/core/diagnose';
import type { Pod } from '../../../src/core/k8s';
import { NOT_FAILING } from '../../../src/core/live-rules';
import { isCompactPod, kubectlPodRow, PodTrimmer, podsOfManifest } from '../../../src/core/status';
import { ownersOf } from '../../../src/core/triage-owners';
import { containerUsage, type PodMetrics } from '../../../src/core/usage';
import { startDemoCluster } from '../../../src/demo/index';
import { isUnhealthy, podIcon } from '../../../src/extension/tree/model';

/** A pod and the time it was read at: the corpus the trimmed and full pods are compared over. */
interface Sample {
  readonly label: string;
  readonly pod: Pod;
  readonly nowMs: number;
}

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'pods');

/** The real-shaped pods of test/fixtures/pods, each at the time it was read. */
function fixtureSamples(): Sample[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.pod.json'))
    .map((f) => {
      const fixture = JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as { pod: Pod; now: string };
      return { label: f, pod: fixture.pod, nowMs: Date.parse(fixture.now) };
    });
}

/** Every pod of the demo cluster (scenarios and generated ones), read whole as a list gives them. */
async function demoSamples(): Promise<Sample[]> {
  const cluster = await startDemoCluster({ pods: 200 });
  const dir = mkdtempSync(join(tmpdir(), 'pd-trim-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await cluster.writeKubeconfig(kubeconfig);
  const session = connect({ kubeconfig, env: {} });
  try {
    const read = async (when: string): Promise<Sample[]> =>
      (await session.listPods(undefined)).map((pod) => ({
        label: `demo ${when} ${pod.metadata?.namespace}/${pod.metadata?.name}`,
        pod,
        nowMs: cluster.now(),
      }));
    const first = await read('at start');
    // Ten minutes later the scenarios have crashed, restarted, become ready or completed.
    cluster.advance(600);
    return [...first, ...(await read('10 min later'))];
  } finally {
    session.dispose();
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the tooltip shows of a pod beside its row. */
function tooltipView(pod: Pod): unknown {
  const state = (s: NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number]['state']) => ({
    running: s?.running?.startedAt,
    waiting: s?.waiting && { reason: s.waiting.reason, message: s.waiting.message },
    terminated: s?.terminated && {
      reason: s.terminated.reason,
      exitCode: s.terminated.exitCode,
      signal: s.terminated.signal,
    },
  });
  const containers = (list: NonNullable<Pod['status']>['containerStatuses']) =>
    (list ?? []).map((c) => ({
      name: c.name,
      ready: c.ready,
      restartCount: c.restartCount ?? 0,
      state: state(c.state),
      last: c.lastState?.terminated ? state(c.lastState) : undefined,
    }));
  return {
    message: pod.status?.message,
    conditions: (pod.status?.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message]),
    init: containers(pod.status?.initContainerStatuses),
    main: containers(pod.status?.containerStatuses),
  };
}

/** Metrics naming every container, so that usage reads each one's requests and limits. */
function metricsFor(pod: Pod): PodMetrics {
  const names = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map(
    (c) => c.name ?? '',
  );
  return { containers: names.map((name) => ({ name, usage: { cpu: '12m', memory: '40Mi' } })) };
}

describe('PodTrimmer: what the pod watch cache keeps', function () {
  this.timeout(30_000);
  let samples: Sample[] = [];

  before(async () => {
    samples = [...fixtureSamples(), ...(await demoSamples())];
  });

  it('covers both kinds of pods: compact healthy ones and whole failing ones', () => {
    const trimmer = new PodTrimmer();
    const compact = samples.filter((s) => isCompactPod(trimmer.trim(s.pod))).length;
    assert.ok(samples.length >= 300, `${samples.length} pods`);
    assert.ok(compact >= 100, `${compact} compact`);
    assert.ok(samples.length - compact >= 100, `${samples.length - compact} whole`);
  });

  it('gives every pod the same STATUS, READY, RESTARTS and AGE, and the same tree row and icon', () => {
    const trimmer = new PodTrimmer();
    for (const { label, pod, nowMs } of samples) {
      const trimmed = trimmer.trim(pod);
      const row = kubectlPodRow(pod, nowMs);
      assert.deepEqual(kubectlPodRow(trimmed, nowMs), row, label);
      const trimmedRow = kubectlPodRow(trimmed, nowMs);
      assert.deepEqual(podIcon(trimmedRow), podIcon(row), label);
      assert.equal(isUnhealthy(trimmedRow), isUnhealthy(row), label);
    }
  });

  it('keeps what the tooltip, its usage, the live lens and triage read', () => {
    const trimmer = new PodTrimmer();
    for (const { label, pod } of samples) {
      const trimmed = trimmer.trim(pod);
      assert.deepEqual(tooltipView(trimmed), tooltipView(pod), label);
      assert.deepEqual(containerUsage(trimmed, metricsFor(pod)), containerUsage(pod, metricsFor(pod)), label);
      assert.deepEqual(ownersOf([trimmed]), ownersOf([pod]), label);
      assert.deepEqual(trimmed.metadata?.labels, pod.metadata?.labels, label);
      const workload = {
        kind: 'Deployment',
        metadata: { namespace: pod.metadata?.namespace ?? '' },
        spec: { selector: { matchLabels: { ...pod.metadata?.labels } } },
      };
      if (Object.keys(pod.metadata?.labels ?? {}).length > 0)
        assert.equal(podsOfManifest(workload, [trimmed], 'default').length, 1, label);
    }
  });

  it('makes a pod compact only when explaining it finds nothing failing, and explaining it gives the same', () => {
    const trimmer = new PodTrimmer();
    for (const { label, pod, nowMs } of samples) {
      const trimmed = trimmer.trim(pod);
      if (!isCompactPod(trimmed)) continue;
      const full = explainPod({ pod, events: [], nowMs }).diagnoses.map((d) => d.id);
      assert.deepEqual(
        full.filter((id) => !NOT_FAILING.has(id)),
        [],
        `${label} is compact but explaining it finds ${full.join(', ')}`,
      );
      assert.deepEqual(
        explainPod({ pod: trimmed, events: [], nowMs }).diagnoses.map((d) => d.id),
        full,
        label,
      );
    }
  });

  it('keeps every other pod whole: the same object, and explaining it gives the same', () => {
    const trimmer = new PodTrimmer();
    for (const { label, pod, nowMs } of samples) {
      const trimmed = trimmer.trim(pod);
      if (isCompactPod(trimmed)) continue;
      assert.deepEqual(trimmed, pod, label);
      assert.deepEqual(
        explainPod({ pod: trimmed, events: [], nowMs }),
        explainPod({ pod, events: [], nowMs }),
        label,
      );
    }
  });

  it('keeps a failing pod whole, without managedFields and the last-applied annotation', () => {
    const trimmer = new PodTrimmer();
    const failing = samples.find((s) => kubectlPodRow(s.pod, s.nowMs).problem);
    assert.ok(failing);
    const pod: Pod = {
      ...failing.pod,
      metadata: {
        ...failing.pod.metadata,
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}',
          'team.example.com/owner': 'payments',
        },
        managedFields: [{ manager: 'kubelet', operation: 'Update' }],
      } as NonNullable<Pod['metadata']>,
    };
    const kept = trimmer.trim(pod);
    assert.equal(isCompactPod(kept), false);
    assert.deepEqual(kept.spec, failing.pod.spec);
    assert.deepEqual(kept.status, failing.pod.status);
    assert.deepEqual(kept.metadata?.annotations, { 'team.example.com/owner': 'payments' });
    assert.equal('managedFields' in (kept.metadata ?? {}), false);
  });

  it('shares equal labels and owner references between pods, frozen, and never the pod itself', () => {
    const trimmer = new PodTrimmer();
    const healthy = samples
      .map((s) => trimmer.trim(s.pod))
      .filter((p) => isCompactPod(p) && p.metadata?.labels?.['pod-template-hash'] !== undefined);
    const hash = (p: Pod) => p.metadata?.labels?.['pod-template-hash'];
    const a = healthy.find((p) =>
      healthy.some((q) => hash(q) === hash(p) && q.metadata?.name !== p.metadata?.name),
    );
    const b = healthy.find((q) => a && hash(q) === hash(a) && q.metadata?.name !== a.metadata?.name);
    assert.ok(a && b);
    assert.equal(a.metadata?.labels, b.metadata?.labels);
    assert.equal(a.metadata?.ownerReferences, b.metadata?.ownerReferences);
    assert.ok(Object.isFrozen(a.metadata?.labels));
    assert.notEqual(a.status, b.status);
  });
});
