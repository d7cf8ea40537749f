import assert from 'node:assert/strict';
import { clusterFindings, lineAndMessage, shopCluster } from '../cluster-lint/fixtures';
import { readManifest } from '../helpers';

const ID = 'cluster-priorityclass-missing';
const deployment = readManifest('cluster/shop-api-deployment.yaml');

describe(ID, () => {
  it("reports a priorityClassName the cluster lacks, with the Priority plugin's words", () => {
    const text = deployment.replace(
      'priorityClassName: business-critical',
      'priorityClassName: high-priority',
    );
    assert.deepEqual(clusterFindings(ID, text).map(lineAndMessage), [
      '19: PriorityClass "high-priority" does not exist in the cluster: the Deployment is accepted but every pod it creates is rejected (FailedCreate) (no PriorityClass with name high-priority was found).',
    ]);
  });

  it('is quiet when it exists, and says once when PriorityClasses cannot be listed', () => {
    assert.deepEqual(clusterFindings(ID, deployment), []);
    const snapshot = shopCluster({}, { priorityClasses: { state: 'unavailable' } });
    assert.deepEqual(clusterFindings(ID, deployment, snapshot).map(lineAndMessage), [
      '19: Cannot check PriorityClasses: unavailable.',
    ]);
  });
});
