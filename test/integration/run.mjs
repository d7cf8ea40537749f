// Runs the integration tests inside a real VS Code extension host (code-server + headless Chromium,
// see TOOLCHAIN.md). Expects `node esbuild.mjs` to have built dist/ (npm run test:integration does).
//
//   node test/integration/run.mjs [--grep PATTERN] [FILE-SUBSTRING...]
//   e.g. node test/integration/run.mjs activation      (only suite files whose path contains it)
//
// Prints the extension host's mocha output and ends with `N passed, N failed`.
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const suiteDir = join(root, 'test', 'integration', 'suite');
// One folder per run: engineers and CI may run the suites concurrently in the same tree, and one run
// must not delete the files another run's extension host is loading.
const outDir = join(root, 'out', 'test', 'integration', `run-${process.pid}`);
const RESULT_PREFIX = 'pod-doctor-integration-result ';

const { values, positionals } = parseArgs({
  options: { grep: { type: 'string', short: 'g' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});
if (values.help) {
  console.log('usage: node test/integration/run.mjs [--grep PATTERN] [FILE-SUBSTRING...]');
  process.exit(0);
}

if (!existsSync(join(root, 'dist', 'extension.js'))) {
  console.error(
    'run.mjs: dist/extension.js is missing; build first with `node esbuild.mjs` (or use `npm run test:integration`).',
  );
  process.exit(2);
}

/** Compiles the in-host suites to CommonJS; `vscode` comes from the host, mocha from node_modules. */
async function compileSuites() {
  rmSync(outDir, { recursive: true, force: true });
  process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
  const entryPoints = readdirSync(suiteDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(suiteDir, f));
  await esbuild.build({
    entryPoints,
    outbase: suiteDir,
    outdir: join(outDir, 'suite'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

/** Tees the launcher's output to ours and picks out the result line the suite index prints. */
function resultCapture(target) {
  let counts;
  let pending = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const at = line.indexOf(RESULT_PREFIX);
        if (at >= 0) counts = JSON.parse(line.slice(at + RESULT_PREFIX.length));
        else target.write(`${line}\n`);
      }
      done();
    },
  });
  return { stream, counts: () => counts };
}

const started = performance.now();
await compileSuites();

// The tests may edit files and workspace settings: give them a copy of the fixtures workspace.
const workspace = mkdtempSync(join(tmpdir(), 'pod-doctor-it-workspace-'));
cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
// A Kustomize repository (a base, overlays, a component), for the rendered-overlay diagnostics.
cpSync(join(root, 'test', 'fixtures', 'kustomize', 'shop'), join(workspace, 'kustomize-shop'), {
  recursive: true,
});
const removeWorkspace = () => rmSync(workspace, { recursive: true, force: true });
process.on('exit', removeWorkspace);

const stdout = resultCapture(process.stdout);
const stderr = resultCapture(process.stderr);
let exitCode;
try {
  exitCode = await runTests({
    vscodeExecutablePath: join(root, 'test', 'integration', 'launcher'),
    // The extension under test, and a stand-in for the Kubernetes extension (its published API only).
    extensionDevelopmentPath: [
      root,
      join(root, 'test', 'integration', 'kubernetes-extension-standin'),
      join(root, 'test', 'integration', 'yaml-extension-standin'),
    ],
    extensionTestsPath: join(outDir, 'suite', 'index.js'),
    launchArgs: [workspace],
    // The launcher makes a fresh, throw-away profile for every run.
    reuseMachineInstall: true,
    extensionTestsEnv: {
      ...(values.grep ? { POD_DOCTOR_IT_GREP: values.grep } : {}),
      ...(positionals.length > 0 ? { POD_DOCTOR_IT_FILES: positionals.join(',') } : {}),
    },
    stdout: stdout.stream,
    stderr: stderr.stream,
  });
} catch (error) {
  exitCode = typeof error?.code === 'number' ? error.code : 1;
}

const counts = stdout.counts() ?? stderr.counts();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (!counts) {
  console.log(
    `The integration run ended (exit code ${exitCode}) without reporting test counts, after ${seconds} s.`,
  );
  console.log('0 passed, 1 failed');
  process.exit(exitCode || 1);
}
const filter = [
  values.grep && `--grep ${values.grep}`,
  positionals.length > 0 && positionals.join(', '),
].filter(Boolean);
console.log(
  `Integration tests: ${seconds} s in total${filter.length ? ` (only ${filter.join('; ')})` : ''}, ` +
    `${counts.pending} pending; suites compiled from ${relative(root, suiteDir)}`,
);
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed > 0 ? 1 : exitCode);
