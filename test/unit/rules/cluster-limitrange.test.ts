import assert from 'node:assert/strict';
import type { LimitRangeItem } from '../../../src/core/cluster-lint/snapshot';
import { clusterFindings, lineAndMessage, shopCluster } from '../cluster-lint/fixtures';
import { readManifest } from '../helpers';

const ID = 'cluster-limitrange';
const deployment = readManifest('cluster/shop-api-deployment.yaml');
const REJECTED = 'the Deployment is accepted but every pod it creates is rejected (FailedCreate)';
const withLimits = (...limits: LimitRangeItem[]) =>
  shopCluster({ limitRanges: { state: 'ok', items: [{ name: 'limits', limits }] } });

describe(ID, () => {
  it("reports a limit above the Container max in LimitRanger's words, at the limit", () => {
    const findings = clusterFindings(ID, deployment.replace('memory: 512Mi', 'memory: 4Gi'));
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${lineAndMessage(f)}`),
      [
        'info 23: LimitRange "container-limits" will fill in limits.cpu: 500m for container "api" (left empty here).',
        `error 46: LimitRange "container-limits" in namespace "shop": maximum memory usage per Container is 2Gi, but limit is 4Gi: ${REJECTED}.`,
      ],
    );
    assert.equal(findings[1]?.start.character, 22);
  });

  it('fills defaults first: a max alone becomes the default limit, so a missing limit passes max', () => {
    const text = deployment.replace('            limits:\n              memory: 512Mi\n', '');
    const findings = clusterFindings(ID, text, withLimits({ type: 'Container', max: { memory: '1Gi' } }));
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${lineAndMessage(f)}`),
      ['info 23: LimitRange "limits" will fill in limits.memory: 1Gi for container "api" (left empty here).'],
    );
  });

  it('checks min and maxLimitRequestRatio, and Pod totals', () => {
    const cluster = withLimits(
      { type: 'Container', min: { cpu: '500m' }, maxLimitRequestRatio: { memory: '1500m' } },
      { type: 'Pod', max: { memory: '256Mi' } },
    );
    assert.deepEqual(clusterFindings(ID, deployment, cluster).map(lineAndMessage), [
      `23: LimitRange "limits" in namespace "shop": maximum memory usage per Pod is 256Mi, but limit is 512Mi: ${REJECTED}.`,
      `43: LimitRange "limits" in namespace "shop": minimum cpu usage per Container is 500m, but request is 250m: ${REJECTED}.`,
      `46: LimitRange "limits" in namespace "shop": memory max limit to request ratio per Container is 1500m, but provided ratio is 2.000000: ${REJECTED}.`,
    ]);
  });

  it('says a Pod is rejected by the API server, and is quiet within the limits', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: tiny\nspec:\n  containers:\n    - name: tiny\n      image: busybox:1.36\n      command: ["sleep", "3600"]\n      resources:\n        requests: { cpu: 50m, memory: 16Mi }\n        limits: { cpu: 100m, memory: 16Mi }\n';
    const cluster = withLimits({ type: 'Container', min: { memory: '32Mi' } });
    assert.deepEqual(
      clusterFindings(ID, pod, cluster).map((f) => f.message),
      [
        'LimitRange "limits" in namespace "shop": minimum memory usage per Container is 32Mi, but request is 16Mi: the API server rejects the pod.',
      ],
    );
    assert.deepEqual(clusterFindings(ID, pod, withLimits({ type: 'Container', max: { cpu: '1' } })), []);
    assert.deepEqual(clusterFindings(ID, pod, shopCluster({ limitRanges: { state: 'ok', items: [] } })), []);
  });

  it('reports a default limit filled in below the request: pod validation refuses it', () => {
    const text = deployment.replace('cpu: 250m', 'cpu: "1"');
    const findings = clusterFindings(ID, text).filter((f) => f.severity === 'error');
    assert.deepEqual(findings.map(lineAndMessage), [
      `43: LimitRange "container-limits" in namespace "shop": the default cpu limit 500m is below the request 1 (spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m): ${REJECTED}.`,
    ]);
  });
});
