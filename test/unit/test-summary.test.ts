import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', 'scripts', 'test-summary.mjs');

function summarize(log: string, status: number): { lastLine: string; exitCode: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-summary-'));
  try {
    const file = join(dir, 'npm-test.log');
    writeFileSync(file, log);
    const result = spawnSync(process.execPath, [script, file, String(status)], { encoding: 'utf8' });
    const lines = result.stdout.trimEnd().split('\n');
    return { lastLine: lines.at(-1) ?? '', exitCode: result.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const UNIT_PASSING = '> mocha "test/unit/**/*.test.ts"\n\n  ........\n\n  568 passing (41s)\n  2 pending\n\n';
const INTEGRATION = [
  'Running integration tests: 2 file(s) in VS Code 1.139.1',
  '  activation',
  '    ✔ activates',
  '  18 passing (9s)',
  'Exit code:   0',
  'Integration tests: 23.7 s in total, 0 pending; suites compiled from test/integration/suite',
  '18 passed, 0 failed',
  '',
].join('\n');

describe('scripts/test-summary.mjs (the last line of .ci/run)', () => {
  it('adds the unit tests to the integration tests, without counting mocha inside VS Code twice', () => {
    assert.deepEqual(summarize(UNIT_PASSING + INTEGRATION, 0), {
      lastLine: '586 passed, 0 failed',
      exitCode: 0,
    });
  });

  it('counts failing unit tests, also through colour codes', () => {
    const log = '\u001b[32m  560 passing\u001b[0m (40s)\n\u001b[31m  8 failing\u001b[0m\n';
    assert.deepEqual(summarize(log, 1), { lastLine: '560 passed, 8 failed', exitCode: 1 });
  });

  it('reports a run that stopped before any test (typecheck, lint) as a failure', () => {
    assert.deepEqual(summarize("src/x.ts(1,1): error TS2304: Cannot find name 'y'.\n", 2), {
      lastLine: '0 passed, 1 failed',
      exitCode: 2,
    });
  });

  it('fails when the integration tests failed even if npm reported success', () => {
    const log = UNIT_PASSING + INTEGRATION.replace('18 passed, 0 failed', '17 passed, 1 failed');
    assert.deepEqual(summarize(log, 0), { lastLine: '585 passed, 1 failed', exitCode: 1 });
  });
});
