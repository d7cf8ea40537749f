import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { kubectlOrSkip } from '../../kubectl';
import { command } from '../../../src/cli/lint';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';

/**
 * What `kubectl apply --dry-run=server` says about the sample manifests against the demo cluster,
 * beside what `pod-doctor lint --cluster` predicts: the admission decisions must agree.
 */

const run = promisify(execFile);
const SAMPLE = join(__dirname, '..', '..', '..', 'sample', 'cluster');

interface JsonFinding {
  file: string;
  line: number;
  ruleId: string;
  severity: string;
  message: string;
}

async function lintJson(argv: string[]): Promise<JsonFinding[]> {
  let stdout = '';
  const out = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  try {
    await command.run([...argv, '--format', 'json']);
  } finally {
    process.stdout.write = out;
  }
  return JSON.parse(stdout) as JsonFinding[];
}

describe('server-side dry run: kubectl and lint --cluster agree', function () {
  this.timeout(60_000);
  let cluster: DemoCluster;
  let dir: string;
  let kubeconfig: string;
  let kubectl: string;

  before(async function () {
    kubectl = kubectlOrSkip(this);
    cluster = await startDemoCluster();
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-dry-run-'));
    kubeconfig = join(dir, 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig);
  });
  after(async () => {
    await cluster?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // The demo serves no OpenAPI document, so kubectl's client-side validation is turned off.
  const apply = (file: string): Promise<{ stdout: string; stderr: string; code: number }> =>
    run(
      kubectl,
      ['--cache-dir', join(dir, 'cache'), 'apply', '--dry-run=server', '--validate=false', '-f', file],
      { env: { ...process.env, KUBECONFIG: kubeconfig, HOME: dir }, timeout: 20_000 },
    ).then(
      ({ stdout, stderr }) => ({ stdout, stderr, code: 0 }),
      (error: { stdout: string; stderr: string; code: number }) => ({
        stdout: error.stdout,
        stderr: error.stderr,
        code: error.code,
      }),
    );

  it('a Deployment into a restricted namespace: admitted with the PodSecurity warning, which lint reports', async () => {
    const file = join(SAMPLE, 'billing-api.yaml');
    const applied = await apply(file);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /^deployment\.apps\/billing-api created \(server dry run\)$/m);
    const warning = /^Warning: (would violate PodSecurity "restricted:latest": .*)$/m.exec(
      applied.stderr,
    )?.[1];
    assert.ok(warning, applied.stderr);
    const findings = await lintJson([file, '--cluster', '--kubeconfig', kubeconfig, '--server-dry-run']);
    const dryRun = findings.filter((f) => f.ruleId === 'cluster-dry-run');
    assert.equal(dryRun.length, 1);
    assert.equal(dryRun[0]?.severity, 'warning');
    assert.ok(dryRun[0]?.message.includes(warning), `${dryRun[0]?.message}\n  should quote\n${warning}`);
    // Without the dry run, the PodSecurity check predicts the same violations (errors: the pods are rejected).
    const predicted = findings.filter((f) => f.ruleId === 'cluster-podsecurity').map((f) => f.message);
    for (const reason of [
      'allowPrivilegeEscalation != false',
      'unrestricted capabilities',
      'runAsNonRoot != true',
      'seccompProfile',
    ])
      assert.ok(predicted.some((m) => m.includes(reason)) && warning.includes(reason), reason);
  });

  it('a Pod into a restricted namespace and into a missing namespace: kubectl is refused, lint says why', async () => {
    const pod = join(dir, 'debug-pod.yaml');
    writeFileSync(
      pod,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: billing\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/billing/api:0.9.2\n',
    );
    const refused = await apply(pod);
    assert.notEqual(refused.code, 0);
    assert.match(
      refused.stderr,
      /pods "debug" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false/,
    );
    const findings = await lintJson([pod, '--cluster', '--kubeconfig', kubeconfig, '--server-dry-run']);
    assert.ok(findings.some((f) => f.ruleId === 'cluster-podsecurity' && f.severity === 'error'));
    assert.ok(
      findings.some(
        (f) =>
          f.ruleId === 'cluster-dry-run' &&
          f.severity === 'error' &&
          f.message.includes('pods "debug" is forbidden'),
      ),
    );

    const elsewhere = join(dir, 'prod-pod.yaml');
    writeFileSync(
      elsewhere,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: prod\nspec:\n  containers:\n    - name: api\n      image: nginx:1.27.2\n',
    );
    const missing = await apply(elsewhere);
    assert.match(missing.stderr, /namespaces "prod" not found/);
    const predicted = await lintJson([elsewhere, '--cluster', '--kubeconfig', kubeconfig]);
    assert.deepEqual(
      predicted.filter((f) => f.ruleId === 'cluster-namespace-missing').map((f) => f.line),
      [5],
    );
  });

  it('a Pod naming a missing ServiceAccount or PriorityClass: refused by admission, predicted by lint', async () => {
    const write = (name: string, spec: string): string => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(
        file,
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n${spec}  containers:\n    - name: app\n      image: nginx:1.27.2\n`,
      );
      return file;
    };
    const cases = [
      {
        file: write('needs-sa', '  serviceAccountName: inventory\n'),
        refusal:
          'pods "needs-sa" is forbidden: error looking up service account shop/inventory: serviceaccount "inventory" not found',
        rule: 'cluster-serviceaccount-missing',
      },
      {
        file: write('needs-pc', '  priorityClassName: gold\n'),
        refusal: 'pods "needs-pc" is forbidden: no PriorityClass with name gold was found',
        rule: 'cluster-priorityclass-missing',
      },
    ];
    for (const { file, refusal, rule } of cases) {
      const applied = await apply(file);
      assert.notEqual(applied.code, 0);
      assert.ok(applied.stderr.includes(refusal), applied.stderr);
      const findings = await lintJson([file, '--cluster', '--kubeconfig', kubeconfig]);
      assert.deepEqual(
        findings.filter((f) => f.ruleId === rule).map((f) => [f.line, f.severity]),
        [[7, 'error']],
        JSON.stringify(findings),
      );
    }
  });

  it('a clean manifest: kubectl creates it (dry run) and lint --cluster --server-dry-run finds nothing', async () => {
    const file = join(SAMPLE, 'web-canary.yaml');
    const applied = await apply(file);
    assert.equal(applied.code, 0, applied.stderr);
    assert.doesNotMatch(applied.stderr, /Warning/);
    assert.deepEqual(await lintJson([file, '--cluster', '--kubeconfig', kubeconfig, '--server-dry-run']), []);
  });
});
