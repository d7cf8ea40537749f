// bench/tree: what the Pods tree costs on a cluster of 10,000 pods (target: first render
// < 1.5 s, one watch and no polling, a status change reaches the tree < 100 ms, < 150 MB extra).
// The demo API server runs in a child process (bench/_tree-server.ts). Prints figures; asserts none.
//
//   node --import tsx bench/tree.ts [--pods 10000] [--idle 60]
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ClusterSession, loadKubeconfig } from '../src/cluster/index';
import type { Pod } from '../src/core/k8s';
import { kubectlPodRow } from '../src/core/status';
import { findKubectl } from '../test/kubectl';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { pods: { type: 'string', default: '10000' }, idle: { type: 'string', default: '60' } },
});
const podCount = Number(values.pods);
const idleSeconds = Number(values.idle);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Every HTTP request this process makes (client-node goes through node:http/https or undici). */
const requests: string[] = [];
subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: { method: string; path: string } };
  requests.push(`${request.method} ${request.path}`);
});
subscribe('undici:request:create', (message) => {
  const { request } = message as { request: { method: string; path: string } };
  requests.push(`${request.method} ${request.path}`);
});

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

interface Server {
  child: ChildProcessByStdio<Writable, Readable, null>;
  lines: Interface;
  next(): Promise<string>;
}

async function startServer(kubeconfig: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench', '_tree-server.ts'), String(podCount), kubeconfig],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const queue: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  lines.on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else queue.push(line);
  });
  const next = (): Promise<string> => {
    const line = queue.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiters.push(resolve));
  };
  return { child, lines, next };
}

function timeCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  runs = 3,
): { ms: number; ok: boolean; bytes: number; error: string } {
  const samples: number[] = [];
  let ok = true;
  let bytes = 0;
  let error = '';
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, {
      env,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      timeout: 120_000,
    });
    samples.push(performance.now() - started);
    if (result.status !== 0) {
      ok = false;
      error = (result.stderr || String(result.error)).trim().split('\n')[0] ?? '';
      break;
    }
    bytes = result.stdout.length;
  }
  return { ms: median(samples), ok, bytes, error };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-bench-tree-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const server = await startServer(kubeconfig);
  try {
    const ready = JSON.parse(await server.next()) as { url: string };
    console.log(`demo API server with ${podCount} extra pods at ${ready.url} (separate process)`);

    const heapBefore = heapMb();
    const rssBefore = rssMb();
    const session = new ClusterSession(loadKubeconfig({ files: [kubeconfig] }), 'pod-doctor-demo');
    const cache = session.podCache(undefined);
    const changes: Array<{ at: number; pods: Pod[] }> = [];
    const started = performance.now();
    const subscription = cache.subscribe((event) => {
      if (event.type === 'change') changes.push({ at: performance.now(), pods: event.changed });
    });
    await cache.waitForSync();
    const listed = performance.now();
    const now = Date.now();
    const rows = cache.list().map((pod) => kubectlPodRow(pod, now));
    const rendered = performance.now();
    console.log(
      `first full list: ${cache.size} pods in ${(listed - started).toFixed(0)} ms (${cache.stats.pages} pages); ` +
        `rows for all: ${(rendered - listed).toFixed(0)} ms; total ${(rendered - started).toFixed(0)} ms (target < 1500 ms)`,
    );
    const unhealthy = rows.filter((r) => r.problem).length;
    console.log(`  ${unhealthy} rows with a failure STATUS`);

    // Status changes on the server → cache event here.
    const target = rows.find((r) => r.namespace === 'default' && r.name.startsWith('web-'));
    const latencies: number[] = [];
    if (target) {
      for (let i = 0; i < 10; i++) {
        const reason = i % 2 === 0 ? 'OOMKilled' : 'Error';
        const seen = changes.length;
        const sent = performance.now();
        server.child.stdin.write(`update ${target.namespace} ${target.name} ${reason}\n`);
        await server.next();
        for (;;) {
          const hit = changes
            .slice(seen)
            .find((c) =>
              c.pods.some(
                (p) =>
                  p.metadata?.name === target.name &&
                  p.status?.containerStatuses?.[0]?.state?.terminated?.reason === reason,
              ),
            );
          if (hit) {
            latencies.push(hit.at - sent);
            break;
          }
          if (performance.now() - sent > 5000) break;
          await new Promise((r) => setTimeout(r, 1));
        }
      }
      console.log(
        `status change on the server → cache event: median ${median(latencies).toFixed(1)} ms, ` +
          `max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} changes (target < 100 ms)`,
      );
    }

    const heapAfter = heapMb();
    console.log(
      `memory: +${(heapAfter - heapBefore).toFixed(1)} MB heap, +${(rssMb() - rssBefore).toFixed(1)} MB RSS for the cache and rows (target < 150 MB)`,
    );
    void rows.length;

    const before = requests.length;
    const watchesBefore = cache.stats.watches;
    console.log(`idle for ${idleSeconds} s…`);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const idle = requests.slice(before);
    console.log(
      `requests in ${idleSeconds} idle seconds: ${idle.length}${idle.length ? ` (${[...new Set(idle)].join(', ')})` : ''}; ` +
        `watches opened: ${cache.stats.watches - watchesBefore}, relists: ${cache.stats.relists}; ` +
        `since start: ${requests.length} requests (${cache.stats.pages} list pages, ${cache.stats.watches} watch)`,
    );
    subscription.dispose();

    // The CLI against kubectl on the same server.
    const env = { ...process.env, KUBECONFIG: kubeconfig };
    const cli = join(root, 'dist', 'cli.js');
    if (existsSync(cli)) {
      const ours = timeCommand(process.execPath, [cli, 'pods', '-A', '--format', 'json'], env);
      console.log(
        ours.ok
          ? `pod-doctor pods -A --format json: ${ours.ms.toFixed(0)} ms (median of 3), ${(ours.bytes / 1024).toFixed(0)} KB`
          : `pod-doctor pods -A --format json failed: ${ours.error}`,
      );
      const kubectl = findKubectl();
      if (kubectl !== undefined) {
        const theirs = timeCommand(kubectl, ['get', 'pods', '-A', '-o', 'json'], env);
        console.log(
          theirs.ok
            ? `kubectl get pods -A -o json:       ${theirs.ms.toFixed(0)} ms (median of 3), ${(theirs.bytes / 1024).toFixed(0)} KB` +
                (ours.ok ? `; ratio pod-doctor/kubectl ${(ours.ms / theirs.ms).toFixed(2)}` : '')
            : `kubectl get pods -A -o json failed: ${theirs.error}`,
        );
      } else {
        console.log('kubectl: not installed or not working here; skipped the comparison.');
      }
    } else {
      console.log('dist/cli.js is missing (run `node esbuild.mjs`); skipped the CLI comparison.');
    }
  } finally {
    server.child.stdin.write('quit\n');
    server.child.stdin.end();
    await new Promise((r) => server.child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

void main();
