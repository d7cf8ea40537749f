import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/lint/types';
import { applyFix, findingsOfRule, manifestsIn } from '../helpers';

const fixture = manifestsIn('schema');
const unknownFields = findingsOfRule('schema-unknown-field');
const summary = (f: Finding) => [f.start.line, f.start.character, f.message];

describe('schema-unknown-field', () => {
  it('finds misspelled fields at every depth of a multi-document file, on the key', () => {
    const text = fixture('checkout-typos.deployment.yaml');
    assert.deepEqual(unknownFields(text).map(summary), [
      [
        16,
        6,
        'Unknown field "contianers" in spec.template.spec; did you mean "containers"? kubectl apply rejects the object.',
      ],
      [
        42,
        14,
        'Unknown field "containerport" in port "http" of container "cart"; did you mean "containerPort"? kubectl apply rejects the object.',
      ],
      [
        43,
        10,
        'Unknown field "livenesProbe" in container "cart"; did you mean "livenessProbe"? kubectl apply rejects the object.',
      ],
    ]);
  });

  it('renames the key with its fix, and the fixed file is clean', () => {
    let text = fixture('checkout-typos.deployment.yaml');
    for (let found = unknownFields(text); found.length > 0; found = unknownFields(text)) {
      text = applyFix(text, found[0]?.fix);
    }
    assert.match(text, /^ {6}containers:$/m);
    assert.match(text, /^ {14}containerPort: 8080$/m);
    assert.match(text, /^ {10}livenessProbe:$/m);
  });

  it('checks metadata, probes, volumes and init containers, and says where', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      '  label:',
      '    app: api',
      'spec:',
      '  initContainers:',
      '    - name: wait-for-db',
      '      image: busybox:1.36',
      '      comand: ["sh", "-c", "until nc -z db 5432; do sleep 1; done"]',
      '  containers:',
      '    - name: api',
      '      image: shop/api:2.1',
      '      readinessProbe:',
      '        httpGet:',
      '          path: /ready',
      '          port: 8080',
      '        periodSecond: 5',
      '  volumes:',
      '    - name: cache',
      '      emptydir: {}',
      '',
    ].join('\n');
    assert.deepEqual(unknownFields(text).map(summary), [
      [4, 2, 'Unknown field "label" in metadata; did you mean "labels"? kubectl apply rejects the object.'],
      [
        10,
        6,
        'Unknown field "comand" in init container "wait-for-db"; did you mean "command"? kubectl apply rejects the object.',
      ],
      [
        18,
        8,
        'Unknown field "periodSecond" in readinessProbe of container "api"; did you mean "periodSeconds"? kubectl apply rejects the object.',
      ],
      [
        21,
        6,
        'Unknown field "emptydir" in volume "cache"; did you mean "emptyDir"? kubectl apply rejects the object.',
      ],
    ]);
  });

  it('offers no rename when nothing is close, or when the close field is already there', () => {
    const text = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: migrate',
      'spec:',
      '  template:',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '        - name: migrate',
      '          image: shop/migrate:5',
      '          images: shop/migrate:4',
      '          healthcheck: /bin/true',
      '',
    ].join('\n');
    const found = unknownFields(text);
    assert.deepEqual(found.map(summary), [
      [
        11,
        10,
        'Unknown field "images" in container "migrate"; kubectl apply rejects the object. Remove it, or fix its spelling or indentation.',
      ],
      [
        12,
        10,
        'Unknown field "healthcheck" in container "migrate"; kubectl apply rejects the object. Remove it, or fix its spelling or indentation.',
      ],
    ]);
    assert.deepEqual(
      found.map((f) => f.fix),
      [undefined, undefined],
    );
  });

  it('says where a field indented too deep belongs', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '    - name: web',
      '      ports:',
      '        - containerPort: 80',
      '          image: nginx:1.27',
      '      livenessProbe:',
      '        httpGet:',
      '          path: /healthz',
      '          port: 80',
      '          periodSeconds: 5',
      '',
    ].join('\n');
    const found = unknownFields(text);
    assert.deepEqual(found.map(summary), [
      [
        9,
        10,
        'Unknown field "image" in ports[0] of container "web"; "image" belongs to container "web": check its indentation. kubectl apply rejects the object.',
      ],
      [
        14,
        10,
        'Unknown field "periodSeconds" in livenessProbe.httpGet of container "web"; "periodSeconds" belongs to livenessProbe of container "web": check its indentation. kubectl apply rejects the object.',
      ],
    ]);
    assert.deepEqual(
      found.map((f) => f.fix),
      [undefined, undefined],
    );
  });

  it('says where a field written too shallow belongs, rather than suggesting a mere prefix match', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  selector:',
      '    matchLabels: {app: web}',
      '  containers: []',
      '  template:',
      '    metadata:',
      '      labels: {app: web}',
      '    spec:',
      '      image: nginx:1.27',
      '      containers:',
      '        - name: web',
      '          httpGet: {path: /healthz, port: 80}',
      '',
    ].join('\n');
    const found = unknownFields(text);
    assert.deepEqual(found.map(summary), [
      [
        7,
        2,
        'Unknown field "containers" in spec; it belongs deeper, under template.spec. kubectl apply rejects the object.',
      ],
      [
        12,
        6,
        'Unknown field "image" in spec.template.spec; it belongs deeper, under containers[], ephemeralContainers[] or initContainers[]. kubectl apply rejects the object.',
      ],
      [
        15,
        10,
        'Unknown field "httpGet" in container "web"; it belongs deeper, under livenessProbe, readinessProbe or startupProbe. kubectl apply rejects the object.',
      ],
    ]);
    assert.deepEqual(
      found.map((f) => f.fix),
      [undefined, undefined, undefined],
    );
  });

  it('reports a field shared through a YAML alias once', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  selector:',
      '    matchLabels: &labels {app: web}',
      '  template:',
      '    metadata:',
      '      labels: *labels',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '          resources: &res',
      '            limits: {memory: 128Mi}',
      '            limit: {cpu: 100m}',
      '        - name: sidecar',
      '          image: envoyproxy/envoy:v1.31.0',
      '          resources: *res',
      '',
    ].join('\n');
    assert.deepEqual(
      unknownFields(text).map((f) => [f.start.line, f.start.character]),
      [[16, 12]],
    );
  });

  it('is silent for valid StatefulSets, Jobs, CronJobs, Services and ConfigMaps, and for status', () => {
    assert.deepEqual(unknownFields(fixture('valid-postgres.statefulset.yaml')), []);
    assert.deepEqual(unknownFields(fixture('valid-jobs-and-services.yaml')), []);
  });

  it('skips custom resources entirely, even misspelled fields in them', () => {
    const text = fixture('valid-jobs-and-services.yaml');
    assert.ok(text.includes('intervall: 30s'));
    assert.deepEqual(unknownFields(text), []);
  });
});
