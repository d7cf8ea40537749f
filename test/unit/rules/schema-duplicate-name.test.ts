import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/lint/types';
import { findingsOfRule, manifestsIn } from '../helpers';

const fixture = manifestsIn('schema');
const duplicates = findingsOfRule('schema-duplicate-name');
const summary = (f: Finding) => [f.start.line, f.start.character, f.severity, f.message];

describe('schema-duplicate-name', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: shop',
    'spec:',
    '  selector:',
    '    matchLabels: {app: shop}',
    '  template:',
    '    metadata:',
    '      labels: {app: shop}',
    '    spec:',
    '      initContainers:',
    '        - name: app',
    '          image: shop/migrate:2.1',
    '      containers:',
    '        - name: app',
    '          image: shop/app:2.1',
    '          ports:',
    '            - name: http',
    '              containerPort: 8080',
    '            - name: http',
    '              containerPort: 8081',
    '          env:',
    '            - name: LOG_LEVEL',
    '              value: info',
    '            - name: LOG_LEVEL',
    '              value: debug',
    '          volumeMounts:',
    '            - name: cache',
    '              mountPath: /cache',
    '            - name: tmp',
    '              mountPath: /cache',
    '      volumes:',
    '        - name: cache',
    '          emptyDir: {}',
    '        - name: tmp',
    '          emptyDir: {}',
    '        - name: cache',
    '          emptyDir: {medium: Memory}',
    '',
  ].join('\n');

  it('flags the second container, port, env var, mount path and volume, on its value', () => {
    assert.deepEqual(duplicates(text).map(summary), [
      [
        15,
        16,
        'error',
        'Container name "app" is used twice in this pod (first at line 13); the API server rejects the pod: give each container a unique name.',
      ],
      [
        20,
        20,
        'error',
        'Port name "http" is declared twice in container "app" (first at line 19); the API server rejects the pod: rename one.',
      ],
      [
        25,
        20,
        'warning',
        'Env var "LOG_LEVEL" is set twice in container "app" (first at line 24); only the last value takes effect: remove the one you do not mean.',
      ],
      [
        31,
        25,
        'error',
        'Two volume mounts of container "app" use mountPath "/cache" (first at line 30); the API server rejects the pod: mount each path once.',
      ],
      [
        37,
        16,
        'error',
        'Volume "cache" is defined twice in this pod (first at line 34); the API server rejects the pod: rename or remove one.',
      ],
    ]);
  });

  it('can be silenced per line', () => {
    const silenced = text.replace(
      '            - name: LOG_LEVEL\n              value: debug',
      '            # pod-doctor-disable-next-line schema-duplicate-name\n            - name: LOG_LEVEL\n              value: debug',
    );
    assert.deepEqual(
      duplicates(silenced).map((f) => f.severity),
      ['error', 'error', 'error', 'error'],
    );
  });

  it('is silent for unique names, including the same port name in two containers', () => {
    const unique = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '    - name: web',
      '      image: nginx:1.27',
      '      ports: [{name: http, containerPort: 80}]',
      '    - name: proxy',
      '      image: envoyproxy/envoy:v1.31.0',
      '      ports: [{name: admin, containerPort: 9901}]',
      '',
    ].join('\n');
    assert.deepEqual(duplicates(unique), []);
    assert.deepEqual(duplicates(fixture('valid-postgres.statefulset.yaml')), []);
    assert.deepEqual(duplicates(fixture('valid-jobs-and-services.yaml')), []);
  });
});
