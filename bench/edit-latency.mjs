// bench/edit-latency: how long the editor takes to re-lint a 2,000-line multi-document manifest after
// a one-character edit (target: < 20 ms p50), against a full lint of the same text in the same
// run. Needs the TypeScript sources: bench/run.mjs starts node with tsx.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
console.log(`  full lint (lintText)             p50 ${fullP50.toFixed(2)} ms`);
for (const [label, samples] of [
  ['one character typed or deleted', typing],
  ['a line break typed or deleted  ', newline],
]) {
  const p50 = percentile(samples, 50);
  console.log(
    `  ${label}   p50 ${p50.toFixed(2)} ms  p95 ${percentile(samples, 95).toFixed(2)} ms  ratio p50 / full ${(p50 / fullP50).toFixed(3)}`,
  );
}
console.log('  target: p50 < 20 ms for a one-character edit');

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
