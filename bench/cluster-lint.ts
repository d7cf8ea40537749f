// bench/cluster-lint: `lint --cluster` on 200 manifests against the demo cluster, counting the
// requests the API server received (the target in docs/architecture.md: one list per kind and namespace, never one per
// manifest), with 20 manifests as the baseline measured in the same run. Prints counts and the
// time ratio (best of 5 runs each); asserts nothing about time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../src/cluster/index';
import { startDemoCluster, type RecordedRequest } from '../src/demo/index';
import { best, report } from './_report.mjs';

const NAMESPACES = ['shop', 'default', 'batch', 'data', 'billing'];
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

/** A realistic Deployment that references a ConfigMap, a Secret, a PVC and a ServiceAccount. */
function manifest(i: number): string {
  const namespace = NAMESPACES[i % NAMESPACES.length];
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ${namespace}
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      serviceAccountName: default
      priorityClassName: shop-critical
      containers:
        - name: app
          image: registry.example.com/app-${i}:1.${i}.0
          envFrom:
            - configMapRef: {name: kube-root-ca.crt}
            - secretRef: {name: app-${i}-secrets}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
          volumeMounts: [{name: data, mountPath: /data}]
      volumes:
        - name: data
          persistentVolumeClaim: {claimName: app-${i}-data}
`;
}

function describe(requests: readonly RecordedRequest[]): string {
  const byKind = new Map<string, number>();
  for (const r of requests) {
    const kind = r.path.split('/').filter(Boolean).at(-1) ?? r.path;
    const key = /^\/api\/v1\/namespaces\/[^/]+$/.test(r.path) ? 'namespace GET' : kind;
    byKind.set(key, (byKind.get(key) ?? 0) + 1);
  }
  return [...byKind].map(([k, n]) => `${k} ${n}`).join(', ');
}

async function main(): Promise<void> {
  const demo = await startDemoCluster();
  const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-bench-cluster-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    await demo.writeKubeconfig(kubeconfig);
    const session = connect({ kubeconfig });
    const run = async (
      count: number,
    ): Promise<{ requests: RecordedRequest[]; ms: number; findings: number }> => {
      const texts = Array.from({ length: count }, (_, i) => manifest(i));
      demo.clearRequests();
      const started = performance.now();
      const result = await session.lintAgainstCluster(texts);
      const ms = performance.now() - started;
      return { requests: [...demo.requests()], ms, findings: result.findings.flat().length };
    };
    await run(5); // warm-up: TLS session, JIT
    const small = await run(20);
    const large = await run(200);
    const smallMs = [small.ms];
    const largeMs = [large.ms];
    for (let i = 1; i < RUNS; i++) {
      smallMs.push((await run(20)).ms);
      largeMs.push((await run(200)).ms);
    }
    const secretsWithData = large.requests.filter(
      (r) => r.path.endsWith('/secrets') && !r.accept.includes('as=PartialObjectMetadataList'),
    ).length;
    console.log(
      `bench/cluster-lint: lint --cluster against the demo cluster, ${large.findings} findings on 200 manifests`,
    );
    console.log(`  20 manifests:  ${small.requests.length} requests (${describe(small.requests)})`);
    console.log(`  200 manifests: ${large.requests.length} requests (${describe(large.requests)})`);
    console.log(
      `  namespaces ${NAMESPACES.length}: expected ${NAMESPACES.length} × (namespace GET + 6 lists) + nodes + priorityclasses = ${NAMESPACES.length * 7 + 2}`,
    );
    report({
      name: 'cluster lint requests, 200 manifests',
      value: large.requests.length,
      unit: 'requests',
      baseline: 'requests for 20 manifests',
      baselineValue: small.requests.length,
      target: `ratio 1 (${NAMESPACES.length * 7 + 2})`,
    });
    report({
      name: 'cluster lint time, 200 manifests',
      value: best(largeMs),
      unit: 'ms',
      baseline: '20 manifests',
      baselineValue: best(smallMs),
    });
    report({
      name: 'cluster lint Secrets read with data',
      value: secretsWithData,
      unit: 'requests',
      target: '0',
    });
    session.dispose();
  } finally {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
