import assert from 'node:assert/strict';
import { findingsOfRule, manifestsIn } from '../helpers';

const RULE = 'image-latest-tag';
const fixture = manifestsIn('images');
const findings = findingsOfRule(RULE);

describe(RULE, () => {
  const text = fixture('latest-and-untagged.deployment.yaml');
  const found = findings(text);

  it('reports an untagged image and :latest, not a digest or a version tag', () => {
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, text.slice(f.range.start, f.range.end), f.severity]),
      [
        [15, 17, 'nginx', 'info'],
        [17, 17, 'registry.acme.io:5000/acme/assets:latest', 'info'],
      ],
    );
  });

  it('says what latest means, and mentions the Always pull policy only when it applies', () => {
    assert.equal(
      found[0]?.message,
      'The image "nginx" of the container "web" has no tag, so it means nginx:latest: pods started at different times can run different versions, and imagePullPolicy defaults to Always, so every container start pulls from the registry. Pin a version tag (nginx:<version>) or a digest.',
    );
    assert.equal(
      found[1]?.message,
      'The image "registry.acme.io:5000/acme/assets:latest" of the container "assets" uses the latest tag: pods started at different times can run different versions. Pin a version tag (registry.acme.io:5000/acme/assets:<version>) or a digest.',
    );
  });

  it('leaves invalid references to image-invalid-name', () => {
    assert.deepEqual(findings(fixture('invalid-image-names.pod.yaml')), []);
  });
});
