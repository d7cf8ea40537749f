import { mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CliError, parseFlags, untilSignal, writeOut, type CliCommand } from './common';

const HELP = `Usage: pod-doctor demo [--port P] [--pods N] [--write-kubeconfig FILE]

Runs a demo Kubernetes API server on 127.0.0.1 with a cluster of failing pods (crash loops, OOM kills,
image pull errors, unschedulable and stuck pods…) that keeps changing, until Ctrl-C.
It writes a kubeconfig for it; your ~/.kube/config is never touched.

Options:
  --port P                 port to listen on (default: a free port)
  --pods N                 add N generated pods in mixed states, for scale tests
  --write-kubeconfig FILE  where to write the kubeconfig (default: in ~/.cache/pod-doctor)

Example:
  pod-doctor demo --port 6443`;

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'pod-doctor');
}

function parseCount(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new CliError(`${flag} expects a whole number from 0 to ${max}, got "${value}".`);
  }
  return n;
}

export const command: CliCommand = {
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        port: { type: 'string' },
        pods: { type: 'string' },
        'write-kubeconfig': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      false,
    );
    if (values.help) {
      writeOut(HELP);
      return 0;
    }
    const port = parseCount(values.port, '--port', 65_535);
    const pods = parseCount(values.pods, '--pods', 200_000);
    const requested = values['write-kubeconfig'];
    const kubeconfig = requested ? resolve(requested) : join(cacheDir(), 'demo.kubeconfig');
    if (kubeconfig === resolve(homedir(), '.kube', 'config')) {
      throw new CliError(
        `Refusing to overwrite your kubeconfig ${kubeconfig}; pass another file to --write-kubeconfig, or omit it to use a cache file.`,
      );
    }

    const { startDemoCluster } = await import('../demo/index');
    let cluster;
    try {
      cluster = await startDemoCluster({
        ...(port !== undefined ? { port } : {}),
        ...(pods ? { pods } : {}),
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE')
        throw new CliError(`Port ${port ?? 0} on 127.0.0.1 is already in use; pick another with --port.`);
      throw error;
    }
    try {
      mkdirSync(dirname(kubeconfig), { recursive: true });
      await cluster.writeKubeconfig(kubeconfig);
    } catch (error) {
      await cluster.close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(
        `Could not write the kubeconfig to ${kubeconfig} (${reason}); pass a writable file to --write-kubeconfig.`,
      );
    }

    writeOut(
      [
        `Pod Doctor demo cluster: ${cluster.url}`,
        `Kubeconfig: ${kubeconfig} (context pod-doctor-demo)`,
        '',
        'Try:',
        `  export KUBECONFIG=${kubeconfig} && kubectl get pods -A`,
        '',
        'Pods restart, become ready and collect events as time passes. Press Ctrl-C to stop.',
      ].join('\n'),
    );

    await untilSignal();
    await cluster.close();
    if (!requested) rmSync(kubeconfig, { force: true });
    writeOut('Demo cluster stopped.');
    return 0;
  },
};
