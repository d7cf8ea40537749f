// bench/lint: lint throughput on two generated 10,000-object files (small ≈ 700-byte and large
// ≈ 1,500-byte Pods and Deployments), against js-yaml 4's loadAll of the same file in the same run:
// as whole processes (`pod-doctor lint FILE --format json` vs `node -e loadAll`) and in process
// (lintText vs loadAll). Targets: ratio ≤ 1.5 on both files, ≥ 10,000 objects/s on the small one.
// Also reported, for context: the project's own js-yaml (the parser lint uses) as a baseline, reading
// alone (documents, values and positions without rules) in process, lint with two threads, the
// release build of the CLI (minified, no source maps, as `npm run package` and the krew archive
// build it) and start-up (`pod-doctor --version` vs `node -e 0`).
// Samples of the compared commands are interleaved, so that load on a shared machine hits both.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { builds } from '../esbuild.mjs';
import { best, report } from './_report.mjs';
import { generateCorpus } from './_lint-corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 10_000);
const cli = join(root, 'dist', 'cli.js');

/** js-yaml 4 (the target's baseline; a dev dependency under the alias js-yaml-4) and the project's. */
const yaml4Path = require.resolve('js-yaml-4');
const yamlPath = require.resolve('js-yaml');
const yaml4 = require(yaml4Path);
const { lintText } = await import(join(root, 'src', 'core', 'lint', 'engine.ts'));
const { iterateDocuments } = await import(join(root, 'src', 'core', 'manifest', 'parse.ts'));

/** Runs each named function RUNS times, interleaved; returns the best time of each in ms. */
function interleaved(fns) {
  const samples = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, fn] of Object.entries(fns)) {
      const start = performance.now();
      fn();
      samples[name].push(performance.now() - start);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, best(v)]));
}

function loadAllProcess(modulePath, file) {
  return () =>
    execFileSync(process.execPath, [
      '-e',
      `require(${JSON.stringify(modulePath)}).loadAll(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`,
    ]);
}

/** Builds the CLI as a release does (minified, without source maps) into `dir`; returns its entry. */
async function releaseCli(dir) {
  const cliBuilds = builds.filter((b) => ['cli', 'cli-main'].includes(Object.keys(b.entryPoints)[0]));
  await Promise.all(
    cliBuilds.map((b) =>
      esbuild.build({ ...b, minify: true, sourcemap: false, outdir: dir, absWorkingDir: root }),
    ),
  );
  return join(dir, 'cli.js');
}

/** Runs the CLI (`entry`); exit code 1 (error findings) is expected. Returns the number of findings. */
function lintProcess(file, env = {}, entry = cli) {
  let stdout;
  try {
    stdout = execFileSync(process.execPath, [entry, 'lint', file, '--format', 'json'], {
      maxBuffer: 1 << 30,
      env: { ...process.env, ...env },
    });
  } catch (error) {
    if (error.status !== 1 || !error.stdout?.length) throw error;
    stdout = error.stdout;
  }
  return JSON.parse(stdout.toString()).length;
}

const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-bench-'));
try {
  const release = await releaseCli(join(dir, 'release'));
  const startup = interleaved({
    node: () => execFileSync(process.execPath, ['-e', '0']),
    cli: () => execFileSync(process.execPath, [cli, '--version']),
  });
  report({
    name: 'lint.startup.version',
    value: startup.cli,
    unit: 'ms',
    baseline: 'node -e 0',
    baselineValue: startup.node,
  });

  for (const size of ['small', 'large']) {
    const text = generateCorpus(size, OBJECTS);
    const file = join(dir, `${size}.yaml`);
    writeFileSync(file, text);
    let findings = 0;
    const proc = interleaved({
      loadAll4: loadAllProcess(yaml4Path, file),
      loadAll: loadAllProcess(yamlPath, file),
      lint: () => (findings = lintProcess(file)),
      lint2: () => lintProcess(file, { POD_DOCTOR_LINT_THREADS: '2' }),
      release: () => lintProcess(file, {}, release),
    });
    let objects = 0;
    const inProcess = interleaved({
      loadAll4: () => yaml4.loadAll(text),
      lint: () => (objects = lintText(text).objects),
      // Reading alone (values and positions, by the block reader or js-yaml), without rules: the floor of lintText.
      parse: () => {
        for (const document of iterateDocuments(text)) void document.locate([]);
      },
    });
    console.log(
      `  ${size}: ${objects} objects, ${Math.round(text.length / OBJECTS)} bytes each, ${(text.length / 1e6).toFixed(1)} MB, ${findings} findings; best of ${RUNS}`,
    );
    const prefix = `lint.${size}`;
    report({
      name: `${prefix}.process`,
      value: proc.lint,
      unit: 'ms',
      baseline: 'js-yaml 4 loadAll (process)',
      baselineValue: proc.loadAll4,
      target: 'ratio ≤ 1.5',
    });
    report({
      name: `${prefix}.ratio-vs-loadAll`,
      value: proc.lint / proc.loadAll4,
      unit: 'ratio',
      baseline: 'js-yaml 4 loadAll (process)',
      ratio: proc.lint / proc.loadAll4,
      target: '≤ 1.5',
    });
    report({
      name: `${prefix}.process-release-build`,
      value: proc.release,
      unit: 'ms',
      baseline: 'js-yaml 4 loadAll (process)',
      baselineValue: proc.loadAll4,
      target: 'ratio ≤ 1.5',
    });
    report({
      name: `${prefix}.objects-per-second`,
      value: (objects / proc.lint) * 1000,
      unit: 'objects/s',
      baseline: null,
      ...(size === 'small' ? { target: '≥ 10,000' } : {}),
    });
    report({
      name: `${prefix}.in-process`,
      value: inProcess.lint,
      unit: 'ms',
      baseline: 'js-yaml 4 loadAll (in process)',
      baselineValue: inProcess.loadAll4,
      target: 'ratio ≤ 1.5',
    });
    report({
      name: `${prefix}.parse-in-process`,
      value: inProcess.parse,
      unit: 'ms',
      baseline: 'js-yaml 4 loadAll (in process)',
      baselineValue: inProcess.loadAll4,
    });
    report({
      name: `${prefix}.process-vs-project-js-yaml`,
      value: proc.lint,
      unit: 'ms',
      baseline: 'project js-yaml loadAll (process)',
      baselineValue: proc.loadAll,
    });
    report({
      name: `${prefix}.project-js-yaml-vs-js-yaml-4`,
      value: proc.loadAll,
      unit: 'ms',
      baseline: 'js-yaml 4 loadAll (process)',
      baselineValue: proc.loadAll4,
    });
    report({
      name: `${prefix}.process-2-threads`,
      value: proc.lint2,
      unit: 'ms',
      baseline: 'pod-doctor lint (process, default threads)',
      baselineValue: proc.lint,
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
