import assert from 'node:assert/strict';
import { clusterFindings, lineAndMessage } from '../cluster-lint/fixtures';
import { applyFix, readManifest } from '../helpers';

const ID = 'cluster-serviceaccount-missing';
const deployment = readManifest('cluster/shop-api-deployment.yaml');

describe(ID, () => {
  it('reports a missing ServiceAccount of a Deployment: accepted, but its pods are rejected', () => {
    const text = deployment.replace('serviceAccountName: shop-api', 'serviceAccountName: shop-ap');
    const findings = clusterFindings(ID, text);
    assert.deepEqual(findings.map(lineAndMessage), [
      '18: ServiceAccount "shop-ap" does not exist in namespace "shop": the Deployment is accepted but every pod it creates is rejected (FailedCreate) (error looking up service account shop/shop-ap: serviceaccount "shop-ap" not found). Did you mean "shop-api"?',
    ]);
    assert.equal(applyFix(text, findings[0]?.fix), deployment);
  });

  it('says the API server rejects a Pod, and reads the deprecated serviceAccount field too', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: job\nspec:\n  serviceAccount: robot\n  containers:\n    - name: job\n      image: busybox:1.36\n';
    assert.deepEqual(clusterFindings(ID, pod).map(lineAndMessage), [
      '6: ServiceAccount "robot" does not exist in namespace "shop": the API server rejects the pod (error looking up service account shop/robot: serviceaccount "robot" not found).',
    ]);
  });

  it('is quiet for an existing account, one created by the same files, and "default"', () => {
    assert.deepEqual(clusterFindings(ID, deployment), []);
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: robot\n  namespace: shop\n';
    const text = deployment.replace('serviceAccountName: shop-api', 'serviceAccountName: robot');
    assert.deepEqual(clusterFindings(ID, text, undefined, { otherFiles: [sa] }), []);
    assert.deepEqual(
      clusterFindings(ID, deployment.replace('shop-api\n      priority', 'default\n      priority')),
      [],
    );
  });
});
