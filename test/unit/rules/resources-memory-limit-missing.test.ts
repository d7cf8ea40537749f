import assert from 'node:assert/strict';
import { findingsOfRule, readManifest } from '../helpers';

const RULE = 'resources-memory-limit-missing';
const findings = findingsOfRule(RULE);

describe(RULE, () => {
  it('reports on the limits key, else the resources key, else the name key', () => {
    const text = readManifest('resources/no-memory-limit.cronjob.yaml');
    const found = findings(text);
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, text.slice(f.range.start, f.range.end), f.severity]),
      [
        [12, 14, 'name', 'info'],
        [22, 16, 'limits', 'info'],
      ],
    );
    const resourcesOnly =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 64Mi\n';
    const [finding] = findings(resourcesOnly);
    assert.deepEqual([finding?.start.line, finding?.start.character, finding?.end.character], [8, 6, 15]);
  });

  it('says what happens without a limit and names the QoS class', () => {
    const [, exporter] = findings(readManifest('resources/no-memory-limit.cronjob.yaml'));
    assert.equal(
      exporter?.message,
      'The container "export" has no memory limit, so it can use all the memory of its node (unless a LimitRange sets a default). Under memory pressure the kubelet evicts BestEffort pods first, then Burstable pods above their requests, and the OOM killer prefers them; this pod is Burstable. Set resources.limits.memory.',
    );
    const [beginner] = findings(readManifest('realistic/beginner-mistakes.pod.yaml'));
    assert.match(beginner?.message ?? '', /this pod is BestEffort\./);
  });

  it('covers init containers and sidecars but not ephemeral containers', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      restartPolicy: Always
  containers:
    - name: web
      image: nginx:1.27
      resources:
        limits:
          memory: 256Mi
  ephemeralContainers:
    - name: debugger
      image: busybox:1.36
`;
    const found = findings(text);
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? '', /^The sidecar "proxy" has no memory limit/);
  });

  it('is silent when a pod-level memory limit bounds the containers', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  resources:\n    limits:\n      memory: 1Gi\n  containers:\n    - name: web\n      image: nginx:1.27\n    - name: log\n      image: fluent/fluent-bit:3.1\n';
    assert.deepEqual(findings(text), []);
    assert.equal(findings(text.replace('memory: 1Gi', 'cpu: "1"')).length, 2);
  });

  it('is silent when every container has a memory limit, even an invalid one', () => {
    assert.deepEqual(findings(readManifest('resources/well-sized.deployment.yaml')), []);
    assert.deepEqual(findings(readManifest('resources/invalid-quantities.pod.yaml')), []);
  });
});
