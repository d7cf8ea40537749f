// Runs every benchmark in this folder (or those named on the command line) one after another.
// Benchmarks print figures and ratios against a baseline measured in the same run; none asserts
// timings. Each benchmark prints one JSON line per figure (bench/_report.mjs); this runner passes
// everything through and ends with a summary table of all of them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => /\.(mjs|ts)$/.test(f) && f !== 'run.mjs' && !f.startsWith('_'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
const results = [];
for (const bench of benches) {
  console.log(`\n▶ ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, bench)], {
    stdio: ['inherit', 'pipe', 'inherit'],
    maxBuffer: 1 << 28,
  });
  const out = result.stdout?.toString() ?? '';
  for (const line of out.split('\n')) {
    if (line.startsWith('{"name":')) {
      try {
        results.push(JSON.parse(line));
      } catch {
        // not one of ours; already passed through below
      }
    }
  }
  process.stdout.write(
    out
      .split('\n')
      .filter((l) => !l.startsWith('{"name":'))
      .join('\n'),
  );
  if (result.status !== 0) {
    failed++;
    console.log(`✗ ${bench} exited with ${result.status ?? result.signal}`);
  }
}
console.log('\nSummary (one JSON line per figure follows the table)');
for (const r of results)
  console.log(
    `  ${r.name.padEnd(44)} ${String(r.value).padStart(10)} ${r.unit.padEnd(10)}${r.ratio !== null ? ` ratio ${r.ratio} vs ${r.baseline}` : ''}`,
  );
for (const r of results) console.log(JSON.stringify(r));
process.exit(failed > 0 ? 1 : 0);
