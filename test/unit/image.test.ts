import assert from 'node:assert/strict';
import { imageRegistry, imageRepository, parseImageReference } from '../../src/core/image';

describe('image references (core/image)', () => {
  it('names the registry a reference pulls from, Docker Hub when it names none', () => {
    assert.equal(imageRegistry('registry.example.com:5000/team/app:1.2'), 'registry.example.com:5000');
    assert.equal(imageRegistry('localhost/app'), 'localhost');
    assert.equal(imageRegistry('nginx:1.27'), 'docker.io');
    assert.equal(imageRegistry('library/nginx'), 'docker.io');
    assert.equal(imageRegistry('Registry.Example.com/Shop/Cart:2.0'), 'Registry.Example.com');
  });

  it('gives the repository without registry, library/ prefix, tag or digest', () => {
    assert.equal(imageRepository('docker.io/library/busybox:1.36'), 'busybox');
    assert.equal(imageRepository('busybox@sha256:' + 'a'.repeat(64)), 'busybox');
    assert.equal(imageRepository('library/alpine'), 'alpine');
    assert.equal(imageRepository('docker/library/ubuntu:24.04'), 'ubuntu');
    assert.equal(imageRepository('registry.access.redhat.com/ubi9/ubi-minimal:9.4'), 'ubi9/ubi-minimal');
    assert.equal(imageRepository(' Alpine:3.20 '), 'alpine');
  });

  it('agrees with the parser on the registry of every valid reference', () => {
    for (const image of ['nginx', 'ghcr.io/acme/api:1.4.2', 'localhost:5000/app@sha256:' + 'b'.repeat(64)]) {
      const parsed = parseImageReference(image);
      assert.ok(parsed.ok);
      assert.equal(parsed.reference.domain ?? 'docker.io', imageRegistry(image));
    }
  });
});
