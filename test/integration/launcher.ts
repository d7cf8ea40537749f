// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns: starts
// code-server with the smoke-test driver, opens the workbench in headless Chromium with the test
// payload, relays the extension host's test output and exits with the test run's exit code.
//
// Environment: POD_DOCTOR_IT_TIMEOUT_MS (whole run, default 300000), POD_DOCTOR_IT_START_TIMEOUT_MS
// (until the suite starts, default 120000), POD_DOCTOR_IT_VERBOSE=1 (code-server and browser
// console output), POD_DOCTOR_IT_KEEP=1 (keep the sandbox folder for inspection).
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createSandbox,
  launchBrowser,
  runCleanups,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
  type CodeServer,
} from '../../scripts/code-server';
import { formatAutomationLog } from './format-log';
import { START_LINE_PREFIX } from './protocol';

interface LaunchArgs {
  readonly folder: string | undefined;
  readonly extensionDevelopmentPath: readonly string[];
  readonly extensionTestsPath: string | undefined;
}

function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  let folder: string | undefined;
  const extensionDevelopmentPath: string[] = [];
  let extensionTestsPath: string | undefined;
  for (const arg of argv) {
    const value = arg.slice(arg.indexOf('=') + 1);
    if (arg.startsWith('--extensionDevelopmentPath=')) extensionDevelopmentPath.push(value);
    else if (arg.startsWith('--extensionTestsPath=')) extensionTestsPath = value;
    else if (!arg.startsWith('-')) folder = arg;
  }
  return { folder, extensionDevelopmentPath, extensionTestsPath };
}

/** Workbench log lines that say nothing about the tests: offline gallery, account policy, chat sign-in. */
function isWorkbenchNoise(text: string): boolean {
  return (
    /^\[(AccountPolicyGate|AgentHost[^\]]*)\]/.test(text) ||
    text.includes('ENOTFOUND open-vsx.org') ||
    text.includes("authentication provider 'github'")
  );
}

/**
 * Puts the stand-in extensions of test/integration/stand-ins (ids of Red Hat's YAML and the
 * Kubernetes extensions, nothing more) into the profile's extensions folder, where VS Code finds
 * them at start-up. They stay inactive until a test activates them.
 */
function installStandIns(extensionsDir: string): void {
  const standIns = join(__dirname, 'stand-ins');
  for (const name of readdirSync(standIns)) {
    const manifest = JSON.parse(readFileSync(join(standIns, name, 'package.json'), 'utf8')) as {
      publisher: string;
      name: string;
      version: string;
    };
    cpSync(
      join(standIns, name),
      join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`),
      {
        recursive: true,
      },
    );
  }
}

function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function main(): Promise<number> {
  const args = parseLaunchArgs(process.argv.slice(2));
  if (!args.extensionTestsPath) {
    throw new Error(
      'The launcher needs --extensionTestsPath=<compiled suite index>; run it through test/integration/run.mjs.',
    );
  }
  const verbose = process.env.POD_DOCTOR_IT_VERBOSE === '1';
  const started = performance.now();
  const sandbox = createSandbox('pod-doctor-it-', process.env.POD_DOCTOR_IT_KEEP === '1');
  if (process.env.POD_DOCTOR_IT_KEEP === '1') console.error(`launcher: sandbox kept at ${sandbox.root}`);
  writeUserSettings(sandbox, {});
  installStandIns(sandbox.extensionsDir);

  const [developmentPath] = args.extensionDevelopmentPath;

  const server: CodeServer = await startCodeServer({ sandbox, smokeTestDriver: true, verbose });
  const session = await launchBrowser(sandbox);
  const { page } = session;

  // The workbench's own start-up log lines are noise unless the test run never starts.
  let testsStarted = false;
  const startupLog: string[] = [];
  const exitCode = new Promise<number>((resolveExit) => {
    void page.exposeFunction('codeAutomationLog', (level: unknown, message: unknown) => {
      const text = formatAutomationLog(message);
      if (!testsStarted && text.startsWith(START_LINE_PREFIX)) {
        testsStarted = true;
        console.log(`VS Code was ready to run the tests ${elapsed(started)} after the launcher started.`);
      }
      if (!testsStarted && !verbose) {
        startupLog.push(text);
        return;
      }
      if (!verbose && isWorkbenchNoise(text)) return;
      if (level === 'error' || level === 'warn') console.error(text);
      else console.log(text);
    });
    void page.exposeFunction('codeAutomationExit', (code: unknown) => {
      resolveExit(typeof code === 'number' ? code : 1);
    });
  });
  if (verbose) {
    page.on('console', (m) => console.error(`[browser ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[browser error] ${e.message}`));
  }

  const url = workbenchUrl(server, {
    folder: args.folder,
    extensionDevelopmentPath: developmentPath,
    extensionTestsPath: args.extensionTestsPath,
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  if (verbose) console.error(`launcher: workbench loading after ${elapsed(started)} (${url})`);

  const startTimeoutMs = envMs('POD_DOCTOR_IT_START_TIMEOUT_MS', 120_000);
  const totalTimeoutMs = envMs('POD_DOCTOR_IT_TIMEOUT_MS', 300_000);
  const timeout = new Promise<number>((resolveTimeout) => {
    const startTimer = setTimeout(() => {
      if (testsStarted) return;
      console.error(
        `launcher: the workbench started no test run within ${startTimeoutMs / 1000} s of loading ${server.url}; ` +
          'the extension host may have failed to start. Rerun with POD_DOCTOR_IT_VERBOSE=1 to see code-server and browser output.',
      );
      if (!verbose) {
        console.error(`The workbench logged:\n${startupLog.join('\n') || '(nothing)'}`);
        console.error(`code-server said:\n${server.output().trim() || '(nothing)'}`);
      }
      resolveTimeout(1);
    }, startTimeoutMs);
    const totalTimer = setTimeout(() => {
      console.error(
        `launcher: the test run did not finish within ${totalTimeoutMs / 1000} s; stopping it. ` +
          'A test is probably waiting for something that never happens; set POD_DOCTOR_IT_TIMEOUT_MS to allow longer.',
      );
      resolveTimeout(1);
    }, totalTimeoutMs);
    void exitCode.finally(() => {
      clearTimeout(startTimer);
      clearTimeout(totalTimer);
    });
  });
  // Fail at once, not at the time limit, when a piece of the harness dies under the tests.
  const crashed = new Promise<number>((resolveCrash) => {
    page.once('crash', () => {
      console.error('launcher: the browser tab running the workbench crashed; the test run is lost.');
      resolveCrash(1);
    });
    server.process.once('exit', (exit, signal) => {
      console.error(
        `launcher: code-server exited (${exit ?? signal}) during the test run.\ncode-server said:\n${server.output().trim()}`,
      );
      resolveCrash(1);
    });
  });
  const code = await Promise.race([exitCode, timeout, crashed]);
  if (verbose) console.error(`launcher: test run ended with ${code} after ${elapsed(started)}`);
  return code;
}

main()
  .catch((error: unknown) => {
    console.error(`launcher: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await runCleanups();
    process.exit(code);
  });
