import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from '../../../src/cli/pods';
import { CliError } from '../../../src/cli/common';
import type { Pod } from '../../../src/core/k8s';
import { FakeApiServer, makePki, runningPod, type Pki } from './fake-api-server';

const pki: Pki = makePki();

/** Runs `pod-doctor pods …` in-process; returns the exit code and what it wrote. */
async function pods(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    const code = await command.run(argv);
    return { code, stdout, stderr };
  } catch (error) {
    if (error instanceof CliError)
      return { code: error.exitCode, stdout, stderr: `pod-doctor: ${error.message}\n` };
    throw error;
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

function crashLooping(namespace: string, name: string): Pod {
  const pod = runningPod(namespace, name, Date.now() - (3 * 3600 + 4 * 60) * 1000);
  const c = pod.status?.containerStatuses?.[0];
  if (c && pod.status) {
    pod.status.conditions = [{ type: 'Ready', status: 'False' }];
    c.ready = false;
    c.restartCount = 5;
    c.state = {
      waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' },
    };
    c.lastState = {
      terminated: { exitCode: 1, reason: 'Error', finishedAt: new Date(Date.now() - 750_000).toISOString() },
    };
  }
  return pod;
}

describe('pod-doctor pods', function () {
  this.timeout(10_000);
  let dir: string;
  let server: FakeApiServer;
  let kubeconfig: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-pods-'));
    server = await new FakeApiServer(pki).start();
    server.addPod(runningPod('shop', 'web-7d9c6b5f4-x2kqv', Date.now() - 30 * 60_000));
    server.addPod(crashLooping('shop', 'checkout-5f6d8-abcde'));
    server.addPod(runningPod('payments', 'ledger-0', Date.now() - (2 * 24 + 5) * 3600_000));
    kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, server.kubeconfigYaml());
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints kubectl's table for the context's namespace", async () => {
    const { code, stdout } = await pods(['--kubeconfig', kubeconfig]);
    assert.equal(code, 0);
    assert.equal(
      stdout,
      [
        'NAME                   READY   STATUS             RESTARTS      AGE',
        'checkout-5f6d8-abcde   0/1     CrashLoopBackOff   5 (12m ago)   3h4m',
        'web-7d9c6b5f4-x2kqv    1/1     Running            0             30m',
        '',
      ].join('\n'),
    );
  });

  it('-A adds the NAMESPACE column and lists every namespace', async () => {
    const { stdout } = await pods(['--kubeconfig', kubeconfig, '-A']);
    assert.deepEqual(stdout.split('\n').slice(0, 2), [
      'NAMESPACE   NAME                   READY   STATUS             RESTARTS      AGE',
      'payments    ledger-0               1/1     Running            0             2d5h',
    ]);
    assert.equal(stdout.trim().split('\n').length, 4);
  });

  it('--format json prints the contract fields', async () => {
    const { stdout } = await pods(['--kubeconfig', kubeconfig, '-n', 'shop', '--format', 'json']);
    const rows = JSON.parse(stdout) as Array<Record<string, string>>;
    assert.deepEqual(rows[0], {
      namespace: 'shop',
      name: 'checkout-5f6d8-abcde',
      phase: 'Running',
      status: 'CrashLoopBackOff',
      ready: '0/1',
      restarts: '5 (12m ago)',
      age: '3h4m',
      node: 'worker-1',
      color: 'green',
    });
  });

  it('-A over many pages: one list request per 500 pods, and --format json is one array of them all', async () => {
    const many = await new FakeApiServer(pki).start();
    try {
      for (let i = 0; i < 1203; i++)
        many.addPod(runningPod('shop', `web-7d9c6b5f4-${String(i).padStart(4, '0')}`));
      const file = join(dir, 'many');
      writeFileSync(file, many.kubeconfigYaml());
      const { code, stdout } = await pods(['--kubeconfig', file, '-A', '--format', 'json']);
      assert.equal(code, 0);
      const rows = JSON.parse(stdout) as Array<{ name: string }>;
      assert.equal(rows.length, 1203);
      assert.equal(rows[1202]?.name, 'web-7d9c6b5f4-1202');
      const lists = many.requests.filter((u) => u.pathname === '/api/v1/pods');
      assert.deepEqual(
        lists.map((u) => u.searchParams.get('limit')),
        ['500', '500', '500'],
      );
      const text = await pods(['--kubeconfig', file, '-A']);
      assert.equal(text.stdout.trim().split('\n').length, 1204);
    } finally {
      await many.close();
    }
  });

  it('an empty namespace says so on stderr, as kubectl does', async () => {
    const { code, stdout, stderr } = await pods(['--kubeconfig', kubeconfig, '-n', 'empty']);
    assert.deepEqual([code, stdout, stderr], [0, '', 'No resources found in empty namespace.\n']);
  });

  it('403 on a namespace: one sentence, exit 2', async () => {
    const { code, stderr } = await pods(['--kubeconfig', kubeconfig, '-n', 'kube-system']);
    assert.equal(code, 2);
    assert.equal(
      stderr,
      'pod-doctor: You are not allowed to list pods in namespace "kube-system" with context "fake" (403 Forbidden): pods is forbidden: User "tester" cannot list resource "pods" in API group "" in the namespace "kube-system". Ask a cluster admin for access or pick another namespace.\n',
    );
  });

  it('401: one sentence, exit 2', async () => {
    const expired = join(dir, 'expired');
    writeFileSync(expired, server.kubeconfigYaml({ token: 'expired' }));
    const { code, stderr } = await pods(['--kubeconfig', expired]);
    assert.equal(code, 2);
    assert.equal(
      stderr,
      'pod-doctor: The credentials for context "fake" were rejected (401 Unauthorized): refresh them, e.g. re-run your cloud\'s login command, then Refresh.\n',
    );
  });

  it('an unknown context and a missing --kubeconfig file are usage errors', async () => {
    const ctx = await pods(['--kubeconfig', kubeconfig, '--context', 'prod']);
    assert.deepEqual(
      [ctx.code, ctx.stderr],
      [
        2,
        'pod-doctor: The context "prod" is not in your kubeconfig (it has "fake"); pick one of those or fix the name.\n',
      ],
    );
    const missing = await pods(['--kubeconfig', join(dir, 'nope')]);
    assert.deepEqual(
      [missing.code, missing.stderr],
      [2, `pod-doctor: The kubeconfig file ${join(dir, 'nope')} does not exist.\n`],
    );
    const both = await pods(['-A', '-n', 'shop']);
    assert.deepEqual(
      [both.code, both.stderr],
      [2, 'pod-doctor: Use either -n NAMESPACE or -A (all namespaces), not both.\n'],
    );
  });
});

describe('pod-doctor pods without a kubeconfig', () => {
  it('points to KUBECONFIG, ~/.kube/config and the demo', async () => {
    const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME };
    const empty = mkdtempSync(join(tmpdir(), 'pd-home-'));
    process.env.HOME = empty;
    delete process.env.KUBECONFIG;
    try {
      const { code, stderr } = await pods([]);
      assert.deepEqual(
        [code, stderr],
        [
          2,
          'pod-doctor: No kubeconfig found: set KUBECONFIG or create ~/.kube/config, or try `pod-doctor demo`.\n',
        ],
      );
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
