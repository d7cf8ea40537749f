import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClusterSession,
  connect,
  execPluginPath,
  KubeconfigError,
  kubeConfigForContext,
  loadKubeconfig,
  NoKubeconfigError,
} from '../../../src/cluster/index';

let dir: string;

function write(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const WORK = `apiVersion: v1
kind: Config
current-context: work
clusters:
- name: prod
  cluster:
    server: https://prod.example.com:6443
    certificate-authority: certs/prod-ca.crt
- name: shared
  cluster:
    server: https://from-work.example.com
contexts:
- name: work
  context: { cluster: prod, user: alice, namespace: shop }
- name: both
  context: { cluster: shared, user: alice }
users:
- name: alice
  user:
    client-certificate: certs/alice.crt
    client-key: /abs/alice.key
- name: cloud
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/get-token
      args: [token]
`;

const HOME_CONFIG = `apiVersion: v1
kind: Config
current-context: home
clusters:
- name: shared
  cluster:
    server: https://from-home.example.com
- name: kind
  cluster:
    server: https://127.0.0.1:39123
contexts:
- name: home
  context: { cluster: kind, user: kind-admin }
- name: both
  context: { cluster: kind, user: kind-admin, namespace: elsewhere }
users:
- name: kind-admin
  user: { token: abc }
- name: alice
  user: { token: from-home }
`;

describe('loadKubeconfig', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pd-kubeconfig-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('merges $KUBECONFIG as kubectl does: first file wins per name and for current-context', () => {
    const work = write('work/config', WORK);
    const home = write('home/config', HOME_CONFIG);
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${work}:${home}`, HOME: dir, PATH: '/usr/bin' } });
    assert.equal(loaded.currentContext, 'work');
    assert.deepEqual(loaded.sources, [work, home]);
    assert.deepEqual(loaded.warnings, []);
    assert.deepEqual(
      loaded.contexts.map((c) => [c.name, c.cluster, c.user, c.namespace, c.server]),
      [
        ['work', 'prod', 'alice', 'shop', 'https://prod.example.com:6443'],
        ['both', 'shared', 'alice', 'default', 'https://from-work.example.com'],
        ['home', 'kind', 'kind-admin', 'default', 'https://127.0.0.1:39123'],
      ],
    );
    const alice = loaded.kubeConfig.getUser('alice');
    assert.equal(
      alice?.token,
      undefined,
      'alice from the first file (client certificate), not the token of the second',
    );
  });

  it('does not crash on duplicate names inside one file: the first entry wins', () => {
    const file = write(
      'dupes',
      HOME_CONFIG.replace(
        '- name: kind\n',
        '- name: kind\n  cluster:\n    server: https://first.example.com\n- name: kind\n',
      ),
    );
    const loaded = loadKubeconfig({ env: { KUBECONFIG: file } });
    assert.equal(loaded.kubeConfig.getCluster('kind')?.server, 'https://first.example.com');
    assert.equal(loaded.kubeConfig.clusters.filter((c) => c.name === 'kind').length, 1);
  });

  it('takes current-context from a later file when the earlier ones set none', () => {
    const first = write('a', WORK.replace('current-context: work\n', ''));
    const second = write('b', HOME_CONFIG);
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${first}:${second}` } });
    assert.equal(loaded.currentContext, 'home');
  });

  it('resolves relative certificate and exec paths against the folder of their file', () => {
    const work = write('work/config', WORK);
    const loaded = loadKubeconfig({ env: { KUBECONFIG: work } });
    assert.equal(loaded.kubeConfig.getCluster('prod')?.caFile, join(dir, 'work', 'certs', 'prod-ca.crt'));
    assert.equal(loaded.kubeConfig.getUser('alice')?.certFile, join(dir, 'work', 'certs', 'alice.crt'));
    assert.equal(loaded.kubeConfig.getUser('alice')?.keyFile, '/abs/alice.key');
    const exec = loaded.kubeConfig.getUser('cloud')?.exec as { command: string };
    assert.equal(exec.command, join(dir, 'work', 'bin', 'get-token'));
  });

  it("gives exec plugins a PATH with the usual install folders, keeping the user's own first", () => {
    const work = write('config', WORK);
    const loaded = loadKubeconfig({
      env: { KUBECONFIG: work, PATH: '/home/me/tools:/usr/bin', HOME: '/home/me' },
    });
    const exec = loaded.kubeConfig.getUser('cloud')?.exec as { env: Array<{ name: string; value: string }> };
    const path = exec.env.find((e) => e.name === 'PATH')?.value.split(':') ?? [];
    assert.deepEqual(path.slice(0, 3), ['/home/me/tools', '/usr/bin', '/usr/local/bin']);
    assert.ok(path.includes('/opt/homebrew/bin') && path.includes('/home/me/.local/bin'));
    assert.equal(path.filter((p) => p === '/usr/bin').length, 1);
    assert.equal(execPluginPath({}).split(':')[0], '/usr/local/bin');
  });

  it('falls back to ~/.kube/config, then adds extra files; --kubeconfig replaces both', () => {
    const home = write('.kube/config', HOME_CONFIG);
    const extra = write('extra.yaml', WORK);
    const loaded = loadKubeconfig({ env: { HOME: dir }, files: [extra] });
    assert.deepEqual(loaded.sources, [home, extra]);
    assert.equal(loaded.currentContext, 'home');
    assert.equal(loaded.kubeConfig.getCluster('shared')?.server, 'https://from-home.example.com');

    const only = loadKubeconfig({ env: { HOME: dir, KUBECONFIG: home }, kubeconfig: extra });
    assert.deepEqual(only.sources, [extra]);
    assert.equal(only.currentContext, 'work');
  });

  it('skips missing $KUBECONFIG entries silently and warns about unreadable or missing explicit files', () => {
    const good = write('good', HOME_CONFIG);
    const bad = write('bad', 'clusters: [ {');
    const loaded = loadKubeconfig({
      env: { KUBECONFIG: `${join(dir, 'missing')}:${bad}:${good}` },
      files: [join(dir, 'nope.yaml')],
    });
    assert.deepEqual(loaded.sources, [good]);
    assert.equal(loaded.warnings.length, 2);
    assert.match(
      loaded.warnings[0] ?? '',
      new RegExp(`^The kubeconfig file ${bad} could not be read \\(.+\\); it was skipped\\.$`),
    );
    assert.equal(loaded.warnings[1], `The kubeconfig file ${join(dir, 'nope.yaml')} does not exist.`);
  });

  it('never writes a kubeconfig: switching context leaves the files and the merged config unchanged', () => {
    const home = write('config', HOME_CONFIG);
    const loaded = loadKubeconfig({ env: { KUBECONFIG: home } });
    const kc = kubeConfigForContext(loaded, 'both');
    assert.equal(kc.getCurrentCluster()?.server, 'https://127.0.0.1:39123');
    assert.equal(loaded.kubeConfig.currentContext, 'home');
    assert.equal(readFileSync(home, 'utf8'), HOME_CONFIG);
    assert.throws(
      () => kubeConfigForContext(loaded, 'hom'),
      (e: unknown) =>
        e instanceof KubeconfigError &&
        e.message ===
          'The context "hom" is not in your kubeconfig (it has "home", "both"); pick one of those or fix the name.',
    );
  });

  it('connect: no kubeconfig at all is one clear sentence', () => {
    assert.throws(
      () => connect({ env: { HOME: dir } }),
      (e: unknown) =>
        e instanceof NoKubeconfigError &&
        e.message ===
          'No kubeconfig found: set KUBECONFIG or create ~/.kube/config, or try `pod-doctor demo`.',
    );
  });

  it("connect: the session uses the context's namespace, else default", () => {
    const work = write('config', WORK);
    const session = connect({ env: { KUBECONFIG: work } });
    assert.ok(session instanceof ClusterSession);
    assert.deepEqual(
      [session.context, session.namespace, session.client.server],
      ['work', 'shop', 'https://prod.example.com:6443'],
    );
    const other = connect({ env: { KUBECONFIG: work }, context: 'both' });
    assert.equal(other.namespace, 'default');
  });
});
