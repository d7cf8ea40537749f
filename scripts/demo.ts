// `npm run demo` (through scripts/demo.sh, which installs what is missing): builds, starts the demo
// cluster, and serves VS Code with Pod Doctor and the sample workspace at http://127.0.0.1:8080.
// Runs until Ctrl-C or SIGTERM, then stops everything it started.
//
//   scripts/demo.sh [--port 8080] [--host 127.0.0.1] [--desktop]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  PROJECT_ROOT,
  createSandbox,
  demoClusterAvailable,
  onCleanup,
  runCleanups,
  startCodeServer,
  startDemoCluster,
  workbenchUrl,
  writeUserSettings,
  type DemoCluster,
} from './code-server';

const USAGE = `usage: npm run demo -- [--port PORT] [--host HOST] [--desktop]

Serves VS Code with Pod Doctor, the sample workspace and the demo cluster at http://HOST:PORT
(default 127.0.0.1:8080, or $POD_DOCTOR_DEMO_PORT). --desktop opens desktop VS Code (the \`code\`
command) with the extension instead. Stops everything on Ctrl-C.`;

function log(message: string): void {
  console.log(`pod-doctor demo: ${message}`);
}

function build(): void {
  log('building (node esbuild.mjs)');
  const result = spawnSync(process.execPath, ['esbuild.mjs'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0)
    throw new Error('The build failed (node esbuild.mjs); fix the errors above and run the demo again.');
}

function sampleWorkspace(): string {
  const sample = join(PROJECT_ROOT, 'sample');
  return existsSync(sample) ? sample : join(PROJECT_ROOT, 'test', 'fixtures', 'workspace');
}

function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Resolves when the user presses Ctrl-C or the process gets SIGTERM/SIGHUP. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.prependOnceListener(signal, () => resolve());
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      desktop: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(values.port ?? process.env.POD_DOCTOR_DEMO_PORT ?? 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`--port must be a TCP port number (1-65535), not "${values.port}".`);
  }
  const host = values.host ?? '127.0.0.1';
  if (values.desktop && !onPath('code')) {
    throw new Error(
      '--desktop needs the `code` command on PATH (VS Code: "Shell Command: Install \'code\' command in PATH"); without --desktop the demo runs VS Code in the browser.',
    );
  }

  if (!values.desktop && !(await portIsFree(host, port))) {
    throw new Error(
      `Port ${port} on ${host} is in use (another demo?); stop that or choose another port with --port.`,
    );
  }
  build();
  const sandbox = createSandbox('pod-doctor-demo-');
  let cluster: DemoCluster | undefined;
  if (demoClusterAvailable()) {
    cluster = await startDemoCluster(sandbox);
    log(`demo cluster on https://127.0.0.1:${cluster.port}; kubeconfig ${cluster.kubeconfig}`);
  } else {
    log(
      'the demo cluster is not available in this build (no dist/demo.js or no `pod-doctor demo` command); VS Code starts without a cluster.',
    );
  }
  const workspace = sampleWorkspace();
  const env: Record<string, string> = cluster ? { KUBECONFIG: cluster.kubeconfig } : {};

  if (values.desktop) {
    // Desktop VS Code keeps running on its own; the demo cluster stays up until Ctrl-C here.
    const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${PROJECT_ROOT}`, workspace], {
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    onCleanup(() => {
      code.kill();
    });
    log(
      `opened desktop VS Code on ${workspace}${cluster ? ' with the demo cluster' : ''}. Press Ctrl-C to stop the demo cluster.`,
    );
    if (!cluster) return 0;
    await untilStopped();
    log('stopping');
    return 0;
  }

  writeUserSettings(sandbox, { 'workbench.colorTheme': 'Dark 2026' });
  const server = await startCodeServer({ sandbox, host, port, smokeTestDriver: true, env }).catch(
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`VS Code (code-server) did not start on ${host}:${port}: ${message}`, { cause: error });
    },
  );
  const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: PROJECT_ROOT });
  console.log('');
  log(`VS Code with Pod Doctor is ready. Open this address in a browser:\n\n  ${url}\n`);
  log(
    `workspace ${workspace}; ${cluster ? 'the Pod Doctor view shows the demo cluster' : 'no cluster'}. Press Ctrl-C to stop.`,
  );
  await untilStopped();
  log('stopping');
  return 0;
}

main()
  .catch((error: unknown) => {
    console.error(`pod-doctor demo: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await runCleanups();
    process.exit(code);
  });
