import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXPLANATION_CSP } from '../../../src/core/render';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';

/**
 * `pod-doctor explain -n NS` and `explain -A` (triage) against the demo cluster with 2,000 extra
 * generated pods: the report's three formats, the exit code, and the fixed number of requests.
 */

const root = join(__dirname, '..', '..', '..');
const main = join(root, 'src', 'cli', 'main.ts');
const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** The CLI from source, asynchronously: the demo server answers from this very process. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, main, ...args],
      { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface JsonGroup {
  id: string;
  severity: string;
  title: string;
  count: number;
  detail: string;
  workloads: Array<{ kind: string; namespace: string; name: string; count: number }>;
  pods: Array<{ namespace: string; name: string; status: string }>;
  example: Record<string, unknown>;
}

describe('pod-doctor explain -n NS / -A (triage)', function () {
  this.timeout(180_000);
  let cluster: DemoCluster;
  let dir: string;
  let kubeconfig: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-triage-'));
    cluster = await startDemoCluster({ pods: 2000 });
    kubeconfig = join(dir, 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig);
  });
  after(async () => {
    await cluster?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the summary line first, then one block per group, and exits 1 on error groups', async () => {
    const { code, stdout, stderr } = await cli(['explain', '-n', 'shop', '--kubeconfig', kubeconfig]);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    const lines = stdout.split('\n');
    assert.match(
      lines[0] ?? '',
      /^\d+ pods, \d+ unhealthy in \d+ groups \(namespace shop, context pod-doctor-demo\)$/,
    );
    // The bad rollout: 12 replicas of checkout-v2, one group, one workload, one example.
    const block = stdout.split('\n\n').find((b) => b.includes('12 pods keep crashing'));
    assert.ok(block, stdout);
    const [title, workloads, example, fix] = block.split('\n');
    assert.match(title ?? '', /^CRITICAL {2}12 pods keep crashing · container checkout, exit code 1$/);
    assert.equal(workloads, '  workload: Deployment shop/checkout-v2 (12)');
    assert.match(example ?? '', /^ {2}e\.g\. shop\/checkout-v2-\S+: Container "checkout" keeps crashing/);
    assert.match(fix ?? '', /^ {2}fix: \S/);
  });

  it('prints the documented JSON shape, with each example shaped as explain prints one pod', async () => {
    const { code, stdout } = await cli([
      'explain',
      '-n',
      'shop',
      '--kubeconfig',
      kubeconfig,
      '--format',
      'json',
    ]);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as {
      scope: unknown;
      pods: number;
      unhealthy: number;
      groups: JsonGroup[];
    };
    // Evidence that could not be read (a log of a container that is gone) follows, as in explain.
    assert.deepEqual(Object.keys(report).slice(0, 4), ['scope', 'pods', 'unhealthy', 'groups']);
    assert.ok(Object.keys(report).length === 4 || Object.keys(report)[4] === 'gaps');
    assert.deepEqual(report.scope, { context: 'pod-doctor-demo', namespace: 'shop' });
    assert.equal(
      report.unhealthy,
      report.groups.reduce((n, g) => n + g.count, 0),
    );
    for (const g of report.groups) {
      assert.deepEqual(Object.keys(g), [
        'id',
        'severity',
        'title',
        'count',
        'detail',
        'workloads',
        'pods',
        'example',
      ]);
      assert.equal(g.pods.length, g.count);
      assert.equal(
        g.workloads.reduce((n, w) => n + w.count, 0),
        g.count,
      );
    }
    const rollout = report.groups.find((g) => g.workloads.some((w) => w.name === 'checkout-v2'));
    assert.ok(rollout);
    assert.equal(rollout.count, 12);
    assert.equal(rollout.id, 'crash-loop');
    assert.deepEqual(rollout.workloads, [
      { kind: 'Deployment', namespace: 'shop', name: 'checkout-v2', count: 12 },
    ]);
    // The example has exactly the keys of `explain POD --format json` for the same pod.
    const pod = (rollout.example['pod'] as { name: string }).name;
    const one = await cli(['explain', pod, '-n', 'shop', '--kubeconfig', kubeconfig, '--format', 'json']);
    const single = JSON.parse(one.stdout) as Record<string, unknown>;
    delete single['gaps'];
    assert.deepEqual(Object.keys(rollout.example), Object.keys(single));
    assert.deepEqual(rollout.example['pod'], single['pod']);
  });

  it('reads 2,000 pods with a fixed number of requests, never one per pod, and prints the count with --debug', async () => {
    cluster.clearRequests();
    const { code, stdout, stderr } = await cli([
      'explain',
      '-A',
      '--kubeconfig',
      kubeconfig,
      '--format',
      'json',
      '--debug',
    ]);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as { pods: number; groups: JsonGroup[] };
    assert.ok(report.pods >= 2000, `${report.pods} pods`);
    const recorded = cluster
      .requests()
      .filter((r) => r.path !== '/version' && !r.path.startsWith('/openapi'));
    assert.equal(stderr, `${recorded.length} requests\n`);
    const paths = recorded.map((r) => r.path);
    // Pods in pages of 500, events once (in pages), ReplicaSets and Jobs once each, nodes once.
    assert.equal(paths.filter((p) => p === '/api/v1/pods').length, Math.ceil(report.pods / 500));
    assert.ok(paths.filter((p) => p === '/api/v1/events').length >= 1);
    assert.equal(paths.filter((p) => p === '/apis/apps/v1/replicasets').length, 1);
    assert.equal(paths.filter((p) => p === '/apis/batch/v1/jobs').length, 1);
    assert.equal(paths.filter((p) => p === '/api/v1/nodes').length, 1);
    // No per-pod read; logs only of the groups' examples.
    assert.deepEqual(
      paths.filter((p) => /\/pods\/[^/]+$/.test(p)),
      [],
    );
    const logReads = recorded.filter((r) => r.path.endsWith('/log'));
    const examples = new Set(
      report.groups.map(
        (g) =>
          `${String((g.example['pod'] as { namespace: string }).namespace)}/${String((g.example['pod'] as { name: string }).name)}`,
      ),
    );
    for (const r of logReads) {
      const [, , , , ns, , name] = r.path.split('/');
      assert.ok(examples.has(`${ns}/${name}`), r.path);
    }
    const other = paths.filter(
      (p) =>
        ![
          '/api/v1/pods',
          '/api/v1/events',
          '/apis/apps/v1/replicasets',
          '/apis/batch/v1/jobs',
          '/api/v1/nodes',
        ].includes(p) && !p.endsWith('/log'),
    );
    assert.deepEqual(other, []);
  });

  it('prints one self-contained page with the CSP of explain and every cluster string escaped', async () => {
    const { code, stdout } = await cli([
      'explain',
      '-n',
      'shop',
      '--kubeconfig',
      kubeconfig,
      '--format',
      'html',
    ]);
    assert.equal(code, 1);
    assert.ok(stdout.includes(`<meta http-equiv="Content-Security-Policy" content="${EXPLANATION_CSP}">`));
    assert.doesNotMatch(stdout, /<script/i);
    assert.match(stdout, /12 pods keep crashing/);
    assert.match(stdout, /<code>shop\/checkout-v2<\/code>/);
  });

  it('exits 0 on a namespace with no error group, and says so', async () => {
    const { code, stdout } = await cli(['explain', '-n', 'batch', '--kubeconfig', kubeconfig]);
    assert.match(stdout, /^\d+ pods?, \d+ unhealthy in \d+ groups?/);
    if (/^0 unhealthy|, 0 unhealthy/.test(stdout)) {
      assert.equal(code, 0);
      assert.match(stdout, /No unhealthy pods\./);
    } else assert.equal(code, /^(ERROR|CRITICAL) /m.test(stdout) ? 1 : 0);
  });

  it('says in one sentence when the cluster cannot be reached, and rejects -A with a pod name', async () => {
    const unreachable = join(dir, 'unreachable');
    writeFileSync(
      unreachable,
      `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`,
    );
    const down = await cli(['explain', '-n', 'shop', '--kubeconfig', unreachable]);
    assert.equal(down.code, 2);
    assert.match(down.stderr, /^pod-doctor: [^\n]*127\.0\.0\.1:1[^\n]*\.\n$/);
    const both = await cli(['explain', 'web', '-A', '--kubeconfig', kubeconfig]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /^pod-doctor: -A triages every namespace/);
  });
});
