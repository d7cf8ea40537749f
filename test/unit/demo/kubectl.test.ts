import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';
import { kubectlOrSkip } from '../../kubectl';

/** The demo cluster as kubectl sees it: discovery, server-side tables, chunking, logs, watch. */

const run = promisify(execFile);

describe('demo API server with kubectl', function () {
  let cluster: DemoCluster;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let kubectlBin: string;

  before(async function () {
    kubectlBin = kubectlOrSkip(this);
    cluster = await startDemoCluster();
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-kubectl-'));
    await cluster.writeKubeconfig(join(dir, 'kubeconfig'));
    env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), HOME: dir };
  });
  after(async () => {
    await cluster?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = async (...args: string[]): Promise<string> => {
    const { stdout } = await run(kubectlBin, ['--cache-dir', join(dir, 'cache'), ...args], {
      env,
      timeout: 20_000,
    });
    return stdout;
  };

  it('prints `get pods -A` with the STATUS, READY and RESTARTS kubectl users know', async () => {
    const table = await kubectl('get', 'pods', '-A');
    const lines = table.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    const row = (prefix: string): string[] =>
      (lines.find((l) => l.split(/\s+/)[1]?.startsWith(prefix)) ?? '').split(/\s{2,}/);
    assert.deepEqual(row('inventory-').slice(2, 4), ['0/1', 'CreateContainerConfigError']);
    assert.deepEqual(row('orders-').slice(2, 4), ['0/1', 'Init:CrashLoopBackOff']);
    assert.deepEqual(row('catalog-').slice(2, 4), ['1/2', 'Running']);
    assert.deepEqual(row('legacy-api-').slice(2, 4), ['1/1', 'Unknown']);
    assert.deepEqual(row('queue-consumer-').slice(2, 4), ['0/1', 'Terminating']);
    assert.deepEqual(row('nightly-backup-').slice(2, 4), ['0/1', 'Completed']);
    assert.deepEqual(row('cart-').slice(2, 4), ['0/1', 'ImagePullBackOff']);
    assert.match(row('checkout-')[4] ?? '', /^\d+ \(\d+m\d*s? ago\)$/);
  });

  it('returns the same pods with -o json and with --chunk-size=2', async () => {
    const json = JSON.parse(await kubectl('get', 'pods', '-A', '-o', 'json')) as {
      items: Array<{ metadata: { name: string } }>;
    };
    const whole = await kubectl('get', 'pods', '-A', '-o', 'name');
    const chunked = await kubectl('get', 'pods', '-A', '-o', 'name', '--chunk-size=2');
    assert.equal(chunked, whole);
    assert.equal(json.items.length, whole.trimEnd().split('\n').length);
    assert.ok(json.items.some((p) => p.metadata.name === 'postgres-0'));
  });

  it('filters events with --field-selector', async () => {
    const out = await kubectl(
      'get',
      'events',
      '-n',
      'data',
      '--field-selector',
      'involvedObject.name=postgres-0,reason=FailedScheduling',
    );
    assert.match(
      out,
      /Warning\s+FailedScheduling\s+pod\/postgres-0\s+0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling\./,
    );
  });

  it('prints logs and --previous logs', async () => {
    const name = (
      await kubectl(
        'get',
        'pods',
        '-n',
        'default',
        '-l',
        'app=report-gen',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      )
    ).trim();
    assert.equal(
      await kubectl('logs', '-n', 'default', name, '--previous'),
      'exec /app/server: no such file or directory\n',
    );
    const web = (
      await kubectl(
        'get',
        'pods',
        '-n',
        'default',
        '-l',
        'app=web',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      )
    ).trim();
    const tail = await kubectl('logs', '-n', 'default', web, '-c', 'nginx', '--tail=2');
    assert.equal(tail.trimEnd().split('\n').length, 2);
    await assert.rejects(
      kubectl('logs', '-n', 'default', web, '-c', 'nginx', '--previous'),
      (error: Error & { stderr?: string }) => {
        assert.equal(
          error.stderr?.trim(),
          `Error from server (BadRequest): previous terminated container "nginx" in pod "${web}" not found`,
        );
        return true;
      },
    );
  });

  it('watches pods with --watch and prints the changed row', async () => {
    const name = (
      await kubectl(
        'get',
        'pods',
        '-n',
        'shop',
        '-l',
        'app=payments',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      )
    ).trim();
    const child = spawn(
      kubectlBin,
      [
        '--cache-dir',
        join(dir, 'cache'),
        'get',
        'pods',
        '-n',
        'shop',
        '--watch',
        '--field-selector',
        `metadata.name=${name}`,
      ],
      { env },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 10_000;
      while (!output.includes(name) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      cluster.advance(320);
      while (output.trimEnd().split('\n').length < 3 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
    } finally {
      child.kill();
    }
    const rows = output.trimEnd().split('\n');
    assert.match(rows[0] ?? '', /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    assert.ok(rows.length >= 3, `expected the pod's row to be printed again after a restart:\n${output}`);
    assert.ok(rows.slice(1).every((r) => r.startsWith(name)));
  });
});
