import assert from 'node:assert/strict';
import { clusterFindings, lineAndMessage, shopCluster } from '../cluster-lint/fixtures';
import { applyFix, findingsOf, readManifest } from '../helpers';

const ID = 'cluster-configmap-missing';
const deployment = readManifest('cluster/shop-api-deployment.yaml');
const renamed = deployment.replaceAll('name: settings', 'name: app-config');

describe(ID, () => {
  it("reports every env, envFrom and volume reference to a ConfigMap the namespace lacks, in the kubelet's words", () => {
    assert.deepEqual(clusterFindings(ID, renamed).map(lineAndMessage), [
      '31: ConfigMap "app-config" does not exist in namespace "shop": container "api" does not start (CreateContainerConfigError: configmap "app-config" not found).',
      '40: ConfigMap "app-config" does not exist in namespace "shop": container "api" does not start (CreateContainerConfigError: configmap "app-config" not found).',
      '55: ConfigMap "app-config" does not exist in namespace "shop": volume "flags" cannot be mounted and the pod stays in ContainerCreating (FailedMount: MountVolume.SetUp failed for volume "flags" : configmap "app-config" not found).',
    ]);
  });

  it('points at the name value and offers the near name as a fix', () => {
    const text = deployment.replace(
      'name: settings\n                  key',
      'name: setings\n                  key',
    );
    const [finding] = clusterFindings(ID, text);
    assert.equal(finding?.start.line, 30);
    assert.equal(finding?.start.character, 24);
    assert.match(finding?.message ?? '', /Did you mean "settings"\?$/);
    assert.deepEqual(finding?.suggestions, ['settings']);
    assert.equal(applyFix(text, finding?.fix), deployment);
  });

  it('is info for an optional reference', () => {
    const text = renamed.replace(
      'configMapRef:\n                name: app-config',
      'configMapRef:\n                name: app-config\n                optional: true',
    );
    const optional = clusterFindings(ID, text).filter((f) => f.severity === 'info');
    assert.deepEqual(optional.map(lineAndMessage), [
      '40: ConfigMap "app-config" does not exist in namespace "shop"; the reference is optional, so the pod starts without it.',
    ]);
  });

  it('counts a ConfigMap of the same run (same file or another file) as present', () => {
    const configMap =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: shop\ndata:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: "{}"\n';
    assert.deepEqual(clusterFindings(ID, `${renamed}---\n${configMap}`), []);
    assert.deepEqual(clusterFindings(ID, renamed, undefined, { otherFiles: [configMap] }), []);
    // In another namespace it does not count.
    assert.equal(
      clusterFindings(ID, renamed, undefined, { otherFiles: [configMap.replace('shop', 'shop-staging')] })
        .length,
      3,
    );
  });

  it('is quiet when the ConfigMap exists, and says once when ConfigMaps cannot be listed', () => {
    assert.deepEqual(clusterFindings(ID, deployment), []);
    const forbidden = shopCluster({ configMaps: { state: 'forbidden' } });
    assert.deepEqual(clusterFindings(ID, renamed, forbidden).map(lineAndMessage), [
      '31: Cannot check ConfigMaps in `shop`: forbidden.',
    ]);
  });

  it('never runs without a cluster', () => {
    assert.deepEqual(findingsOf(ID, renamed), []);
  });

  it('counts the root CA ConfigMap of a namespace the same run creates as present', () => {
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop-staging\n';
    const text = renamed
      .replaceAll('app-config', 'kube-root-ca.crt')
      .replace('namespace: shop', 'namespace: shop-staging');
    // Listing a namespace that does not exist yet gives an empty list.
    const base = shopCluster();
    const snapshot = {
      ...base,
      namespaces: {
        ...base.namespaces,
        'shop-staging': {
          namespace: { state: 'ok', exists: false, labels: {} },
          configMaps: { state: 'ok', items: [] },
        } as const,
      },
    };
    assert.deepEqual(clusterFindings(ID, text, snapshot, { otherFiles: [namespace] }), []);
    const other = text.replaceAll('kube-root-ca.crt', 'settings');
    assert.equal(clusterFindings(ID, other, snapshot, { otherFiles: [namespace] }).length, 3);
  });
});
