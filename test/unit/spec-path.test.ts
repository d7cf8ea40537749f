import assert from 'node:assert/strict';
import { parseManifests } from '../../src/core/manifest/parse';
import { parseFieldPath, templatePathForPodField } from '../../src/core/manifest/spec-path';
import { podTemplates } from '../../src/core/manifest/workloads';

const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: checkout}
spec:
  selector: {matchLabels: {app: checkout}}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      containers:
        - name: sidecar
          image: envoy:1.31
        - name: app
          image: checkout:2.4.1
          resources:
            limits:
              memory: 256Mi
`;

describe('pod field paths in workload manifests', () => {
  const doc = parseManifests(text).documents[0]!;
  const [template] = podTemplates(doc.value as Record<string, unknown>);

  it('parses bracketed names', () => {
    assert.deepEqual(parseFieldPath('spec.containers[app].resources.limits.memory'), [
      'spec',
      'containers',
      { name: 'app' },
      'resources',
      'limits',
      'memory',
    ]);
  });

  it('resolves a container by name to its index in the template', () => {
    const path = templatePathForPodField(
      'spec.containers[app].resources.limits.memory',
      template!,
      doc.value,
    );
    assert.deepEqual(path, ['spec', 'template', 'spec', 'containers', 1, 'resources', 'limits', 'memory']);
    const location = doc.locate(path!)!;
    assert.equal(text.slice(location.value.start, location.value.end), '256Mi');
  });

  it('stops at the deepest field that exists (a limit not set yet)', () => {
    assert.deepEqual(
      templatePathForPodField('spec.containers[sidecar].resources.limits.memory', template!, doc.value),
      ['spec', 'template', 'spec', 'containers', 0],
    );
    assert.deepEqual(templatePathForPodField('metadata.labels', template!, doc.value), [
      'spec',
      'template',
      'metadata',
      'labels',
    ]);
    assert.equal(templatePathForPodField('status.phase', template!, doc.value), undefined);
  });
});
