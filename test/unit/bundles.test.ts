import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions, Metafile } from 'esbuild';

const root = join(__dirname, '..', '..');

/** Builds a bundle in memory with the project's own esbuild options and returns its inputs. */
async function inputsOf(entry: string): Promise<string[]> {
  const esbuild = await import('esbuild');
  const { builds } = (await import(pathToFileURL(join(root, 'esbuild.mjs')).href)) as {
    builds: BuildOptions[];
  };
  const options = builds.find((b) => Object.keys(b.entryPoints as Record<string, string>)[0] === entry);
  assert.ok(options, `no build for ${entry}`);
  const result = await esbuild.build({
    ...options,
    absWorkingDir: root,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const meta = result.metafile as Metafile;
  return Object.keys(meta.inputs);
}

describe('bundle boundaries (docs/architecture.md, lazy bundles)', function () {
  this.timeout(120_000);

  for (const entry of ['extension', 'cli-main']) {
    it(`${entry} bundle leaves @kubernetes/client-node, the cluster and the demo server to lazy bundles`, async () => {
      const inputs = await inputsOf(entry);
      assert.ok(
        inputs.some((i) => i.startsWith('src/core/lint/')),
        'the linter should be in the bundle',
      );
      assert.deepEqual(
        inputs.filter(
          (i) =>
            i.includes('@kubernetes/client-node') ||
            i.startsWith('src/cluster/') ||
            i.startsWith('src/demo/'),
        ),
        [],
      );
    });
  }
});
