// bench/pods-all: `pod-doctor pods -A` against the demo API server with 10,000 and 50,000 generated
// pods (target: the table streams page by page, with memory flat in the number of pods). For each
// size and format: peak RSS of the whole CLI process (GNU time's maximum resident set size), the
// time to the first row and to the end. kubectl, which reads every chunk before it prints, is
// measured the same way when it is installed. Needs dist/cli.js (`node esbuild.mjs`). Asserts nothing.
//
//   node --import tsx bench/pods-all.ts [--sizes 10000,50000] [--runs 3]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findKubectl } from '../test/kubectl';
import { best, report } from './_report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '10000,50000' }, runs: { type: 'string', default: '3' } },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const TIME = '/usr/bin/time';

interface Run {
  ok: boolean;
  rssKb: number;
  firstMs: number;
  totalMs: number;
  lines: number;
  error: string;
}

/** Runs a command under GNU time; counts its output without keeping it. */
function measured(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    let firstMs = NaN;
    let lines = 0;
    let stderr = '';
    const child = spawn(TIME, ['-f', 'maxrss-kb %M', command, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (Number.isNaN(firstMs)) firstMs = performance.now() - started;
      for (const byte of chunk) if (byte === 10) lines++;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      const rss = /maxrss-kb (\d+)/.exec(stderr);
      resolve({
        ok: code === 0 && rss !== null,
        rssKb: Number(rss?.[1] ?? NaN),
        firstMs,
        totalMs: performance.now() - started,
        lines,
        error: stderr.trim().split('\n')[0] ?? '',
      });
    });
  });
}

function startServer(pods: number, kubeconfig: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench', '_tree-server.ts'), String(pods), kubeconfig],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const ready = new Promise<void>((resolve) =>
    createInterface({ input: child.stdout }).once('line', () => resolve()),
  );
  return {
    ready,
    stop: async () => {
      child.stdin.write('quit\n');
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function main(): Promise<void> {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) {
    console.log('dist/cli.js is missing: run `node esbuild.mjs` first.');
    process.exit(1);
  }
  if (!existsSync(TIME)) {
    console.log(`${TIME} (GNU time) is missing: apt-get install time.`);
    process.exit(1);
  }
  const kubectl = findKubectl();
  const rss: Record<string, number> = {};
  for (const pods of sizes) {
    const label = `${Math.round(pods / 1000)}k`;
    const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-bench-pods-'));
    const kubeconfig = join(dir, 'kubeconfig');
    const server = startServer(pods, kubeconfig);
    try {
      await server.ready;
      const env = { ...process.env, KUBECONFIG: kubeconfig };
      const commands: Array<[string, string, string[]]> = [
        ['text', process.execPath, [cli, 'pods', '-A']],
        ['json', process.execPath, [cli, 'pods', '-A', '--format', 'json']],
        ...(kubectl ? [['kubectl', kubectl, ['get', 'pods', '-A']] as [string, string, string[]]] : []),
      ];
      for (const [name, command, args] of commands) {
        const samples: Run[] = [];
        for (let i = 0; i < runs; i++) samples.push(await measured(command, args, env));
        const failed = samples.find((s) => !s.ok);
        if (failed) {
          console.log(`  ${name} at ${label}: failed: ${failed.error}`);
          continue;
        }
        const peak = best(samples.map((s) => s.rssKb)) / 1024;
        rss[`${name}.${label}`] = peak;
        console.log(
          `  ${name} at ${label}: ${samples[0]?.lines} lines; first row after ${best(samples.map((s) => s.firstMs)).toFixed(0)} ms, ` +
            `end after ${best(samples.map((s) => s.totalMs)).toFixed(0)} ms; peak RSS ${peak.toFixed(1)} MB (best of ${runs})`,
        );
        const first = rss[`${name}.${sizes[0] !== undefined ? Math.round(sizes[0] / 1000) : 0}k`];
        const prefix = name === 'kubectl' ? 'pods-all.kubectl' : `pods-all.${name}`;
        report({
          name: `${prefix}.peak-rss.${label}`,
          value: peak,
          unit: 'MB',
          ...(first !== undefined && pods !== sizes[0]
            ? { baseline: `same at ${Math.round((sizes[0] ?? 0) / 1000)}k pods`, baselineValue: first }
            : {}),
          ...(name !== 'kubectl' ? { target: 'flat in the number of pods' } : {}),
        });
        report({
          name: `${prefix}.first-row.${label}`,
          value: best(samples.map((s) => s.firstMs)),
          unit: 'ms',
          baseline: 'its own end',
          baselineValue: best(samples.map((s) => s.totalMs)),
        });
      }
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.exit(0);
}

void main();
