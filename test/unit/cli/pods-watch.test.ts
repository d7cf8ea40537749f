import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchPods } from '../../../src/cli/pods-watch';
import { connect } from '../../../src/cluster/index';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';
import { getJson } from '../demo/http';

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sets the pod's STATUS column (status.reason, printed verbatim by kubectl) as a controller would. */
function markStatus(cluster: DemoCluster, namespace: string, name: string, reason: string): void {
  const pod = cluster.updatePod(namespace, name, (p) => {
    if (p.status) p.status.reason = reason;
  });
  assert.ok(pod, `no pod ${namespace}/${name}`);
}

describe('pod-doctor pods -w', function () {
  this.timeout(60_000);
  let cluster: DemoCluster;
  let dir: string;
  let stop: () => void;
  let out: string;
  let err: string;
  let done: Promise<number>;

  beforeEach(async () => {
    cluster = await startDemoCluster();
    dir = mkdtempSync(join(tmpdir(), 'pd-watch-'));
    const kubeconfig = join(dir, 'config');
    await cluster.writeKubeconfig(kubeconfig);
    out = '';
    err = '';
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    done = watchPods({
      session: connect({ kubeconfig }),
      namespace: 'batch',
      until: stopped,
      out: (text) => (out += text),
      err: (text) => (err += text),
    });
  });
  afterEach(async () => {
    stop();
    await done;
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const lines = (): string[] => out.split('\n').filter(Boolean);
  const lineWith = (text: string) => () => lines().find((l) => l.includes(text));

  it('prints the table, then one row per change with the same columns, across drops, 410s and a restart', async () => {
    // One row per pod of the namespace's demo scenarios.
    const pods = (await getJson<{ items: unknown[] }>(cluster, '/api/v1/namespaces/batch/pods')).items.length;
    assert.ok(pods >= 2);
    await until(() => (lines().length > pods ? true : undefined), 'the table');
    const [header, ...rows] = lines();
    assert.match(header ?? '', /^NAME {2,}READY {3}STATUS {4,}RESTARTS {3}AGE$/);
    assert.equal(rows.length, pods);
    const pending = rows.find((r) => r.startsWith('train-recommender-'));
    assert.ok(pending, rows.join('\n'));
    const name = pending.split(' ')[0] ?? '';
    const backup = rows.find((r) => r.startsWith('nightly-backup-'))?.split(' ')[0] ?? '';

    markStatus(cluster, 'batch', name, 'Evicted');
    const changed = await until(lineWith('Evicted'), 'the row of the change');
    assert.ok(changed.startsWith(`${name} `));
    // kubectl's watch output keeps the table's column widths.
    assert.equal(changed.indexOf('Evicted'), header?.indexOf('STATUS'));
    assert.equal(changed.indexOf('0/1'), header?.indexOf('READY'));

    // The server ends every watch: the cache resumes from its last resourceVersion.
    cluster.dropWatches();
    markStatus(cluster, 'batch', name, 'AfterDrop');
    await until(lineWith('AfterDrop'), 'a change after the watch dropped');

    // History compacted and the watch cut: the resumed watch gets 410 Gone and the cache relists.
    cluster.compact();
    cluster.dropWatches();
    markStatus(cluster, 'batch', name, 'AfterGone');
    await until(lineWith('AfterGone'), 'a change after 410 Gone');

    // The API server goes away for a moment and comes back on the same address.
    await cluster.restart(1_500);
    markStatus(cluster, 'batch', name, 'AfterRestart');
    await until(lineWith('AfterRestart'), 'a change after an API-server restart', 30_000);

    assert.equal(lines().filter((l) => l.startsWith('NAME')).length, 1, 'no header repeat');
    assert.equal(
      lines().filter((l) => l.startsWith(`${backup} `)).length,
      1,
      `the unchanged pod was printed again by a relist:\n${out}`,
    );
    assert.deepEqual(
      lines()
        .filter((l) => l.startsWith(`${name} `))
        .map((l) => l.split(/ {3,}/)[2]),
      ['Pending', 'Evicted', 'AfterDrop', 'AfterGone', 'AfterRestart'],
    );
  });

  it('stops when asked (Ctrl-C in the CLI) with exit code 0', async () => {
    await until(() => (lines().length >= 3 ? true : undefined), 'the table');
    stop();
    assert.equal(await done, 0);
    assert.equal(err, '');
  });
});
