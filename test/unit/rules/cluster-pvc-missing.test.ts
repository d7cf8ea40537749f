import assert from 'node:assert/strict';
import { clusterFindings, lineAndMessage } from '../cluster-lint/fixtures';
import { readManifest } from '../helpers';

const ID = 'cluster-pvc-missing';
const deployment = readManifest('cluster/shop-api-deployment.yaml');
const missing = deployment.replace('claimName: uploads', 'claimName: upload-data');

describe(ID, () => {
  it('reports a claimName that does not exist, at the claim name', () => {
    const findings = clusterFindings(ID, missing);
    assert.deepEqual(findings.map(lineAndMessage), [
      '61: PersistentVolumeClaim "upload-data" does not exist in namespace "shop": the pod stays Pending (FailedScheduling: persistentvolumeclaim "upload-data" not found).',
    ]);
    assert.equal(findings[0]?.start.character, 23);
  });

  it('counts a claim in the same files as present', () => {
    const claim =
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: upload-data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10Gi\n';
    assert.deepEqual(clusterFindings(ID, `${missing}---\n${claim}`), []);
  });

  it('is quiet when the claim exists', () => {
    assert.deepEqual(clusterFindings(ID, deployment), []);
  });
});
