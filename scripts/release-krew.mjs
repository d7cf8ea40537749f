// Builds the CLI, packs it with `npm pack`, and writes the krew plugin manifest for that tarball:
// krew/pod-doctor.yaml with its version, download URI and sha256 filled in, to out/krew/.
//
//   node scripts/release-krew.mjs [--uri-base URL]
//   (default URL: the GitHub release of this version, https://github.com/pod-doctor/pod-doctor/releases/download/vX.Y.Z)
//
// Upload the tarball it names to that URL, then submit out/krew/pod-doctor.yaml to a krew index.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The template with `${VERSION}`, `${URI}` and `${SHA256}` replaced; fails on any left unfilled. */
export function fillKrewManifest(template, values) {
  const filled = template.replace(/\$\{(VERSION|URI|SHA256)\}/g, (_, key) => {
    const value = values[key.toLowerCase()];
    if (typeof value !== 'string' || value === '') throw new Error(`No value for \${${key}}.`);
    return value;
  });
  const left = /\$\{[A-Z0-9_]+\}/.exec(filled);
  if (left) throw new Error(`The krew template has a placeholder this script does not fill: ${left[0]}.`);
  return filled;
}

export function sha256File(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function main() {
  const { values } = parseArgs({ options: { 'uri-base': { type: 'string' } } });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = pkg.version;
  const uriBase = (
    values['uri-base'] ?? `https://github.com/pod-doctor/pod-doctor/releases/download/v${version}`
  ).replace(/\/+$/, '');

  execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--production'], {
    cwd: root,
    stdio: 'inherit',
  });
  // krew links the bin as it is in the archive, and npm pack keeps the executable bit.
  chmodSync(join(root, 'dist', 'cli.js'), 0o755);
  const outDir = join(root, 'out', 'krew');
  mkdirSync(outDir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  const filename = packed[0]?.filename;
  if (!filename) throw new Error('npm pack did not report the tarball it wrote.');
  const tarball = join(outDir, filename);
  const manifest = fillKrewManifest(readFileSync(join(root, 'krew', 'pod-doctor.yaml'), 'utf8'), {
    version,
    uri: `${uriBase}/${filename}`,
    sha256: sha256File(tarball),
  });
  const manifestPath = join(outDir, 'pod-doctor.yaml');
  writeFileSync(manifestPath, manifest);
  console.log(
    `Tarball:  ${tarball}\nManifest: ${manifestPath}\nUpload the tarball to ${uriBase}/${filename}.`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
