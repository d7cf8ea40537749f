import assert from 'node:assert/strict';
import { clusterFindings, lineAndMessage, shopCluster } from '../cluster-lint/fixtures';
import { findingsOf, readManifest, span } from '../helpers';

const ID = 'cluster-namespace-missing';
const text = readManifest('cluster/shop-staging-configmap.yaml');

describe(ID, () => {
  it('points at metadata.namespace when the named namespace does not exist', () => {
    const findings = clusterFindings(ID, text);
    assert.deepEqual(findings.map(lineAndMessage), [
      '5: Namespace "shop-staging" does not exist in context prod-eu: the API server refuses the object (namespaces "shop-staging" not found). Create the namespace first or fix the namespace.',
    ]);
    assert.equal(span(findings[0]), '4:13-4:25');
    assert.equal(findings[0]?.severity, 'error');
  });

  it('points at the kind line when the default namespace (-n, else the context) does not exist', () => {
    const snapshot = {
      ...shopCluster(),
      defaultNamespace: 'web',
      namespaces: { web: { namespace: { state: 'ok', exists: false, labels: {} } as const } },
    };
    const findings = clusterFindings(ID, text, snapshot);
    // The ConfigMap names its own namespace (unknown here: not read), the Service lands in "web",
    // the ClusterRole is cluster-scoped.
    assert.deepEqual(findings.map(span), ['9:6-9:13']);
    assert.match(findings[0]?.message ?? '', /^Namespace "web" does not exist/);
  });

  it('counts a Namespace object of the same run as present', () => {
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop-staging\n';
    assert.deepEqual(clusterFindings(ID, text, undefined, { otherFiles: [namespace] }), []);
  });

  it('is quiet when the namespace exists, and says once when it cannot be read', () => {
    assert.deepEqual(clusterFindings(ID, text.replace('shop-staging', 'shop')), []);
    const snapshot = {
      ...shopCluster(),
      namespaces: { 'shop-staging': { namespace: { state: 'forbidden' } as const } },
    };
    const notices = new Set<string>();
    const findings = clusterFindings(ID, text, snapshot, { notices });
    assert.deepEqual(findings.map(lineAndMessage), [
      '5: Cannot check the namespace `shop-staging`: forbidden.',
    ]);
    assert.equal(findings[0]?.severity, 'info');
    assert.deepEqual(clusterFindings(ID, text, snapshot, { notices }), [], 'a second file repeats no notice');
  });

  it('never runs in a static lint', () => {
    assert.deepEqual(findingsOf(ID, text), []);
  });
});
