import assert from 'node:assert/strict';
import { clusterFindings, lineAndMessage, shopCluster } from '../cluster-lint/fixtures';
import { readManifest } from '../helpers';

const ID = 'cluster-secret-missing';
const deployment = readManifest('cluster/shop-api-deployment.yaml');

describe(ID, () => {
  it('reports a secretKeyRef to a missing Secret as an error with a did-you-mean', () => {
    const findings = clusterFindings(ID, deployment.replace('name: db-credentials', 'name: db-credential'));
    assert.deepEqual(findings.map(lineAndMessage), [
      '36: Secret "db-credential" does not exist in namespace "shop": container "api" does not start (CreateContainerConfigError: secret "db-credential" not found). Did you mean "db-credentials"?',
    ]);
    assert.equal(findings[0]?.severity, 'error');
  });

  it("reports a missing imagePullSecrets entry as a warning, in the kubelet's words", () => {
    const findings = clusterFindings(ID, deployment.replace('name: registry-pull', 'name: regcred'));
    assert.deepEqual(findings.map(lineAndMessage), [
      '21: Secret "regcred" does not exist in namespace "shop": the kubelet pulls without it (FailedToRetrieveImagePullSecret: Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed), so a private image fails with ErrImagePull.',
    ]);
    assert.equal(findings[0]?.severity, 'warning');
  });

  it('reports a secret volume and is info when it is optional', () => {
    const pod = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: tls',
      'spec:',
      '  containers:',
      '    - name: proxy',
      '      image: envoyproxy/envoy:v1.31.0',
      '  volumes:',
      '    - name: certs',
      '      secret:',
      '        secretName: web-tls',
      '    - name: extra',
      '      secret:',
      '        secretName: extra-certs',
      '        optional: true',
      '',
    ].join('\n');
    assert.deepEqual(
      clusterFindings(ID, pod).map((f) => `${f.severity} ${lineAndMessage(f)}`),
      [
        'error 12: Secret "web-tls" does not exist in namespace "shop": volume "certs" cannot be mounted and the pod stays in ContainerCreating (FailedMount: MountVolume.SetUp failed for volume "certs" : secret "web-tls" not found).',
        'info 15: Secret "extra-certs" does not exist in namespace "shop"; the reference is optional, so the pod starts without it.',
      ],
    );
  });

  it('skips the check with one info finding when listing Secrets is forbidden (never an error)', () => {
    const snapshot = shopCluster({ secrets: { state: 'forbidden' } });
    const findings = clusterFindings(ID, deployment, snapshot);
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${lineAndMessage(f)}`),
      ['info 36: Cannot check Secrets in `shop`: forbidden.'],
    );
  });

  it('is quiet when every Secret exists', () => {
    assert.deepEqual(clusterFindings(ID, deployment), []);
  });
});
