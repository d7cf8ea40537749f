import assert from 'node:assert/strict';
import { parseImageReference } from '../../../src/core/image';
import { applyFix, findingsOfRule, manifestsIn } from '../helpers';

const RULE = 'image-invalid-name';
const fixture = manifestsIn('images');
const findings = findingsOfRule(RULE);

describe(RULE, () => {
  const text = fixture('invalid-image-names.pod.yaml');
  const found = findings(text);

  it('reports each reference the runtime rejects, at the image value', () => {
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, text.slice(f.range.start, f.range.end), f.severity]),
      [
        [7, 13, 'ghcr.io/acme/Thumbnails:1.4', 'error'],
        [10, 13, '"http://registry.acme.io/gallery:2.0"', 'error'],
        [12, 13, '"redis: 7.2"', 'error'],
        [14, 13, '"ghcr.io/acme/worker:"', 'error'],
        [16, 13, 'prom/statsd-exporter:v0.27.1@sha256:1234', 'error'],
        [18, 13, 'registry.acme.io:5000/search:v1/beta', 'error'],
      ],
    );
  });

  it('explains what is wrong and that the pod waits with InvalidImageName', () => {
    assert.equal(
      found[0]?.message,
      'The image "ghcr.io/acme/Thumbnails:1.4" of the init container "thumbnails" has upper-case letters in its repository name ("Thumbnails"), which must be lower case; the kubelet cannot parse it, so the pod waits with InvalidImageName. Write "ghcr.io/acme/thumbnails:1.4".',
    );
    assert.equal(
      found[3]?.message,
      'The image "ghcr.io/acme/worker:" of the container "worker" ends its name with ":" but gives no tag after it; the kubelet cannot parse it, so the pod waits with InvalidImageName.',
    );
    assert.match(
      found[1]?.message ?? '',
      /starts with "http:\/\/", but an image reference names the registry without a scheme;.* Write "registry\.acme\.io\/gallery:2\.0"\.$/,
    );
    assert.match(found[2]?.message ?? '', /"redis: 7\.2" of the container "cache" contains a space;/);
    assert.match(
      found[4]?.message ?? '',
      /has the digest "sha256:1234", which is not of the form sha256:<64 hex digits>;/,
    );
  });

  it('quick fixes lower-case the repository, drop the scheme and remove the space, keeping quotes', () => {
    assert.deepEqual(
      found.map((f) => f.fix?.edits[0]?.newText),
      [
        'ghcr.io/acme/thumbnails:1.4',
        '"registry.acme.io/gallery:2.0"',
        '"redis:7.2"',
        undefined,
        undefined,
        undefined,
      ],
    );
    const fixed = [found[2], found[1], found[0]].reduce((t, f) => applyFix(t, f?.fix), text);
    assert.equal(findings(fixed).length, 3);
    assert.match(fixed, /image: "redis:7\.2"\n/);
  });

  it('follows the distribution/reference grammar', () => {
    const valid = [
      'nginx',
      'nginx:1.27',
      'library/nginx:1.27-alpine',
      'localhost:5000/app',
      'registry.acme.io:5000/team/app_v2__x:v1.0.0',
      'MyRegistry/app:1',
      '[::1]:5000/app:dev',
      'nginx@sha256:6af79ae5de407283dcea8b00d5c37ace95441fd58a8b1d2aa1ed93f5511bb18c',
      'nginx:1.27@sha256:6af79ae5de407283dcea8b00d5c37ace95441fd58a8b1d2aa1ed93f5511bb18c',
      `app:${'a'.repeat(128)}`,
    ];
    for (const image of valid) assert.ok(parseImageReference(image).ok, image);
    const invalid = [
      '',
      'Nginx',
      'nginx:',
      'nginx :1.27',
      'https://nginx',
      `app:${'a'.repeat(129)}`,
      'app:-dev',
      'app:v1+build',
      'app@sha256:abc',
      'app@sha256:6AF79AE5DE407283DCEA8B00D5C37ACE95441FD58A8B1D2AA1ED93F5511BB18C',
      'app@',
      'team//app',
      'app/',
      'app-:1',
      '-app',
      'bad_host!/app',
      '6af79ae5de407283dcea8b00d5c37ace95441fd58a8b1d2aa1ed93f5511bb18c',
      `${'a'.repeat(256)}`,
    ];
    for (const image of invalid) assert.equal(parseImageReference(image).ok, false, image);
  });

  it('skips Helm templates and valid images', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n';
    assert.deepEqual(findings(pod), []);
    assert.deepEqual(findings(fixture('latest-and-untagged.deployment.yaml')), []);
  });
});
