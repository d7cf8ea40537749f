// bench/activation: loads dist/extension.js in plain node with a stand-in `vscode` module and times
// `require` + `activate()`, against `require` of a trivial module in the same process (target:
// activation < 50 ms; @kubernetes/client-node and the cluster bundle not loaded). Each sample is a
// fresh process, so module loading is measured cold: the figures are the best of the runs, with the
// median beside them. Needs a build (`npm run bench` makes one).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { best, report } from './_report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extension = join(root, 'dist', 'extension.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const vscodeTypes = join(root, 'node_modules', '@types', 'vscode', 'index.d.ts');

if (!existsSync(extension)) {
  console.error('bench/activation: dist/extension.js is missing; run `node esbuild.mjs` first.');
  process.exit(2);
}

/**
 * The child process: a `vscode` module where every member is a callable, constructible stand-in
 * (so the extension's registrations succeed without a host), then the timings as JSON.
 */
const child = String.raw`
const Module = require('node:module');
function stub(name) {
  const target = function () {};
  const assigned = new Map();
  return new Proxy(target, {
    set(_t, key, value) {
      assigned.set(key, value);
      return true;
    },
    get(_t, key) {
      if (assigned.has(key)) return assigned.get(key);
      if (key === Symbol.toPrimitive) return () => name;
      if (key === Symbol.iterator) return function* () {};
      if (key === 'then') return undefined;
      if (key === 'toString' || key === 'valueOf') return () => name;
      return stub(name + '.' + String(key));
    },
    apply() { return stub(name + '()'); },
    construct() { return stub('new ' + name); },
  });
}
// Every top-level name the real module exports, so that esbuild's ESM interop copies them.
const declarations = require('node:fs').readFileSync(process.argv[3], 'utf8');
const vscode = {};
for (const [, name] of declarations.matchAll(/^\texport (?:class|namespace|enum|const|let|function) (\w+)/gm)) {
  vscode[name] = stub('vscode.' + name);
}
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const [trivial, extension] = process.argv.slice(1);

const t0 = performance.now();
require(trivial);
const t1 = performance.now();
const ext = require(extension);
const t2 = performance.now();
const context = { subscriptions: [], extensionUri: stub('extensionUri'), extensionMode: 3,
  globalState: stub('globalState'), workspaceState: stub('workspaceState'), extensionPath: '' };
ext.activate(context);
const t3 = performance.now();
const loaded = Object.keys(require.cache);
console.log(JSON.stringify({
  trivial: t1 - t0, require: t2 - t1, activate: t3 - t2,
  cluster: loaded.some((f) => /[\\/]dist[\\/]cluster\.js$/.test(f)),
  clientNode: loaded.some((f) => f.includes('@kubernetes')),
  subscriptions: context.subscriptions.length,
}));
// Timers the extension starts (debounces, deferred first lint) would keep this process alive.
process.exit(0);
`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-bench-activation-'));
const trivial = join(dir, 'trivial.js');
writeFileSync(trivial, 'module.exports = { answer: 42 };\n');
try {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(
      JSON.parse(
        execFileSync(process.execPath, ['-e', child, trivial, extension, vscodeTypes], { encoding: 'utf8' }),
      ),
    );
  }
  const trivialMs = best(samples.map((s) => s.trivial));
  const total = samples.map((s) => s.require + s.activate);
  const last = samples[samples.length - 1];
  console.log(
    `bench/activation: dist/extension.js with a stand-in vscode module, best of ${RUNS} fresh processes ` +
      `(medians: require ${median(samples.map((s) => s.require)).toFixed(1)} ms, activate ${median(samples.map((s) => s.activate)).toFixed(1)} ms, both ${median(total).toFixed(1)} ms; ${last.subscriptions} disposables registered)`,
  );
  const baseline = { baseline: 'require of a trivial module', baselineValue: trivialMs };
  report({
    name: 'activation require dist/extension.js',
    value: best(samples.map((s) => s.require)),
    unit: 'ms',
    ...baseline,
  });
  report({
    name: 'activation activate()',
    value: best(samples.map((s) => s.activate)),
    unit: 'ms',
    ...baseline,
  });
  report({
    name: 'activation require + activate',
    value: best(total),
    unit: 'ms',
    ...baseline,
    target: '< 50 ms',
  });
  // 0 or 1: whether activation loaded what it must leave for the first cluster use.
  report({
    name: 'activation loads the cluster bundle',
    value: last.cluster ? 1 : 0,
    unit: 'yes=1',
    target: '0',
  });
  report({
    name: 'activation loads client-node',
    value: last.clientNode ? 1 : 0,
    unit: 'yes=1',
    target: '0',
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
