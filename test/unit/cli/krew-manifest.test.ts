import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from 'js-yaml';

const root = join(__dirname, '..', '..', '..');

interface ReleaseScript {
  fillKrewManifest(template: string, values: { version: string; uri: string; sha256: string }): string;
  sha256File(path: string): string;
}

interface KrewPlugin {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    version: string;
    shortDescription: string;
    platforms: Array<{
      uri: string;
      sha256: string;
      bin: string;
      files: Array<{ from: string; to: string }>;
    }>;
  };
}

describe('krew plugin manifest', () => {
  let script: ReleaseScript;
  const template = readFileSync(join(root, 'krew', 'pod-doctor.yaml'), 'utf8');
  before(async () => {
    script = (await import(pathToFileURL(join(root, 'scripts', 'release-krew.mjs')).href)) as ReleaseScript;
  });

  it("fills in the version, URI and the tarball's sha256 of a krew Plugin", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-krew-'));
    try {
      const tarball = join(dir, 'pod-doctor-1.2.3.tgz');
      writeFileSync(tarball, 'not really a tarball');
      const sha256 = script.sha256File(tarball);
      // sha256 of the bytes above, as `sha256sum` prints it.
      assert.equal(sha256, 'b3b786ecd6e4f6ab3398d0b1bfd62dbc47534c8723cd3802f642f7203a3b55d7');
      const manifest = load(
        script.fillKrewManifest(template, {
          version: '1.2.3',
          uri: 'https://example.com/pod-doctor-1.2.3.tgz',
          sha256,
        }),
      ) as KrewPlugin;
      assert.equal(manifest.apiVersion, 'krew.googlecontainertools.github.com/v1alpha2');
      assert.equal(manifest.kind, 'Plugin');
      assert.equal(manifest.metadata.name, 'pod-doctor');
      assert.equal(manifest.spec.version, 'v1.2.3');
      const [platform] = manifest.spec.platforms;
      assert.equal(platform?.uri, 'https://example.com/pod-doctor-1.2.3.tgz');
      assert.equal(platform?.sha256, sha256);
      // npm pack puts everything under package/; the bin is the CLI bundle.
      assert.equal(platform?.bin, 'dist/cli.js');
      assert.ok(platform?.files.some((f) => f.from === 'package/dist/*.js' && f.to === 'dist'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to leave a placeholder empty', () => {
    assert.throws(
      () => script.fillKrewManifest(template, { version: '1.2.3', uri: '', sha256: 'ab' }),
      /No value for \$\{URI\}/,
    );
  });
});
