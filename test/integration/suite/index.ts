// Loaded by the extension host (extensionTestsPath): runs every compiled `*.test.js` next to this
// file with mocha and reports the counts on one line that test/integration/run.mjs reads.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format, stripVTControlCharacters } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { RESULT_PREFIX, START_LINE_PREFIX } from '../protocol';

function testFiles(dir: string, only: string | undefined): string[] {
  const wanted = only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !wanted || wanted.some((w) => f.includes(w)))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The workbench relays console output as `String([format, ...args])` without applying the format;
 * mocha's reporters print through `Base.consoleLog`, so format here and send one finished string.
 */
function printFormatted(): void {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  // Plain text: mocha's check marks come pre-coloured when the environment has CI set.
  base.consoleLog = (...args: unknown[]) =>
    console.log(args.length > 0 ? stripVTControlCharacters(format(...args)) : '');
}

export function run(): Promise<void> {
  printFormatted();
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.POD_DOCTOR_IT_TEST_TIMEOUT_MS) || 20_000,
    ...(process.env.POD_DOCTOR_IT_GREP ? { grep: process.env.POD_DOCTOR_IT_GREP } : {}),
  });
  const files = testFiles(__dirname, process.env.POD_DOCTOR_IT_FILES);
  for (const file of files) mocha.addFile(file);
  console.log(`${START_LINE_PREFIX}${files.length} file(s) in VS Code ${vscode.version}`);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        const failed = stats?.failures ?? failures;
        const pending = stats?.pending ?? 0;
        console.log(`${RESULT_PREFIX}${JSON.stringify({ passed, failed, pending })}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
    } catch (error) {
      console.log(`${RESULT_PREFIX}${JSON.stringify({ passed: 0, failed: 1, pending: 0 })}`);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
