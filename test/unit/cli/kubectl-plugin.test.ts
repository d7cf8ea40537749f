import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { BuildOptions } from 'esbuild';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';

/**
 * `kubectl pod-doctor`: the CLI installed as the kubectl plugin `kubectl-pod_doctor` (package.json
 * bin), found by kubectl on PATH, against the demo cluster.
 */

const KUBECTL = '/usr/bin/kubectl';
const root = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

function kubectlWorks(): boolean {
  try {
    execFileSync(KUBECTL, ['version', '--client'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Bundles the CLI (its entry, its main bundle and its lazily loaded cluster bundle) the way `npm run build` does, into `outdir`. */
async function buildCli(outdir: string): Promise<void> {
  const esbuild = await import('esbuild');
  const { builds } = (await import(pathToFileURL(join(root, 'esbuild.mjs')).href)) as {
    builds: BuildOptions[];
  };
  const wanted = ['cli', 'cli-main', 'cluster'];
  const chosen = builds.filter((b) => wanted.includes(Object.keys(b.entryPoints as object)[0] ?? ''));
  assert.equal(chosen.length, wanted.length, 'esbuild.mjs builds the cli, cli-main and cluster bundles');
  for (const options of chosen) {
    await esbuild.build({ ...options, absWorkingDir: root, outdir, sourcemap: false, logLevel: 'silent' });
  }
}

describe('kubectl pod-doctor (kubectl plugin)', function () {
  this.timeout(120_000);
  let cluster: DemoCluster;
  let dir: string;
  let kubeconfig: string;
  let env: NodeJS.ProcessEnv;
  let cli: string;

  before(async function () {
    if (!kubectlWorks()) {
      console.log(
        `      (skipped: ${KUBECTL} is missing or does not run; install kubectl to run the plugin tests)`,
      );
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-plugin-'));
    await buildCli(join(dir, 'dist'));
    cli = join(dir, 'dist', 'cli.js');
    chmodSync(cli, 0o755);
    // What `npm install -g` makes of the bin entry: a link named kubectl-pod_doctor on PATH.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    assert.equal(pkg.bin['kubectl-pod_doctor'], './dist/cli.js');
    symlinkSync(cli, join(bin, 'kubectl-pod_doctor'));
    // The bin's `#!/usr/bin/env node` must find this Node (22.19+), not an older system one.
    symlinkSync(process.execPath, join(bin, 'node'));
    cluster = await startDemoCluster();
    kubeconfig = join(dir, 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig);
    env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, KUBECONFIG: kubeconfig, HOME: dir };
  });
  after(async () => {
    await cluster?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = async (...args: string[]): Promise<string> =>
    (await run(KUBECTL, args, { env, timeout: 30_000 })).stdout;
  const podDoctor = async (...args: string[]): Promise<string> =>
    (await run(process.execPath, [cli, ...args], { env, timeout: 30_000 })).stdout;

  it('is listed by `kubectl plugin list`', async () => {
    const { stdout } = await run(KUBECTL, ['plugin', 'list'], { env, timeout: 30_000 }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    assert.match(stdout, /kubectl-pod_doctor/);
  });

  it("prints the same table as `pod-doctor pods -n NS`, with kubectl's forms of -n", async () => {
    // The batch namespace is quiet (a completed and a pending pod, hours old), so both runs agree.
    const expected = await podDoctor('pods', '-n', 'batch');
    assert.match(expected, /^NAME +READY +STATUS +RESTARTS +AGE\n/);
    assert.match(expected, /nightly-backup-\S+ +0\/1 +Completed/);
    for (const form of [['-n', 'batch'], ['--namespace', 'batch'], ['--namespace=batch'], ['-nbatch']]) {
      assert.equal(await kubectl('pod-doctor', 'pods', ...form), expected, form.join(' '));
    }
  });

  it('honours --context, --kubeconfig and -A', async () => {
    const names = (table: string): string[] =>
      table
        .trim()
        .split('\n')
        .map((l) => l.split(/ +/).slice(0, 2).join(' '));
    const viaKubectl = await kubectl(
      'pod-doctor',
      'pods',
      '-A',
      '--context',
      'pod-doctor-demo',
      '--kubeconfig',
      kubeconfig,
    );
    assert.deepEqual(names(viaKubectl), names(await podDoctor('pods', '-A')));
    assert.match(viaKubectl, /^NAMESPACE +NAME +READY/);
    const wrong = await run(KUBECTL, ['pod-doctor', 'pods', '--context', 'no-such-context'], {
      env,
      timeout: 30_000,
    }).then(
      () => assert.fail('an unknown context must fail'),
      (error: { code?: number; stderr?: string }) => error,
    );
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr ?? '', /^kubectl pod-doctor: .*no-such-context/);
  });
});
