import assert from 'node:assert/strict';
import { applied, assertOnlyChanged } from './fix-test-helpers';

/** Apply fix on a field that exists: only the value's characters change. */

const CHECKOUT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: checkout
  template:
    metadata:
      labels:
        app: checkout
    spec:
      containers:
        - name: envoy
          image: envoyproxy/envoy:v1.31.2
          resources:
            limits:
              memory: 128Mi
        - name: checkout
          image: registry.example.com/shop/checkout:2.4.1
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              memory: 512Mi   # raised after the Black Friday incident
`;

const MEMORY = ['spec', 'template', 'spec', 'containers', 1, 'resources', 'limits', 'memory'];

describe('apply fix: replacing a value', () => {
  it('sets limits.memory of the named container, keeping its trailing comment', () => {
    const { title, text } = applied(CHECKOUT, 'spec.containers[checkout].resources.limits.memory', '1408Mi');
    assert.equal(title, 'Set limits.memory of checkout to 1408Mi');
    assert.equal(
      text,
      CHECKOUT.replace('              memory: 512Mi   # raised', '              memory: 1408Mi   # raised'),
    );
    assertOnlyChanged(CHECKOUT, text, MEMORY, '1408Mi');
  });

  it('keeps double and single quotes of the replaced scalar', () => {
    const double = CHECKOUT.replace('memory: 512Mi   #', 'memory: "512Mi"   #');
    const a = applied(double, 'spec.containers[checkout].resources.limits.memory', '1408Mi').text;
    assert.match(a, /^ {14}memory: "1408Mi" {3}# raised/m);
    assertOnlyChanged(double, a, MEMORY, '1408Mi');
    const single = CHECKOUT.replace('memory: 512Mi   #', "memory: '512Mi'   #");
    const b = applied(single, 'spec.containers[checkout].resources.limits.memory', '1408Mi').text;
    assert.match(b, /^ {14}memory: '1408Mi' {3}# raised/m);
    assertOnlyChanged(single, b, MEMORY, '1408Mi');
  });

  it('quotes a string value that YAML 1.1 would read as a number or boolean', () => {
    const a = applied(CHECKOUT, 'spec.containers[checkout].resources.limits.memory', '1e3').text;
    assert.match(a, /^ {14}memory: "1e3" {3}# raised/m);
    assertOnlyChanged(CHECKOUT, a, MEMORY, '1e3');
    const image = applied(CHECKOUT, 'spec.containers[checkout].image', 'yes').text;
    assert.match(image, /^ {10}image: "yes"$/m);
  });

  it('writes integers plain for integer fields, replacing a quoted string', () => {
    const text = CHECKOUT.replace(
      '          image: registry.example.com/shop/checkout:2.4.1\n',
      '          image: registry.example.com/shop/checkout:2.4.1\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n            initialDelaySeconds: "5" # seconds\n',
    );
    const { title, text: out } = applied(
      text,
      'spec.containers[checkout].readinessProbe.initialDelaySeconds',
      '30',
    );
    assert.equal(title, 'Set readinessProbe.initialDelaySeconds of checkout to 30');
    assert.match(out, /^ {12}initialDelaySeconds: 30 # seconds$/m);
    assertOnlyChanged(
      text,
      out,
      ['spec', 'template', 'spec', 'containers', 1, 'readinessProbe', 'initialDelaySeconds'],
      30,
    );
  });

  it('edits inside a flow mapping', () => {
    const text = CHECKOUT.replace(
      '          resources:\n            requests:\n              cpu: 250m\n              memory: 512Mi\n            limits:\n              memory: 512Mi   # raised after the Black Friday incident\n',
      '          resources:\n            requests: {cpu: 250m, memory: 512Mi}\n            limits: {memory: 512Mi, cpu: "1"}\n',
    );
    const out = applied(text, 'spec.containers[checkout].resources.limits.memory', '1408Mi').text;
    assert.match(out, /^ {12}limits: \{memory: 1408Mi, cpu: "1"\}$/m);
    assertOnlyChanged(text, out, MEMORY, '1408Mi');
  });

  it('keeps CRLF line endings and 4-space indentation', () => {
    const text = `apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: api\r\nspec:\r\n    containers:\r\n    -   name: api\r\n        image: api:1\r\n        resources:\r\n            limits:\r\n                memory: 256Mi\r\n`;
    const out = applied(text, 'spec.containers[api].resources.limits.memory', '320Mi').text;
    assert.equal(out, text.replace('memory: 256Mi', 'memory: 320Mi'));
    assertOnlyChanged(text, out, ['spec', 'containers', 0, 'resources', 'limits', 'memory'], '320Mi');
  });

  it('reaches the container of a CronJob through its job template', () => {
    const text = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: registry.example.com/reports:1.8.0
            resources:
              limits:
                memory: 1Gi
`;
    const out = applied(text, 'spec.containers[report].resources.limits.memory', '1280Mi').text;
    assert.equal(out, text.replace('memory: 1Gi', 'memory: 1280Mi'));
    assertOnlyChanged(
      text,
      out,
      ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'],
      '1280Mi',
    );
  });

  it('edits only the document it is given in a multi-document file', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: checkout\nspec:\n  ports: [{port: 80}]\n---\n${CHECKOUT}---\n${CHECKOUT.replace('name: checkout\n  namespace', 'name: checkout-canary\n  namespace')}`;
    const out = applied(text, 'spec.containers[checkout].resources.limits.memory', '1408Mi', 1).text;
    assert.equal(out.match(/memory: 1408Mi/g)?.length, 1);
    assertOnlyChanged(text, out, MEMORY, '1408Mi', 1);
  });

  it('sets a boolean on a volume (configMap.optional)', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
  volumes:
    - name: config
      configMap:
        name: web-config
        optional: false
`;
    const { title, text: out } = applied(text, 'spec.volumes[config].configMap.optional', 'true');
    assert.equal(title, 'Set configMap.optional of volume config to true');
    assert.equal(out, text.replace('optional: false', 'optional: true'));
    assertOnlyChanged(text, out, ['spec', 'volumes', 0, 'configMap', 'optional'], true);
  });
});
