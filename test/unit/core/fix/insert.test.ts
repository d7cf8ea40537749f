import assert from 'node:assert/strict';
import { applied, assertOnlyChanged } from './fix-test-helpers';

/** Apply fix on a field the manifest lacks: the missing keys go in at the right place and indentation. */

const deployment = (containers: string, spec = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
spec:
  selector:
    matchLabels:
      app: checkout
  template:
    metadata:
      labels:
        app: checkout
    spec:
${spec}      containers:
${containers}`;

const C = ['spec', 'template', 'spec', 'containers', 0];

const STARTUP = JSON.stringify({
  httpGet: { path: '/actuator/health/liveness', port: 8080 },
  periodSeconds: 10,
  failureThreshold: 18,
});

describe('apply fix: inserting what is missing', () => {
  it('adds limits after requests when resources has only requests', () => {
    const text = deployment(`        - name: checkout
          image: registry.example.com/shop/checkout:2.4.1
          resources:
            requests:
              cpu: 250m
              memory: 512Mi # measured p99
          ports:
            - containerPort: 8080
`);
    const { title, text: out } = applied(text, 'spec.containers[checkout].resources.limits.memory', '1408Mi');
    assert.equal(title, 'Set limits.memory of checkout to 1408Mi');
    assert.equal(
      out,
      text.replace(
        '              memory: 512Mi # measured p99\n',
        '              memory: 512Mi # measured p99\n            limits:\n              memory: 1408Mi\n',
      ),
    );
    assertOnlyChanged(text, out, [...C, 'resources', 'limits', 'memory'], '1408Mi');
  });

  it('adds the whole resources block at the end of a container that has none', () => {
    const text = deployment(`        - name: envoy
          image: envoyproxy/envoy:v1.31.2
        - name: checkout
          image: registry.example.com/shop/checkout:2.4.1
          env:
            - name: JAVA_TOOL_OPTIONS
              value: -Xmx1g
`);
    const out = applied(text, 'spec.containers[checkout].resources.limits.memory', '1408Mi').text;
    assert.equal(out, `${text}          resources:\n            limits:\n              memory: 1408Mi\n`);
    assertOnlyChanged(
      text,
      out,
      ['spec', 'template', 'spec', 'containers', 1, 'resources', 'limits', 'memory'],
      '1408Mi',
    );
  });

  it('adds a startupProbe after the livenessProbe, as block YAML', () => {
    const text = deployment(`        - name: app
          image: registry.example.com/shop/checkout:2.4.1
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: 8080
            periodSeconds: 10
          readinessProbe:
            httpGet: {path: /actuator/health/readiness, port: 8080}
`);
    const { title, text: out } = applied(text, 'spec.containers[app].startupProbe', STARTUP);
    assert.equal(title, 'Add a startupProbe to app');
    assert.equal(
      out,
      text.replace(
        '            periodSeconds: 10\n',
        `            periodSeconds: 10
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: 8080
            periodSeconds: 10
            failureThreshold: 18
`,
      ),
    );
    assertOnlyChanged(text, out, [...C, 'startupProbe'], JSON.parse(STARTUP));
  });

  it('adds a startupProbe at the end of the container when there is no livenessProbe', () => {
    const text = deployment(`        - name: app
          image: registry.example.com/shop/checkout:2.4.1
          args: ["--port", "8080"]   # the chart's default
`);
    const out = applied(text, 'spec.containers[app].startupProbe', STARTUP).text;
    assert.ok(out.startsWith(text), out);
    assert.match(out.slice(text.length), /^ {10}startupProbe:\n {12}httpGet:\n {14}path: /);
    assertOnlyChanged(text, out, [...C, 'startupProbe'], JSON.parse(STARTUP));
  });

  it('renders exec commands as block sequences in the style of the file, quoting strings that look like numbers', () => {
    const text = deployment(`      - name: app
        image: postgres:16
        livenessProbe:
          exec:
            command:
            - pg_isready
`);
    const probe = {
      exec: { command: ['pg_isready', '-p', '5432'] },
      periodSeconds: 10,
      failureThreshold: 30,
    };
    const out = applied(text, 'spec.containers[app].startupProbe', JSON.stringify(probe)).text;
    assert.equal(
      out,
      `${text}        startupProbe:
          exec:
            command:
            - pg_isready
            - -p
            - "5432"
          periodSeconds: 10
          failureThreshold: 30
`,
    );
    assertOnlyChanged(text, out, [...C, 'startupProbe'], probe);
  });

  it('merges a nodeSelector entry, replacing the same key and keeping the others', () => {
    const base = deployment('        - name: app\n          image: app:1\n');
    const created = applied(base, 'spec.nodeSelector', 'kubernetes.io/arch: amd64');
    assert.equal(created.title, 'Add kubernetes.io/arch: amd64 to nodeSelector');
    assert.equal(created.text, `${base}      nodeSelector:\n        kubernetes.io/arch: amd64\n`);
    assertOnlyChanged(base, created.text, ['spec', 'template', 'spec', 'nodeSelector'], {
      'kubernetes.io/arch': 'amd64',
    });

    const existing = deployment(
      '        - name: app\n          image: app:1\n',
      '      nodeSelector:\n        kubernetes.io/arch: arm64  # graviton pool\n        disktype: ssd\n',
    );
    const out = applied(existing, 'spec.nodeSelector', 'kubernetes.io/arch: amd64').text;
    assert.equal(out, existing.replace('arch: arm64  # graviton', 'arch: amd64  # graviton'));
    assertOnlyChanged(existing, out, ['spec', 'template', 'spec', 'nodeSelector'], {
      'kubernetes.io/arch': 'amd64',
      disktype: 'ssd',
    });

    const other = deployment(
      '        - name: app\n          image: app:1\n',
      '      nodeSelector: {disktype: ssd}\n',
    );
    const flow = applied(other, 'spec.nodeSelector', 'kubernetes.io/arch: amd64').text;
    assert.equal(flow, other.replace('{disktype: ssd}', '{disktype: ssd, kubernetes.io/arch: amd64}'));
  });

  it('appends a pull secret to the list, or creates the list', () => {
    const base = deployment('        - name: app\n          image: registry.example.com/app:1\n');
    const created = applied(base, 'spec.imagePullSecrets', '- name: regcred');
    assert.equal(created.title, 'Add name: regcred to imagePullSecrets');
    assert.equal(created.text, `${base}      imagePullSecrets:\n        - name: regcred\n`);

    const existing = deployment(
      '        - name: app\n          image: registry.example.com/app:1\n',
      '      imagePullSecrets:\n        - name: dockerhub   # rate limits\n',
    );
    const out = applied(existing, 'spec.imagePullSecrets', '- name: regcred').text;
    assert.equal(out, existing.replace('# rate limits\n', '# rate limits\n        - name: regcred\n'));
    assertOnlyChanged(
      existing,
      out,
      ['spec', 'template', 'spec', 'imagePullSecrets'],
      [{ name: 'dockerhub' }, { name: 'regcred' }],
    );

    const flow = deployment(
      '        - name: app\n          image: registry.example.com/app:1\n',
      '      imagePullSecrets: [{name: dockerhub}]\n',
    );
    assert.equal(
      applied(flow, 'spec.imagePullSecrets', '- name: regcred').text,
      flow.replace('[{name: dockerhub}]', '[{name: dockerhub}, {name: regcred}]'),
    );
  });

  it('appends a multi-line toleration as a block item', () => {
    const text = deployment(
      '        - name: app\n          image: app:1\n',
      '      tolerations:\n      - key: dedicated\n        operator: Equal\n        value: batch\n        effect: NoSchedule\n',
    );
    const out = applied(
      text,
      'spec.tolerations',
      '- key: node.kubernetes.io/disk-pressure\n  operator: Exists',
    ).text;
    assert.equal(
      out,
      text.replace(
        'effect: NoSchedule\n',
        'effect: NoSchedule\n      - key: node.kubernetes.io/disk-pressure\n        operator: Exists\n',
      ),
    );
  });

  it('fills a key left empty (resources:) below it', () => {
    const text = deployment(`        - name: app
          image: app:1
          resources:   # TODO size me
          ports:
            - containerPort: 8080
`);
    const out = applied(text, 'spec.containers[app].resources.limits.memory', '320Mi').text;
    assert.equal(
      out,
      text.replace('# TODO size me\n', '# TODO size me\n            limits:\n              memory: 320Mi\n'),
    );
    assertOnlyChanged(text, out, [...C, 'resources', 'limits', 'memory'], '320Mi');
    const empty = text.replace(
      'resources:   # TODO size me\n',
      'resources:\n            limits:\n              memory:\n',
    );
    const filled = applied(empty, 'spec.containers[app].resources.limits.memory', '320Mi').text;
    assert.equal(filled, empty.replace('memory:\n', 'memory: 320Mi\n'));
  });

  it('inserts into a flow mapping', () => {
    const text = deployment(
      '        - {name: app, image: "app:1", resources: {requests: {memory: 256Mi}}}\n',
    );
    const out = applied(text, 'spec.containers[app].resources.limits.memory', '320Mi').text;
    assert.equal(out, text.replace('{memory: 256Mi}}', '{memory: 256Mi}, limits: {memory: 320Mi}}'));
    assertOnlyChanged(text, out, [...C, 'resources', 'limits', 'memory'], '320Mi');
  });

  it('follows 4-space indentation, indentless sequences and CRLF line endings', () => {
    const text = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '    name: migrate',
      'spec:',
      '    template:',
      '        spec:',
      '            restartPolicy: Never',
      '            containers:',
      '            - name: migrate',
      '              image: migrate:3',
      '              command:',
      '              - ./migrate',
      '',
    ].join('\r\n');
    const out = applied(text, 'spec.containers[migrate].resources.limits.memory', '640Mi').text;
    assert.equal(
      out,
      `${text}              resources:\r\n                  limits:\r\n                      memory: 640Mi\r\n`,
    );
    const secrets = applied(text, 'spec.imagePullSecrets', '- name: regcred').text;
    assert.equal(secrets, `${text}            imagePullSecrets:\r\n            - name: regcred\r\n`);
    assertOnlyChanged(text, secrets, ['spec', 'template', 'spec', 'imagePullSecrets'], [{ name: 'regcred' }]);
  });

  it('adds to the last document of a file without a final newline', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: api:1`;
    const out = applied(text, 'spec.containers[api].securityContext.runAsUser', '10001').text;
    assert.equal(out, `${text}\n    securityContext:\n      runAsUser: 10001`);
    assertOnlyChanged(text, out, ['spec', 'containers', 0, 'securityContext', 'runAsUser'], 10001);
  });

  it('inserts before the next document of a multi-document file', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: api:1\n`;
    const text = `${pod}---\n${pod.replace(/api/g, 'web')}`;
    const out = applied(text, 'spec.activeDeadlineSeconds', '1200').text;
    assert.equal(
      out,
      text.replace('    image: api:1\n', '    image: api:1\n  activeDeadlineSeconds: 1200\n'),
    );
    assertOnlyChanged(text, out, ['spec', 'activeDeadlineSeconds'], 1200);
  });
});
