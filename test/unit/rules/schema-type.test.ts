import assert from 'node:assert/strict';
import { applyFix, findingsOfRule, manifestsIn } from '../helpers';

const fixture = manifestsIn('schema');
const typeErrors = findingsOfRule('schema-type');

/** A Deployment whose first container has `lines` (indented as container fields). */
function deployment(...lines: string[]): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    'spec:',
    '  selector:',
    '    matchLabels: {app: api}',
    '  template:',
    '    metadata:',
    '      labels: {app: api}',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: shop/api:2.1',
    ...lines.map((line) => `          ${line}`),
    '',
  ].join('\n');
}
const FIRST = 14; // line of the first container field added by deployment()

describe('schema-type', () => {
  it('flags a quoted port number on the value and unquotes it', () => {
    const text = deployment('ports:', '  - containerPort: "80"');
    const [finding, ...rest] = typeErrors(text);
    assert.equal(rest.length, 0);
    assert.deepEqual([finding?.start.line, finding?.start.character], [FIRST + 1, 29]);
    assert.equal(text.slice(finding?.range.start, finding?.range.end), '"80"');
    assert.equal(
      finding?.message,
      '"containerPort" in ports[0] of container "api" must be a whole number, but "80" is a string; remove the quotes. kubectl apply fails to decode the object as it is.',
    );
    const fixed = applyFix(text, finding?.fix);
    assert.match(fixed, /- containerPort: 80$/m);
    assert.deepEqual(typeErrors(fixed), []);
  });

  it('flags env values YAML reads as a number or a boolean, and quotes them', () => {
    const text = deployment('env:', '  - name: PORT', '    value: 8080', '  - name: DEBUG', '    value: yes');
    const found = typeErrors(text);
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, f.message]),
      [
        [
          FIRST + 2,
          21,
          '"value" in env var "PORT" of container "api" must be a string, but YAML reads 8080 as a number; quote it: "8080". kubectl apply fails to decode the object as it is.',
        ],
        [
          FIRST + 4,
          21,
          '"value" in env var "DEBUG" of container "api" must be a string, but YAML 1.1 reads yes as the boolean true; quote it: "yes". kubectl apply fails to decode the object as it is.',
        ],
      ],
    );
    const fixed = applyFix(applyFix(text, found[1]?.fix), found[0]?.fix);
    assert.match(fixed, /value: "8080"\n.*\n.*value: "yes"\n/);
    assert.deepEqual(typeErrors(fixed), []);
  });

  it('explains numbers and booleans YAML 1.1 makes out of plain words, in args and env names too', () => {
    const text = deployment(
      'args: ["--port", 8080, --verbose]',
      'env:',
      '  - name: UMASK',
      '    value: 0755',
      '  - name: WINDOW',
      '    value: 1:30',
      '  - name: OFF',
      '    value: "1"',
    );
    assert.deepEqual(
      typeErrors(text).map((f) => [f.start.line, f.start.character, f.message]),
      [
        [
          FIRST,
          27,
          'Item 1 of "args" in container "api" must be a string, but YAML reads 8080 as a number; quote it: "8080". kubectl apply fails to decode the object as it is.',
        ],
        [
          FIRST + 3,
          21,
          '"value" in env var "UMASK" of container "api" must be a string, but YAML 1.1 reads 0755 as the number 493; quote it: "0755". kubectl apply fails to decode the object as it is.',
        ],
        [
          FIRST + 5,
          21,
          '"value" in env var "WINDOW" of container "api" must be a string, but YAML 1.1 reads 1:30 as the number 90; quote it: "1:30". kubectl apply fails to decode the object as it is.',
        ],
        [
          FIRST + 6,
          20,
          '"name" in env[2] of container "api" must be a string, but YAML 1.1 reads OFF as the boolean false; quote it: "OFF". kubectl apply fails to decode the object as it is.',
        ],
      ],
    );
  });

  it('turns a command string into a list of words', () => {
    const text = deployment('command: python app.py --port 8080');
    const [finding] = typeErrors(text);
    assert.deepEqual([finding?.start.line, finding?.start.character], [FIRST, 19]);
    assert.equal(
      finding?.message,
      '"command" in container "api" must be a list, but "python app.py --port 8080" is a single string; write it as ["python", "app.py", "--port", "8080"]. kubectl apply fails to decode the object as it is.',
    );
    assert.match(applyFix(text, finding?.fix), /^ {10}command: \["python", "app.py", "--port", "8080"\]$/m);
  });

  it('wraps a shell command line in sh -c instead of splitting it', () => {
    const text = deployment('args: "until nc -z db 5432; do sleep 1; done"');
    const [finding] = typeErrors(text);
    assert.match(
      applyFix(text, finding?.fix),
      /^ {10}args: \["sh", "-c", "until nc -z db 5432; do sleep 1; done"\]$/m,
    );
  });

  it('flags a mapping where a list belongs, and a list where a mapping belongs', () => {
    const text = deployment('env:', '  LOG_LEVEL: debug', 'resources:', '  - limits: {memory: 256Mi}');
    assert.deepEqual(
      typeErrors(text).map((f) => [f.start.line, f.start.character, f.message]),
      [
        [
          FIRST + 1,
          12,
          '"env" in container "api" must be a list, but it is a mapping; start each item with "- ". kubectl apply fails to decode the object as it is.',
        ],
        [
          FIRST + 3,
          12,
          '"resources" in container "api" must be a mapping of fields, but it is a list; remove the "- " in front of its fields. kubectl apply fails to decode the object as it is.',
        ],
      ],
    );
  });

  it('flags label values that are not strings, and quotes them', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '  labels:',
      '    canary: true',
      '    version: 1.10',
      '    tier: "frontend"',
      'spec:',
      '  containers:',
      '    - name: web',
      '      image: nginx:1.27',
      '',
    ].join('\n');
    const found = typeErrors(text);
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, f.message]),
      [
        [
          5,
          12,
          'Label "canary" in metadata must be a string, but YAML reads true as a boolean; quote it: "true". kubectl apply fails to decode the object as it is.',
        ],
        [
          6,
          13,
          'Label "version" in metadata must be a string, but YAML 1.1 reads 1.10 as the number 1.1; quote it: "1.10". kubectl apply fails to decode the object as it is.',
        ],
      ],
    );
    assert.match(applyFix(text, found[1]?.fix), /version: "1.10"$/m);
  });

  it('flags a fractional replica count and a string for a boolean', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  replicas: 1.5',
      '  selector:',
      '    matchLabels: {app: api}',
      '  template:',
      '    metadata:',
      '      labels: {app: api}',
      '    spec:',
      '      hostNetwork: "true"',
      '      containers:',
      '        - name: api',
      '          image: shop/api:2.1',
      '',
    ].join('\n');
    const found = typeErrors(text);
    assert.deepEqual(
      found.map((f) => [f.start.line, f.message]),
      [
        [
          5,
          '"replicas" in spec must be a whole number, but 1.5 has a fraction. kubectl apply fails to decode the object as it is.',
        ],
        [
          12,
          '"hostNetwork" in spec.template.spec must be true or false, but "true" is a string; remove the quotes. kubectl apply fails to decode the object as it is.',
        ],
      ],
    );
    assert.match(applyFix(text, found[1]?.fix), /hostNetwork: true$/m);
  });

  it('flags ConfigMap data that YAML reads as numbers', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  PORT: 8080\n  MODE: "prod"\n';
    const [finding, ...rest] = typeErrors(text);
    assert.equal(rest.length, 0);
    assert.equal(
      finding?.message,
      '"data.PORT" in the ConfigMap must be a string, but YAML reads 8080 as a number; quote it: "8080". kubectl apply fails to decode the object as it is.',
    );
  });

  it('accepts numbers and names for IntOrString, numbers and strings for quantities, and null for optional blocks', () => {
    const text = deployment(
      'ports:',
      '  - {name: http, containerPort: 8080}',
      'resources:',
      '  requests: {cpu: 0.5, memory: 256Mi}',
      '  limits: {cpu: 1, memory: "512Mi"}',
      'livenessProbe:',
      '  httpGet: {path: /healthz, port: http}',
      'readinessProbe:',
      '  tcpSocket: {port: 8080}',
      'securityContext:',
      'volumeMounts:',
    );
    assert.deepEqual(typeErrors(text), []);
  });

  it('rejects a boolean port and a boolean quantity', () => {
    const text = deployment(
      'resources:',
      '  limits: {memory: off}',
      'livenessProbe:',
      '  httpGet: {path: /healthz, port: on}',
    );
    assert.deepEqual(
      typeErrors(text).map((f) => f.message),
      [
        '"limits.memory" in resources of container "api" must be a quantity such as 500m or 1Gi, but YAML 1.1 reads off as the boolean false. kubectl apply fails to decode the object as it is.',
        '"port" in livenessProbe.httpGet of container "api" must be a port number or name, but YAML 1.1 reads on as the boolean true. kubectl apply fails to decode the object as it is.',
      ],
    );
  });

  it('skips values that are Helm template strings', () => {
    const text = deployment('ports:', '  - containerPort: "{{ .Values.port }}"', 'tty: "{{ .Values.tty }}"');
    assert.deepEqual(typeErrors(text), []);
  });

  it('is silent for the valid fixtures', () => {
    assert.deepEqual(typeErrors(fixture('valid-postgres.statefulset.yaml')), []);
    assert.deepEqual(typeErrors(fixture('valid-jobs-and-services.yaml')), []);
  });
});
