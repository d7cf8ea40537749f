import * as assert from 'node:assert/strict';
import { formatAutomationLog } from '../integration/format-log';

describe('integration harness: codeAutomationLog output', () => {
  it("re-applies mocha's spec reporter formats", () => {
    assert.equal(formatAutomationLog('%s%s,  ,activation'), '  activation');
    assert.equal(
      formatAutomationLog('    ✔ %s,declares only podDoctor.* commands'),
      '    ✔ declares only podDoctor.* commands',
    );
    assert.equal(formatAutomationLog('  %d passing (%s),4,2s'), '  4 passing (2s)');
  });

  it('gives a title that contains commas to its %s and the duration to %d', () => {
    assert.equal(
      formatAutomationLog('    ✔ %s (%dms),registers commands, and declares them,831'),
      '    ✔ registers commands, and declares them (831ms)',
    );
  });

  it('prints plain messages, and messages with too few arguments, as they came', () => {
    assert.equal(
      formatAutomationLog('Running 3 integration test file(s)'),
      'Running 3 integration test file(s)',
    );
    assert.equal(formatAutomationLog('expected 1, got 2'), 'expected 1, got 2');
    assert.equal(formatAutomationLog('%s and %s,one'), '%s and %s,one');
  });

  it('keeps an escaped percent sign', () => {
    assert.equal(formatAutomationLog('%d%% done,50'), '50% done');
  });
});
