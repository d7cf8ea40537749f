// Shared by the generators: write what they generate, or with --check say which checked-in files are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Writes each `[path, text]`; with `--check` on the command line it writes nothing and exits 1,
 * naming the files whose checked-in text differs (a missing file counts) and `command`, which regenerates them.
 * @param {readonly (readonly [string, string])[]} files
 * @param {string} command
 */
export function writeOrCheck(files, command) {
  if (!process.argv.includes('--check')) {
    for (const [path, text] of files) writeFileSync(path, text);
    return;
  }
  const stale = files.filter(([path, text]) => {
    try {
      return readFileSync(path, 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length === 0) return;
  const names = stale.map(([path]) => relative(root, path)).join(' and ');
  console.error(`${names} ${stale.length > 1 ? 'are' : 'is'} stale: run \`${command}\`.`);
  process.exit(1);
}
