// bench/explain: explainPod over every fixture in test/fixtures/pods, many times, against
// JSON.parse of the same inputs in the same run (target: < 5 ms per pod).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainPod } from '../src/core/diagnose';
import type { DiagnoseInput } from '../src/core/diagnose';

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(fn: () => void): number {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
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
  `${inputs.length} fixture pods × ${rounds} rounds = ${pods} explanations (median of ${runs} runs)`,
);
console.log(
  `explainPod:  ${(explainMs / pods).toFixed(4)} ms per pod (${Math.round(pods / (explainMs / 1000)).toLocaleString('en')} pods/s); target < 5 ms`,
);
console.log(`JSON.parse:  ${(parseMs / pods).toFixed(4)} ms per pod input (baseline)`);
console.log(`ratio explainPod / JSON.parse = ${(explainMs / parseMs).toFixed(2)}`);
console.log(`slowest fixture: ${worst.name} at ${worst.ms.toFixed(4)} ms per pod`);
if (sink === -1) console.log('');
