// bench/edit-latency: how long the editor takes to re-lint a 2,000-line multi-document manifest after
// a one-character edit (target: < 20 ms p50), against a full lint of the same text in the same
// run; then the same keystrokes while a Kustomize render or a cluster check runs (target: still
// < 20 ms p50), against keystrokes with nothing else running.
//
// The second part is an in-process simulation of the extension host's thread with the real modules:
// a keystroke is a timer that fires and re-lints incrementally (what the debounced diagnostics do),
// while in the same process the editor's render path (the real Kustomize in a child process, then
// `lintRendered`, as src/extension/lint/kustomize-overlays.ts does) or its cluster-check path
// (`lintAgainstCluster` against the embedded demo API server, as src/extension/lint/cluster-lint.ts
// does) runs back to back. Whatever either does on the thread without giving it back shows up as keystroke
// latency. Needs the TypeScript sources: bench/run.mjs starts node with tsx.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './_report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { lintText } = await import(join(root, 'src', 'core', 'lint', 'engine.ts'));
const { LintCache, lintTextIncremental } = await import(join(root, 'src', 'core', 'lint', 'incremental.ts'));

const TARGET_LINES = Number(process.env.BENCH_LINES ?? 2000);
const EDITS = Number(process.env.BENCH_EDITS ?? 200);

/** Realistic manifests, renamed per copy, joined with `---` until the file has `targetLines` lines. */
function generateManifest(targetLines = TARGET_LINES) {
  const dir = join(root, 'test', 'fixtures', 'manifests', 'realistic');
  const fixtures = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').trimEnd());
  const docs = [];
  let lines = 0;
  for (let i = 0; lines < targetLines; i++) {
    const doc = (fixtures[i % fixtures.length] ?? '').replace(/name: ([a-z][a-z0-9-]*)/g, `name: $1-${i}`);
    docs.push(doc);
    lines += doc.split('\n').length + 1;
  }
  return `${docs.join('\n---\n')}\n`;
}

/** A deterministic pseudo-random sequence, so runs are comparable. */
function* positions(text, seed = 7) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x % text.length;
  }
}

