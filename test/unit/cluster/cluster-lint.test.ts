import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { command } from '../../../src/cli/lint';
import { CliError } from '../../../src/cli/common';
import { dryRunCreate, PARTIAL_OBJECT_METADATA_LIST, ResourceMapper } from '../../../src/cluster/index';
import { parseManifests } from '../../../src/core/manifest/parse';
import { startDemoCluster } from '../../../src/demo/index';
import { useDemoSession } from './demo-session';
import { rawGet } from '../demo/http';

/** `lint --cluster` against the demo API server, over real TLS with the real client. */

const SAMPLE = join(__dirname, '..', '..', '..', 'sample', 'cluster');
const sample = (name: string): string => readFileSync(join(SAMPLE, name), 'utf8');

async function lint(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await command.run(argv), stdout, stderr };
  } catch (error) {
    if (error instanceof CliError)
      return { code: error.exitCode, stdout, stderr: `pod-doctor: ${error.message}\n` };
    throw error;
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** A Deployment in `namespace` that reads ConfigMap `configMap` and Secret `secret`. */
function deployment(name: string, namespace: string, configMap: string, secret: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: app
          image: registry.example.com/${name}:1.0.0
          envFrom:
            - configMapRef: {name: ${configMap}}
            - secretRef: {name: ${secret}}
`;
}

describe('lint --cluster against the demo cluster', function () {
  this.timeout(30_000);
  const demo = useDemoSession('pod-doctor-cluster-lint-');

  it('reads Secrets only as PartialObjectMetadataList: their data is never requested', async () => {
    await demo.session.lintAgainstCluster([deployment('a', 'shop', 'inventory-config', 'orders-db')]);
    const secretReads = demo.cluster
      .requests()
      .filter((r) => r.path.endsWith('/secrets') || r.path.includes('/secrets/'));
    assert.deepEqual(
      secretReads.map((r) => [r.method, r.path, r.accept]),
      [['GET', '/api/v1/namespaces/shop/secrets', PARTIAL_OBJECT_METADATA_LIST]],
    );
  });

  it('fills the snapshot from the lists: ConfigMap keys, Secret names, quota status, node taints', async () => {
    const result = await demo.session.lintAgainstCluster([
      deployment('a', 'shop', 'inventory-config', 'orders-db'),
    ]);
    const shop = result.snapshot.namespaces['shop'];
    assert.ok(shop?.namespace?.state === 'ok' && shop.namespace.exists);
    assert.equal(shop.namespace.labels['pod-security.kubernetes.io/enforce'], 'baseline');
    assert.ok(shop.configMaps?.state === 'ok');
    assert.deepEqual(shop.configMaps.items.find((c) => c.name === 'inventory-config')?.keys, [
      'DATABASE_URI',
      'LOG_LEVEL',
      'CACHE_TTL_SECONDS',
    ]);
    assert.ok(shop.secrets?.state === 'ok');
    assert.deepEqual(
      shop.secrets.items.map((s) => Object.keys(s)),
      [['name'], ['name'], ['name']],
    );
    assert.ok(shop.resourceQuotas?.state === 'ok');
    assert.equal(shop.resourceQuotas.items[0]?.used['limits.memory'], '7680Mi');
    const nodes = result.snapshot.nodes;
    assert.ok(nodes?.state === 'ok');
    assert.deepEqual(
      nodes.items.find((n) => n.name === 'pd-worker-c')?.taints.map((t) => `${t.key}:${t.effect}`),
      ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'],
    );
    assert.equal(result.context, 'prod-eu');
  });

  it("marks a list RBAC forbids, with the API server's words", async () => {
    const texts = [
      deployment('a', 'billing', 'billing-api-config', 'billing-db'),
      deployment('b', 'billing', 'billing-api-config', 'billing-db'),
    ];
    const result = await demo.session.lintAgainstCluster(texts);
    assert.deepEqual(result.snapshot.namespaces['billing']?.secrets, {
      state: 'forbidden',
      detail:
        'secrets is forbidden: User "demo" cannot list resource "secrets" in API group "" in the namespace "billing"',
    });
  });

  it('reports a forbidden list once per run, as info, never as a missing Secret', async () => {
    const texts = [
      deployment('a', 'billing', 'billing-api-config', 'billing-db'),
      deployment('b', 'billing', 'billing-api-config', 'no-such-secret'),
    ];
    const { findings } = await demo.session.lintAgainstCluster(texts);
    // Only the Secret checks matter here: billing's LimitRange and PodSecurity level add their own findings.
    assert.deepEqual(
      findings
        .flat()
        .filter((f) => f.ruleId === 'cluster-secret-missing')
        .map((f) => [f.ruleId, f.severity, f.message]),
      [['cluster-secret-missing', 'info', 'Cannot check Secrets in `billing`: forbidden.']],
    );
  });

  it('costs one list per kind and namespace for 200 manifests, not one per manifest', async () => {
    const namespaces = ['shop', 'default', 'batch', 'data'];
    const texts = Array.from({ length: 200 }, (_, i) =>
      deployment(`app-${i}`, namespaces[i % namespaces.length] ?? 'shop', 'kube-root-ca.crt', 'missing'),
    );
    await demo.session.lintAgainstCluster(texts);
    const reads = demo.cluster.requests().filter((r) => r.method === 'GET');
    const perNamespace = ['namespace', 'configmaps', 'secrets', 'limitranges', 'resourcequotas'];
    // Each namespace: its GET and four lists; the nodes once.
    assert.equal(reads.length, namespaces.length * perNamespace.length + 1);
    assert.equal(new Set(reads.map((r) => r.path)).size, reads.length, 'no path read twice');
  });

  it('says nothing about clean manifests whose references exist (and finds the planted ones)', async () => {
    const files = ['web-canary.yaml', 'inventory-v2.yaml'];
    const result = await demo.session.lintAgainstCluster(files.map(sample));
    assert.deepEqual(result.findings[0], [], 'web-canary.yaml is clean');
    const planted = (result.findings[1] ?? []).map((f) => `${f.start.line + 1} ${f.ruleId}`);
    for (const expected of ['18 cluster-serviceaccount-missing', '31 cluster-configmap-key-missing'])
      assert.ok(planted.includes(expected), `${expected} in ${planted.join(', ')}`);
  });

  it('prints the cluster once, merges the findings, exits 0 or 1 as a static lint does', async () => {
    const { code, stdout, stderr } = await lint([
      join(SAMPLE, 'web-canary.yaml'),
      '--cluster',
      '--kubeconfig',
      demo.kubeconfig,
      '-n',
      'shop',
      '--no-color',
    ]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.deepEqual(stdout.split('\n').slice(0, 2), [
      'checked against context prod-eu, namespace shop',
      'No problems found (1 file checked, 2 Kubernetes objects).',
    ]);
  });

  it('reports a namespace that does not exist at the metadata.namespace line', async () => {
    const result = await demo.session.lintAgainstCluster([deployment('a', 'prod', 'x', 'y')]);
    const missing = result.findings[0]?.filter((f) => f.ruleId === 'cluster-namespace-missing') ?? [];
    assert.equal(missing.length, 1);
    assert.equal(missing[0]?.start.line, 4);
  });

  it('fails with one sentence and exit 2 when the credentials are rejected', async () => {
    const other = await startDemoCluster();
    try {
      const file = join(demo.dir, 'revoked');
      await other.writeKubeconfig(file, 'prod-eu');
      other.revokeToken();
      const { code, stdout, stderr } = await lint([
        join(SAMPLE, 'web-canary.yaml'),
        '--cluster',
        '--kubeconfig',
        file,
      ]);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(
        stderr,
        /^pod-doctor: The credentials for context "prod-eu" were rejected \(401 Unauthorized\)/,
      );
      assert.equal(stderr.trim().split('\n').length, 1);
    } finally {
      await other.close();
    }
  });

  it('fails with one sentence and exit 2 when the API server cannot be reached', async () => {
    const other = await startDemoCluster();
    const file = join(demo.dir, 'gone');
    await other.writeKubeconfig(file, 'prod-eu');
    await other.close();
    const { code, stderr } = await lint([join(SAMPLE, 'web-canary.yaml'), '--cluster', '--kubeconfig', file]);
    assert.equal(code, 2);
    assert.match(
      stderr,
      /^pod-doctor: Cannot reach the API server of context "prod-eu" at https:\/\/127\.0\.0\.1:\d+: the connection was refused \(ECONNREFUSED\)/,
    );
  });

  it('never touches a cluster without --cluster, and refuses cluster flags without it', async () => {
    const { code } = await lint([join(SAMPLE, 'web-canary.yaml'), '--no-color']);
    assert.equal(code, 0);
    assert.deepEqual(demo.cluster.requests(), []);
    const stray = await lint([join(SAMPLE, 'web-canary.yaml'), '--context', 'prod-eu']);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--context only applies with --cluster/);
  });

  it('--server-dry-run POSTs each object with dryRun=All and stores nothing', async () => {
    const result = await demo.session.lintAgainstCluster([sample('web-canary.yaml')], { serverDryRun: true });
    const posts = demo.cluster.requests().filter((r) => r.method === 'POST');
    assert.deepEqual(
      posts.map((r) => [r.path, r.query['dryRun']]),
      [
        ['/api/v1/namespaces/default/configmaps', 'All'],
        ['/apis/apps/v1/namespaces/default/deployments', 'All'],
      ],
    );
    assert.deepEqual(result.findings[0], []);
    const { status } = await rawGet(demo.cluster, '/apis/apps/v1/namespaces/default/deployments/web-canary');
    assert.equal(status, 404);
  });

  it('dry-run: PodSecurity `enforce` rejects a Pod with the Status message, and only warns for a Deployment', async () => {
    const mapper = new ResourceMapper(demo.session.client);
    const deploymentObject = parseManifests(sample('billing-api.yaml')).documents[0]?.value as Record<
      string,
      unknown
    >;
    const admitted = await dryRunCreate(demo.session.client, mapper, deploymentObject, 'default');
    assert.deepEqual(admitted.outcome?.error, undefined);
    const detail =
      'allowPrivilegeEscalation != false (container "api" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "api" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "api" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "api" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';
    assert.deepEqual(admitted.outcome?.warnings, [
      `would violate PodSecurity "restricted:latest": ${detail}`,
    ]);

    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', namespace: 'billing' },
      spec: { containers: [{ name: 'api', image: 'registry.example.com/billing/api:0.9.2' }] },
    };
    const rejected = await dryRunCreate(demo.session.client, mapper, pod, 'default');
    assert.equal(
      rejected.outcome?.error,
      `pods "debug" is forbidden: violates PodSecurity "restricted:latest": ${detail}`,
    );
    const missing = await dryRunCreate(
      demo.session.client,
      mapper,
      { ...pod, metadata: { name: 'debug', namespace: 'prod' } },
      'default',
    );
    assert.equal(missing.outcome?.error, 'namespaces "prod" not found');
    const crd = await dryRunCreate(
      demo.session.client,
      mapper,
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      'default',
    );
    assert.equal(
      crd.outcome?.error,
      'no matches for kind "Widget" in version "example.com/v1": ensure CRDs are installed first',
    );
  });
});
