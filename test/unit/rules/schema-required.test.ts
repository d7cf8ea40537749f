import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';
import { findingsOfRule, manifestsIn } from '../helpers';

const fixture = manifestsIn('schema');
const missing = findingsOfRule('schema-required');
const summary = (f: Finding) => [f.start.line, f.start.character, f.message];

describe('schema-required', () => {
  it('flags a Deployment without selector on the spec key', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  replicas: 2',
      '  template:',
      '    metadata:',
      '      labels: {app: web}',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '',
    ].join('\n');
    const found = missing(text);
    assert.deepEqual(found.map(summary), [
      [
        4,
        0,
        'Missing required field "selector" in spec; the API server rejects the Deployment: add selector.matchLabels with the pod template\'s labels.',
      ],
    ]);
    assert.equal(text.slice(found[0]?.range.start, found[0]?.range.end), 'spec');
  });

  it('flags a StatefulSet without template and a pod spec without containers', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '  name: db',
      'spec:',
      '  serviceName: db',
      '  selector:',
      '    matchLabels: {app: db}',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: empty',
      'spec:',
      '  restartPolicy: Never',
      '',
    ].join('\n');
    assert.deepEqual(missing(text).map(summary), [
      [4, 0, 'Missing required field "template" in spec; the API server rejects the StatefulSet.'],
      [
        13,
        0,
        'Missing required field "containers" in spec; the API server rejects the Pod: add at least one container with a name and an image.',
      ],
    ]);
  });

  it('flags list items on their first key: a container, a port, an env var, a volume', () => {
    const text = [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: nightly',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          containers:',
      '            - image: shop/report:2.3.0',
      '              ports:',
      '                - name: metrics',
      '              env:',
      '                - value: "1"',
      '          volumes:',
      '            - emptyDir: {}',
      '',
    ].join('\n');
    assert.deepEqual(missing(text).map(summary), [
      [
        12,
        14,
        'Missing required field "name" in container spec.jobTemplate.spec.template.spec.containers[0]; the API server rejects the CronJob: give every container a unique name.',
      ],
      [
        14,
        18,
        'Missing required field "containerPort" in port "metrics" of container spec.jobTemplate.spec.template.spec.containers[0]; the API server rejects the CronJob: add the port number the container listens on.',
      ],
      [
        16,
        18,
        'Missing required field "name" in env[0] of container spec.jobTemplate.spec.template.spec.containers[0]; the API server rejects the CronJob: add the variable name.',
      ],
      [
        18,
        14,
        'Missing required field "name" in spec.jobTemplate.spec.template.spec.volumes[0]; the API server rejects the CronJob: add a name that volumeMounts can refer to.',
      ],
    ]);
  });

  it('flags a probe handler without its port, on the handler key', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '    - name: web',
      '      image: nginx:1.27',
      '      livenessProbe:',
      '        httpGet:',
      '          path: /healthz',
      '',
    ].join('\n');
    assert.deepEqual(missing(text).map(summary), [
      [
        9,
        8,
        'Missing required field "port" in livenessProbe.httpGet of container "web"; the API server rejects the Pod: add the port number or name the probe calls.',
      ],
    ]);
  });

  it('leaves a missing image to image-missing', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n';
    assert.deepEqual(missing(text), []);
  });

  it('leaves a misspelled required field to schema-unknown-field', () => {
    const found = lintText(fixture('checkout-typos.deployment.yaml')).findings.map((f) => f.ruleId);
    assert.ok(found.includes('schema-unknown-field'));
    assert.ok(!found.includes('schema-required'));
  });

  it('treats a null required field as missing, and a null optional block as fine', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  volumes:\n';
    assert.deepEqual(
      missing(text).map((f) => f.start.line),
      [4],
    );
  });

  it('is silent for complete manifests', () => {
    assert.deepEqual(missing(fixture('valid-postgres.statefulset.yaml')), []);
    assert.deepEqual(missing(fixture('valid-jobs-and-services.yaml')), []);
  });
});