function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/** Times `EDITS` re-lints, each after typing `typed` at a random place and then deleting it again. */
function editLatencies(text, typed) {
  const cache = new LintCache();
  lintTextIncremental(text, {}, cache);
  const samples = [];
  const where = positions(text);
  for (let i = 0; i < EDITS; i++) {
    const at = where.next().value;
    const edited = text.slice(0, at) + typed + text.slice(at);
    for (const version of [edited, text]) {
      const start = performance.now();
      lintTextIncremental(version, {}, cache);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

const text = generateManifest();
const lines = text.split('\n').length;
for (let i = 0; i < 5; i++) lintText(text); // warm up the JIT
const full = [];
for (let i = 0; i < 30; i++) {
  const start = performance.now();
  lintText(text);
  full.push(performance.now() - start);
}
const fullP50 = percentile(full, 50);
const { objects } = lintText(text);
const typing = editLatencies(text, 'x');
const newline = editLatencies(text, '\n');

console.log(`bench/edit-latency: ${lines} lines, ${objects} objects, ${EDITS * 2} re-lints per kind of edit`);
const fullBaseline = { baseline: 'full lint (lintText)', baselineValue: fullP50 };
report({
  name: 'edit re-lint p50, one character',
  value: percentile(typing, 50),
  unit: 'ms',
  ...fullBaseline,
  target: '< 20 ms',
});
report({
  name: 'edit re-lint p95, one character',
  value: percentile(typing, 95),
  unit: 'ms',
  ...fullBaseline,
});
report({
  name: 'edit re-lint p50, a line break',
  value: percentile(newline, 50),
  unit: 'ms',
  ...fullBaseline,
});

// Large files: the first lint is a whole-file lint; the editor skips files above its size limit
// (MAX_LINTED_CHARACTERS in src/extension/lint/document-cache.ts) because of it.
for (const targetLines of [20_000, 100_000]) {
  const large = generateManifest(targetLines);
  const cache = new LintCache();
  let start = performance.now();
  lintTextIncremental(large, {}, cache);
  const firstMs = performance.now() - start;
  const at = Math.floor(large.length / 2);
  start = performance.now();
  lintTextIncremental(`${large.slice(0, at)}x${large.slice(at)}`, {}, cache);
  const editMs = performance.now() - start;
  console.log(
    `  ${(large.length / 1e6).toFixed(1)} MB (${targetLines.toLocaleString('en-US')} lines): first lint ${firstMs.toFixed(0)} ms, one-character edit ${editMs.toFixed(1)} ms`,
  );
}

await whileBusy(text);

/** Resolves after `ms`, through the timer queue (as the editor's debounce does). */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Types and deletes characters at random places, a keystroke every 20–60 ms, for `count`
 * keystrokes; each one is a timer due at once whose callback re-lints incrementally. The latency is
 * from the timer being due to the lint done: the time waited behind other work plus the lint.
 */
async function keystrokes(text, count) {
  const cache = new LintCache();
  lintTextIncremental(text, {}, cache);
  const where = positions(text, 11);
  const samples = [];
  let current = text;
  for (let i = 0; i < count; i++) {
    const at = where.next().value;
    current = i % 2 === 0 ? `${text.slice(0, at)}x${text.slice(at)}` : text;
    const due = performance.now();
    await new Promise((resolve) =>
      setTimeout(() => {
        lintTextIncremental(current, {}, cache);
        samples.push(performance.now() - due);
        resolve();
      }, 0),
    );
    await sleep(20 + (i % 5) * 10);
  }
  return samples;
}

/** Runs `step` back to back until `stop()` is called; `step` may record durations in the list it gets. */
function backToBack(step) {
  let running = true;
  const slices = [];
  const errors = [];
  let runs = 0;
  const done = (async () => {
    while (running) {
      // Each run starts from a timer, as the editor's do (a save, a debounce): never a chain of
      // microtasks that would keep timers from firing.
      await sleep(0);
      try {
        await step(slices);
        runs++;
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      if (errors.length > 0) console.log(`  ${errors.length} runs failed, e.g.: ${errors[0]}`);
      return { slices, runs };
    },
  };
}

/** A kustomization whose base is the 2,000-line manifest and an overlay that patches every object. */
function kustomizeProject(text) {
  const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-bench-edit-'));
  mkdirSync(join(dir, 'base'));
  mkdirSync(join(dir, 'overlay'));
  writeFileSync(join(dir, 'base', 'manifests.yaml'), text);
  writeFileSync(
    join(dir, 'base', 'kustomization.yaml'),
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - manifests.yaml\n',
  );
  writeFileSync(
    join(dir, 'overlay', 'kustomization.yaml'),
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop-prod\nnameSuffix: -prod\nlabels:\n  - pairs: {tier: prod}\nresources:\n  - ../base\n',
  );
  return dir;
}

async function whileBusy(text) {
  const COUNT = Number(process.env.BENCH_KEYSTROKES ?? 150);
  const kustomize = await import(join(root, 'src', 'node', 'kustomize.ts'));
  const { lintRenderedSteps, SourceFiles } = await import(join(root, 'src', 'core', 'kustomize', 'index.ts'));
  const { runInSlices } = await import(join(root, 'src', 'node', 'slices.ts'));
  const { startDemoCluster } = await import(join(root, 'src', 'demo', 'index.ts'));
  const { connect } = await import(join(root, 'src', 'cluster', 'index.ts'));

  const idle = await keystrokes(text, COUNT);
  const idleP50 = percentile(idle, 50);
  const idleBaseline = { baseline: 'keystrokes with nothing else running', baselineValue: idleP50 };
  console.log(
    `  keystrokes with nothing else running: p50 ${idleP50.toFixed(2)} ms, p95 ${percentile(idle, 95).toFixed(2)} ms`,
  );

  const runner = await kustomize.findKustomize();
  if (!runner) {
    console.log(
      '  Kustomize not found (neither kustomize nor kubectl on PATH): the render figures are skipped',
    );
  } else {
    const dir = kustomizeProject(text);
    try {
      const overlay = join(dir, 'overlay');
      // The editor's render path: the build in a child process, then the rendered text linted and mapped back.
      const renders = backToBack(async (slices) => {
        const outcome = await kustomize.renderKustomization(runner, overlay);
        if (!outcome.ok) throw new Error(`the bench kustomization did not build: ${outcome.message}`);
        const started = performance.now();
        await runInSlices(
          lintRenderedSteps({
            rendered: outcome.rendered,
            wrapperDir: outcome.wrapperDir,
            kustomizationDir: overlay,
            read: kustomize.readSource,
            sources: new SourceFiles(kustomize.readSource),
            options: { rules: {} },
          }),
        );
        slices.push(performance.now() - started);
      });
      const busy = await keystrokes(text, COUNT);
      const { slices, runs } = await renders.stop();
      console.log(
        `  while Kustomize renders the 2,000-line base back to back (${runs} renders, their findings made in slices in p50 ${percentile(slices, 50).toFixed(0)} ms):`,
      );
      report({
        name: 'keystroke lint p50 while Kustomize renders',
        value: percentile(busy, 50),
        unit: 'ms',
        ...idleBaseline,
        target: '< 20 ms',
      });
      report({
        name: 'keystroke lint p95 while Kustomize renders',
        value: percentile(busy, 95),
        unit: 'ms',
        ...idleBaseline,
      });
      report({
        name: 'keystroke lint max while Kustomize renders',
        value: Math.max(...busy),
        unit: 'ms',
        ...idleBaseline,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const demo = await startDemoCluster();
  const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-bench-edit-'));
  try {
    await demo.writeKubeconfig(join(dir, 'kubeconfig'));
    const session = connect({ kubeconfig: join(dir, 'kubeconfig') });
    // The editor's cluster-check path: the snapshot cached for 30 s, the text parsed and checked.
    const checks = backToBack(async () => {
      const result = await session.lintAgainstCluster([text], {
        namespace: 'default',
        rules: {},
        maxAgeMs: 30_000,
      });
      // The editor then finds each finding's object in the run's own parse of the text.
      const documents = result.files[0]?.documents ?? [];
      for (const f of result.findings[0] ?? []) {
        documents.find((d) => d.range.start <= f.range.start && f.range.start <= d.range.end);
      }
    });
    const busy = await keystrokes(text, COUNT);
    const { runs } = await checks.stop();
    console.log(`  while cluster checks of the 2,000-line file run back to back (${runs} checks):`);
    report({
      name: 'keystroke lint p50 while cluster checks run',
      value: percentile(busy, 50),
      unit: 'ms',
      ...idleBaseline,
      target: '< 20 ms',
    });
    report({
      name: 'keystroke lint p95 while cluster checks run',
      value: percentile(busy, 95),
      unit: 'ms',
      ...idleBaseline,
    });
    report({
      name: 'keystroke lint max while cluster checks run',
      value: Math.max(...busy),
      unit: 'ms',
      ...idleBaseline,
    });
    session.dispose();
  } finally {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
