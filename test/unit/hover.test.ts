import assert from 'node:assert/strict';
import { parseManifests } from '../../src/core/manifest/parse';
import type { JsonObject, Path } from '../../src/core/manifest/types';
import { describeField } from '../../src/core/schema/index';
import { hoverSubject, nodeHover as nodeHoverWith, readableType } from '../../src/core/summary';

const nodeHover = (object: JsonObject, path: Path): string | undefined =>
  nodeHoverWith(object, path, describeField);

const deployment = parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.example.com/shop/web:2.4.1
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              memory: 512Mi
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
            initialDelaySeconds: 10
          readinessProbe:
            tcpSocket:
              port: 8080
            initialDelaySeconds: 5
            periodSeconds: 0
        - name: log-shipper
          image: fluent/fluent-bit:3.1.9
          resources:
            requests:
              memory: 256Mi
            limits:
              memory: 128MB
              nvidia.com/gpu: 1
`).documents[0]?.value as JsonObject;

const container: Path = ['spec', 'template', 'spec', 'containers', 0];
const shipper: Path = ['spec', 'template', 'spec', 'containers', 1];

describe('hover over a probe', () => {
  it('shows the effective probe with defaults marked, and the container timeline', () => {
    assert.equal(
      nodeHover(deployment, [...container, 'livenessProbe', 'httpGet', 'port']),
      [
        '**Liveness probe** of container "web": `GET :8080/healthz`',
        '',
        '**Timeline** (from container start):',
        '- first liveness check at 10 s, then every 10 s',
        '- first readiness check at 5 s',
        '- ready from 5 s at the earliest',
        "- killed after 40 s if never healthy (by the liveness probe; as early as 30 s, depending on when the probe's ticks fall)",
        '- marked unready within 30 s once readiness checks start failing',
        '',
        '| | effective value |',
        '| --- | --- |',
        '| initialDelaySeconds | 10 s |',
        '| periodSeconds | 10 s *(default)* |',
        '| timeoutSeconds | 1 s *(default)* |',
        '| failureThreshold | 3 *(default)* |',
        '| successThreshold | 1 *(default)* |',
      ].join('\n'),
    );
  });

  it('marks an explicit zero as defaulted, as the API server treats it', () => {
    const hover = nodeHover(deployment, [...container, 'readinessProbe', 'periodSeconds']) ?? '';
    assert.match(hover, /^\*\*Readiness probe\*\* of container "web": `TCP :8080`/);
    assert.match(hover, /\| periodSeconds \| 10 s \*\(default\)\* \|/);
    assert.match(hover, /\| initialDelaySeconds \| 5 s \|/);
  });

  it('applies to the probe key itself', () => {
    assert.deepEqual(hoverSubject(deployment, [...container, 'livenessProbe']).kind, 'probe');
  });
});

describe('hover over a resource quantity', () => {
  it('normalizes memory to bytes and compares request with limit, with the QoS class', () => {
    assert.equal(
      nodeHover(deployment, [...container, 'resources', 'requests', 'memory']),
      [
        '**memory request** of container "web"',
        '',
        '`512Mi` = 536,870,912 bytes (512 MiB)',
        '',
        'Request `512Mi` · limit `512Mi` (equal)',
        '',
        'Pod QoS class: **Burstable**: requests or limits are set, but not equal limits for every container; evicted after BestEffort pods.',
      ].join('\n'),
    );
  });

  it('gives CPU in cores and says when there is no limit', () => {
    const hover = nodeHover(deployment, [...container, 'resources', 'requests', 'cpu']) ?? '';
    assert.match(hover, /^`250m` = 0\.25 CPU \(250m\)$/m);
    assert.match(hover, /^No cpu limit: the container may use more than it requests\.$/m);
  });

  it('compares only with a limit that is a quantity, and counts other resources', () => {
    const hover = nodeHover(deployment, [...shipper, 'resources', 'requests', 'memory']) ?? '';
    assert.match(hover, /^Request `256Mi` · limit `128MB`$/m, 'an invalid limit is not compared');
    const gpu = nodeHover(deployment, [...shipper, 'resources', 'limits', 'nvidia.com/gpu']) ?? '';
    assert.match(gpu, /^`1` = 1$/m);
  });

  it('explains why an invalid quantity is not one', () => {
    const hover = nodeHover(deployment, [...shipper, 'resources', 'limits', 'memory']) ?? '';
    assert.match(
      hover,
      /^"128MB": "B" is not a Kubernetes unit; did you mean "128M" \(128 × 10\^6 bytes\) or "128Mi" \(128 × 2\^20 bytes\)\?$/m,
    );
  });
});

describe('hover over other fields', () => {
  it("shows the field's type and the API's description", () => {
    assert.equal(
      nodeHover(deployment, ['spec', 'replicas']),
      '**replicas** · `integer`\n\nNumber of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.',
    );
    assert.match(
      nodeHover(deployment, [...container, 'image']) ?? '',
      /^\*\*image\*\* · `string`\n\nContainer image name\./,
    );
  });

  it('names map entries and says nothing about unknown fields', () => {
    assert.match(
      nodeHover(deployment, ['metadata', 'labels', 'app']) ?? '',
      /^\*\*labels\*\* entry `app` · `string`/,
    );
    assert.equal(nodeHover(deployment, ['spec', 'replicaz']), undefined);
  });

  it('writes API types as kubectl explain does', () => {
    assert.equal(readableType('array<V1Container>'), 'Container[]');
    assert.equal(readableType('V1PodSpec'), 'PodSpec');
    assert.equal(readableType('V1beta1CronJobSpec'), 'CronJobSpec');
  });
});
