import assert from 'node:assert/strict';
import { findingsOfRule, manifestsIn } from '../helpers';

const RULE = 'image-pull-never';
const fixture = manifestsIn('images');
const findings = findingsOfRule(RULE);

describe(RULE, () => {
  const text = fixture('image-pull-never.pod.yaml');
  const found = findings(text);

  it('reports imagePullPolicy: Never on containers and ephemeral containers, at the value', () => {
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, text.slice(f.range.start, f.range.end), f.severity]),
      [
        [8, 23, 'Never', 'warning'],
        [15, 23, 'Never', 'warning'],
      ],
    );
    assert.equal(
      found[0]?.message,
      'The container "api" has imagePullPolicy: Never, so the kubelet never pulls "acme/api:dev": on any node that does not already have it the pod waits with ErrImageNeverPull. Use IfNotPresent unless the image is preloaded on every node.',
    );
  });

  it('can be silenced for a preloaded image with a disable comment', () => {
    const silenced = text.replace(
      '      imagePullPolicy: Never\n    - name: db',
      '      # pod-doctor-disable-next-line image-pull-never\n      imagePullPolicy: Never\n    - name: db',
    );
    assert.equal(findings(silenced).length, 1);
  });

  it('is silent for IfNotPresent and Always', () => {
    assert.deepEqual(findings(fixture('latest-and-untagged.deployment.yaml')), []);
  });
});
