import assert from 'node:assert/strict';
import { checkAgainstCluster, providedObjects, requiredLists } from '../../../src/core/cluster-lint/check';
import { EXAMPLE_CLUSTER } from '../../../src/core/cluster-lint/example-cluster';
import { canonicalQuantity } from '../../../src/core/cluster-lint/produced-pod';
import { isKubernetesObject, lintText } from '../../../src/core/lint/engine';
import { parseManifests } from '../../../src/core/manifest/parse';
import { readManifest } from '../helpers';

const objectsOf = (text: string) =>
  parseManifests(text)
    .documents.map((d) => d.value)
    .filter(isKubernetesObject);
const deployment = readManifest('cluster/shop-api-deployment.yaml');

describe('cluster check entry points', () => {
  it('lists the reads a run needs: one per kind and namespace, however many manifests', () => {
    const many = Array.from({ length: 50 }, () => deployment).join('---\n');
    const configMap = readManifest('cluster/shop-staging-configmap.yaml');
    assert.deepEqual(requiredLists(objectsOf(`${many}---\n${configMap}`), 'web'), [
      { list: 'namespace', namespace: 'shop' },
      { list: 'configMaps', namespace: 'shop' },
      { list: 'limitRanges', namespace: 'shop' },
      { list: 'persistentVolumeClaims', namespace: 'shop' },
      { list: 'resourceQuotas', namespace: 'shop' },
      { list: 'secrets', namespace: 'shop' },
      { list: 'serviceAccounts', namespace: 'shop' },
      { list: 'namespace', namespace: 'shop-staging' },
      // The Service lands in the default namespace; the ClusterRole is cluster-scoped.
      { list: 'namespace', namespace: 'web' },
      { list: 'nodes' },
      { list: 'priorityClasses' },
    ]);
  });

  it('collects what the run creates: ConfigMap and Secret keys, Namespace labels, names', () => {
    const text = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  A: "1"\nbinaryData:\n  B: AAAA\n',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: other\nstringData:\n  password: x\n',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: robot\n',
    ].join('---\n');
    assert.deepEqual(providedObjects(objectsOf(text), 'shop'), [
      { kind: 'ConfigMap', name: 'cfg', namespace: 'shop', keys: ['A', 'B'] },
      { kind: 'Secret', name: 's', namespace: 'other', keys: ['password'] },
      { kind: 'Namespace', name: 'other', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
      { kind: 'ServiceAccount', name: 'robot', namespace: 'shop' },
    ]);
  });

  it("runs only the cluster rules, with the engine's disable comments and severity overrides", () => {
    const text = deployment.replace('name: db-credentials', 'name: db-creds');
    const ruleIds = (t: string, rules = {}) =>
      checkAgainstCluster(t, { snapshot: EXAMPLE_CLUSTER }, { rules }).findings.map((f) => f.ruleId);
    assert.ok(ruleIds(text).includes('cluster-secret-missing'));
    assert.ok(ruleIds(text).every((id) => id.startsWith('cluster-')));
    assert.ok(!ruleIds(text, { 'cluster-secret-missing': 'off' }).includes('cluster-secret-missing'));
    const disabled = text.replace(
      '                  name: db-creds',
      '                  # pod-doctor-disable-next-line cluster-secret-missing\n                  name: db-creds',
    );
    assert.ok(!ruleIds(disabled).includes('cluster-secret-missing'));
    assert.deepEqual(
      lintText(text).findings.filter((f) => f.ruleId.startsWith('cluster-')),
      [],
    );
  });

  it('prints quantities as the API does', () => {
    const gi = 1024n ** 3n * 1_000_000_000n;
    assert.deepEqual(
      [
        canonicalQuantity(2n * gi, true),
        canonicalQuantity(1_500_000_000n, false),
        canonicalQuantity(250_000_000n, false),
        canonicalQuantity(8_000_000_000n, false),
        canonicalQuantity(1500n * 1_000_000_000n, true),
      ],
      ['2Gi', '1500m', '250m', '8', '1500'],
    );
  });
});
