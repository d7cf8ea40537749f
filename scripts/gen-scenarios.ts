// Writes what the demo scenarios generate: src/demo/scenarios/index.ts, their manifests under
// sample/ and sample/README.md's table. `npm run gen:scenarios [-- --check]` — with --check it
// writes nothing and exits 1 when a file is stale.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeOrCheck } from './generated-files.mjs';
import { generatedFiles } from './scenario-files';

async function main(): Promise<void> {
  const files = await generatedFiles();
  if (!process.argv.includes('--check'))
    for (const [path] of files) mkdirSync(dirname(path), { recursive: true });
  writeOrCheck(files, 'npm run gen:scenarios');
}

void main();
