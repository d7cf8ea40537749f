// bench/lint: lint throughput of the CLI on a generated ≥10,000-object multi-document file, against
// js-yaml's loadAll of the same file in the same run (target: ≥ 10,000 objects/s, ratio ≤ 2).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml');

const fixturesDir = join(root, 'test', 'fixtures', 'manifests', 'realistic');
const fixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(fixturesDir, f), 'utf8'));

export function generateManifests(targetObjects) {
  const docs = [];
  let objects = 0;
  for (let i = 0; objects < targetObjects; i++) {
    const text = fixtures[i % fixtures.length].replace(/^( {2}name: )([a-z][a-z0-9-]*)$/gm, `$1$2-${i}`);
    const parts = text.split(/^---$/m);
    objects += parts.length;
    docs.push(text.trimEnd());
  }
  return { text: `${docs.join('\n---\n')}\n`, objects };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const runs = Number(process.env.BENCH_RUNS ?? 5);
const { text, objects } = generateManifests(Number(process.env.BENCH_OBJECTS ?? 10_000));
const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-bench-'));
const file = join(dir, 'manifests.yaml');
writeFileSync(file, text);
const cli = join(root, 'dist', 'cli.js');

try {
  const loadAllProcess = time(
    () =>
      execFileSync(process.execPath, [
        '-e',
        `require(${JSON.stringify(require.resolve('js-yaml'))}).loadAll(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`,
      ]),
    runs,
  );
  let findings = 0;
  const cliProcess = time(() => {
    let stdout;
    try {
      stdout = execFileSync(process.execPath, [cli, 'lint', file, '--format', 'json'], {
        maxBuffer: 1 << 30,
      });
    } catch (error) {
      if (error.status !== 1 || !error.stdout?.length) throw error; // exit 1 = error findings, expected
      stdout = error.stdout;
    }
    findings = JSON.parse(stdout.toString()).length;
  }, runs);
  const loadAllInProcess = time(() => yaml.loadAll(text), runs);
  // In-process comparison: needs the TypeScript sources, so bench/run.mjs starts node with tsx.
  const { lintText } = await import(join(root, 'src', 'core', 'lint', 'engine.ts')).catch(() => ({}));
  console.log(`bench/lint: ${objects} objects, ${(text.length / 1e6).toFixed(1)} MB, median of ${runs} runs`);
  console.log(`  js-yaml loadAll (process)     ${loadAllProcess.toFixed(0)} ms`);
  console.log(
    `  pod-doctor lint (process)     ${cliProcess.toFixed(0)} ms  → ${((objects / cliProcess) * 1000).toFixed(0)} objects/s, ${findings} findings`,
  );
  console.log(`  ratio lint / loadAll           ${(cliProcess / loadAllProcess).toFixed(2)}  (target ≤ 2)`);
  if (lintText) {
    const lintInProcess = time(() => lintText(text), runs);
    console.log(`  js-yaml loadAll (in process)  ${loadAllInProcess.toFixed(0)} ms`);
    console.log(
      `  lintText (in process)         ${lintInProcess.toFixed(0)} ms  ratio ${(lintInProcess / loadAllInProcess).toFixed(2)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
