// bench/explain: explainPod over every fixture in test/fixtures/pods, many times, against
// JSON.parse of the same inputs in the same run (target: < 5 ms per pod). Best of 5 runs.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainPod } from '../src/core/diagnose';
import type { DiagnoseInput } from '../src/core/diagnose';
import { best, report } from './_report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'test', 'fixtures', 'pods');
const texts = readdirSync(dir)
  .filter((f) => f.endsWith('.pod.json'))
  .sort()
  .map((f) => readFileSync(join(dir, f), 'utf8'));
const inputs = texts.map((t) => {
  const { now, ...rest } = JSON.parse(t) as Omit<DiagnoseInput, 'nowMs'> & { now: string };
  return { ...rest, nowMs: Date.parse(now) };
});

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 200);
const runs = Number(process.env['BENCH_RUNS'] ?? 5);

function time(fn: () => void): number {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return best(samples);
}

let sink = 0;
// Warm both paths so the JIT is not what is measured.
for (let i = 0; i < 20; i++) for (const input of inputs) sink += explainPod(input).diagnoses.length;

const parseMs = time(() => {
  for (let i = 0; i < rounds; i++)
    for (const t of texts) sink += (JSON.parse(t) as { events: unknown[] }).events.length;
});
const explainMs = time(() => {
  for (let i = 0; i < rounds; i++) for (const input of inputs) sink += explainPod(input).timeline.length;
});
let worst = { name: '', ms: 0 };
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.pod.json'))
  .sort();
inputs.forEach((input, i) => {
  const start = performance.now();
  for (let r = 0; r < 200; r++) sink += explainPod(input).diagnoses.length;
  const ms = (performance.now() - start) / 200;
  if (ms > worst.ms) worst = { name: names[i]!, ms };
});

const pods = rounds * inputs.length;
console.log(
  `bench/explain: ${inputs.length} fixture pods × ${rounds} rounds = ${pods} explanations (best of ${runs} runs), ${Math.round(pods / (explainMs / 1000)).toLocaleString('en')} pods/s`,
);
report({
  name: 'explainPod per pod',
  value: explainMs / pods,
  unit: 'ms',
  baseline: 'JSON.parse of the same input',
  baselineValue: parseMs / pods,
  target: '< 5 ms',
});
report({
  name: 'explainPod slowest fixture',
  value: worst.ms,
  unit: 'ms',
  baseline: 'explainPod per pod',
  baselineValue: explainMs / pods,
});
console.log(`  slowest fixture: ${worst.name}`);
if (sink === -1) console.log('');
