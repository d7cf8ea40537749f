import assert from 'node:assert/strict';
import { clusterFindings, lineAndMessage } from '../cluster-lint/fixtures';
import { applyFix, readManifest, span } from '../helpers';

const ID = 'cluster-configmap-key-missing';
const deployment = readManifest('cluster/shop-api-deployment.yaml');

describe(ID, () => {
  it('reports a configMapKeyRef key the ConfigMap lacks, at the key, with a did-you-mean fix', () => {
    const text = deployment.replace('key: LOG_LEVEL', 'key: LOG_LEVL');
    const findings = clusterFindings(ID, text);
    assert.deepEqual(findings.map(lineAndMessage), [
      '32: ConfigMap "settings" has no key "LOG_LEVL" (it holds "LOG_LEVEL", "FEATURE_FLAGS"): container "api" does not start (CreateContainerConfigError: couldn\'t find key LOG_LEVL in ConfigMap shop/settings). Did you mean "LOG_LEVEL"?',
    ]);
    assert.equal(span(findings[0]), '31:23-31:31');
    assert.equal(applyFix(text, findings[0]?.fix), deployment);
  });

  it("reports a volume's items[].key the ConfigMap lacks", () => {
    const text = deployment.replace('- key: FEATURE_FLAGS', '- key: flags.json');
    assert.deepEqual(clusterFindings(ID, text).map(lineAndMessage), [
      '57: ConfigMap "settings" has no key "flags.json" (it holds "LOG_LEVEL", "FEATURE_FLAGS"): volume "flags" cannot be mounted (FailedMount: MountVolume.SetUp failed for volume "flags" : configmap references non-existent config key: flags.json).',
    ]);
  });

  it('checks the keys of a ConfigMap in the same files, and is info when optional', () => {
    const configMap =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  LEVEL: info\n';
    const text = deployment.replace('key: LOG_LEVEL', 'key: LOG_LEVEL\n                  optional: true');
    const findings = clusterFindings(ID, `${text}---\n${configMap}`);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.message]),
      [
        [
          'info',
          'ConfigMap "settings" has no key "LOG_LEVEL" (it holds "LEVEL"); the reference is optional, so the pod starts without it.',
        ],
        [
          'error',
          'ConfigMap "settings" has no key "FEATURE_FLAGS" (it holds "LEVEL"): volume "flags" cannot be mounted (FailedMount: MountVolume.SetUp failed for volume "flags" : configmap references non-existent config key: FEATURE_FLAGS).',
        ],
      ],
    );
  });

  it('is quiet when every key exists, and when the ConfigMap itself is missing (that is another rule)', () => {
    assert.deepEqual(clusterFindings(ID, deployment), []);
    assert.deepEqual(clusterFindings(ID, deployment.replaceAll('name: settings', 'name: other')), []);
  });
});
