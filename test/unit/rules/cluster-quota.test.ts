import assert from 'node:assert/strict';
import type { ResourceQuotaInfo } from '../../../src/core/cluster-lint/snapshot';
import { clusterFindings, lineAndMessage, shopCluster } from '../cluster-lint/fixtures';
import { readManifest } from '../helpers';

const ID = 'cluster-quota';
const deployment = readManifest('cluster/shop-api-deployment.yaml');
const quota = (q: Partial<ResourceQuotaInfo>): ResourceQuotaInfo => ({
  name: 'compute',
  hard: {},
  used: {},
  ...q,
});
const noLimitRanges = { limitRanges: { state: 'ok', items: [] } } as const;

describe(ID, () => {
  it('is an error when a tracked resource is unset and no LimitRange default fills it', () => {
    const cluster = shopCluster({
      ...noLimitRanges,
      resourceQuotas: {
        state: 'ok',
        items: [quota({ hard: { 'limits.cpu': '4', 'limits.memory': '8Gi' } })],
      },
    });
    const findings = clusterFindings(ID, deployment, cluster);
    assert.deepEqual(findings.map(lineAndMessage), [
      '45: ResourceQuota "compute" tracks limits.cpu, which the pod leaves unset: the Deployment is accepted but every pod it creates is rejected (FailedCreate) (failed quota: compute: must specify limits.cpu for: api).',
    ]);
    assert.equal(findings[0]?.severity, 'error');
  });

  it('is satisfied by a LimitRange default, as the API server fills it before the quota check', () => {
    const cluster = shopCluster({
      resourceQuotas: {
        state: 'ok',
        items: [quota({ hard: { 'limits.cpu': '40' }, used: { 'limits.cpu': '1' } })],
      },
    });
    assert.deepEqual(clusterFindings(ID, deployment, cluster), []);
  });

  it("warns when requests × replicas exceed hard − used, with the quota plugin's numbers", () => {
    const findings = clusterFindings(ID, deployment.replace('replicas: 2', 'replicas: 10'));
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${lineAndMessage(f)}`),
      [
        'warning 43: 10 replicas need requests.cpu 2500m (left: 2 of 8), more than ResourceQuota "compute" has left: pods beyond it fail (exceeded quota: compute, requested: requests.cpu=250m, used: requests.cpu=6, limited: requests.cpu=8).',
      ],
    );
  });

  it('counts the limits LimitRange fills in, and pods', () => {
    const cluster = shopCluster({
      resourceQuotas: {
        state: 'ok',
        items: [
          quota({ hard: { 'limits.cpu': '1500m', pods: '3' }, used: { 'limits.cpu': '1', pods: '2' } }),
        ],
      },
    });
    // Each pod gets the 500m default CPU limit: 2 × 500m > 500m left; 2 pods > 1 left.
    assert.match(
      clusterFindings(ID, deployment, cluster)[0]?.message ?? '',
      /^2 replicas need limits\.cpu 1 \(left: 500m of 1500m\), pods 2 \(left: 1 of 3\), more than ResourceQuota "compute" has left/,
    );
  });

  it('skips quotas whose scopes do not cover the pod, and is quiet when the quota has room', () => {
    const bestEffortOnly = shopCluster({
      ...noLimitRanges,
      resourceQuotas: {
        state: 'ok',
        items: [quota({ hard: { 'limits.cpu': '1' }, scopes: ['BestEffort'] })],
      },
    });
    assert.deepEqual(clusterFindings(ID, deployment, bestEffortOnly), []);
    assert.deepEqual(clusterFindings(ID, deployment), []);
  });
});
