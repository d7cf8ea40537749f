// Reads the output of `npm test` and prints one line `N passed, N failed` over the unit tests (mocha's
// `N passing` / `N failing` before the integration run) and the integration tests (run.mjs's own
// `N passed, N failed`). Exits with the test run's status, or 1 when it failed without counts.
//   node scripts/test-summary.mjs LOG-FILE EXIT-STATUS
import { readFileSync } from 'node:fs';

const [logFile, statusArg] = process.argv.slice(2);
// eslint-disable-next-line no-control-regex -- strips the colour codes mocha and npm may print
const text = readFileSync(logFile, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
const status = Number(statusArg) || 0;

// The integration output repeats mocha's summary from inside VS Code: count unit lines before it.
const integrationStart = text.search(/^Running integration tests: /m);
const unitText = integrationStart >= 0 ? text.slice(0, integrationStart) : text;
const sum = (re, source) => [...source.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
const unit = {
  passed: sum(/^\s*(\d+) passing\b/gm, unitText),
  failed: sum(/^\s*(\d+) failing\b/gm, unitText),
};
const integration = [...text.matchAll(/^(\d+) passed, (\d+) failed$/gm)].at(-1);
const passed = unit.passed + (integration ? Number(integration[1]) : 0);
let failed = unit.failed + (integration ? Number(integration[2]) : 0);

const parts = [`unit ${unit.passed} passed, ${unit.failed} failed`];
parts.push(
  integration
    ? `integration ${integration[1]} passed, ${integration[2]} failed`
    : 'integration tests did not run',
);
console.log(`\nTest summary: ${parts.join('; ')}${status ? ` (npm test exited with ${status})` : ''}`);
// A run that stopped before any test could fail (typecheck, lint, build) still counts as a failure.
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status !== 0 ? status : failed > 0 ? 1 : 0);
