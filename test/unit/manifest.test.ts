import assert from 'node:assert/strict';
import { computeLineStarts, parseManifests, positionAt, positionsOf } from '../../src/core/manifest/parse';
import { podTemplates } from '../../src/core/manifest/workloads';
import { random } from './helpers';

const deployment = `# the shop's checkout service
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  labels: {app: checkout, tier: backend}
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
      initContainers:
        - name: migrate
          image: registry.example.com/shop/checkout:2.4.1
          command: ["./migrate", "--up"]
        - name: proxy
          image: envoyproxy/envoy:v1.31.0
          restartPolicy: Always
      containers:
        - name: app
          image: registry.example.com/shop/checkout:2.4.1
          env:
            - name: FEATURE_FLAG
              value: yes
            - name: UMASK
              value: 0755
`;

function slice(text: string, range: { start: number; end: number }): string {
  return text.slice(range.start, range.end);
}

describe('manifest parser', () => {
  it('locates keys and values with exact offsets', () => {
    const file = parseManifests(deployment);
    const doc = file.documents[0]!;
    const image = doc.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])!;
    assert.equal(slice(deployment, image.key!), 'image');
    assert.equal(slice(deployment, image.value), 'registry.example.com/shop/checkout:2.4.1');
    assert.deepEqual(positionAt(file.lineStarts, image.value.start), { line: 25, character: 17 });
    const tier = doc.locate(['metadata', 'labels', 'tier'])!;
    assert.equal(slice(deployment, tier.value), 'backend');
    const arg = doc.locate(['spec', 'template', 'spec', 'initContainers', 0, 'command', 1])!;
    assert.equal(slice(deployment, arg.value), '"--up"');
    assert.equal(doc.locate(['spec', 'nope']), undefined);
  });

  it('decodes scalars as the API server does (YAML 1.1)', () => {
    const doc = parseManifests(deployment).documents[0]!;
    const env = (doc.value as { spec: { template: { spec: { containers: Array<{ env: unknown[] }> } } } })
      .spec.template.spec.containers[0]!.env;
    assert.deepEqual(env, [
      { name: 'FEATURE_FLAG', value: true },
      { name: 'UMASK', value: 493 },
    ]);
  });

  it('finds the node under an offset', () => {
    const doc = parseManifests(deployment).documents[0]!;
    assert.deepEqual(doc.nodeAt(deployment.indexOf('envoyproxy') + 3), {
      path: ['spec', 'template', 'spec', 'initContainers', 1, 'image'],
      on: 'value',
    });
    assert.deepEqual(doc.nodeAt(deployment.indexOf('replicas')), { path: ['spec', 'replicas'], on: 'key' });
  });

  it('splits multi-document files, keeping offsets in the whole file', () => {
    const text = `---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n# only a comment\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n...\n`;
    const file = parseManifests(text);
    assert.equal(file.documents.length, 2);
    const b = file.documents[1]!.locate(['metadata', 'name'])!;
    assert.equal(slice(text, b.value), 'b');
    assert.equal(positionAt(file.lineStarts, b.value.start).line, 10);
  });

  it('handles CRLF line endings and a byte order mark', () => {
    const text = '\uFEFFapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: crlf\r\n';
    const doc = parseManifests(text).documents[0]!;
    assert.equal(doc.syntaxError, undefined);
    assert.deepEqual(doc.value, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crlf' } });
    assert.equal(slice(text, doc.locate(['metadata', 'name'])!.value), 'crlf');
  });

  it('reports a syntax error per document without losing the others', () => {
    const text = 'a: [1, 2\n---\nb: 2\n';
    const file = parseManifests(text);
    assert.equal(file.documents.length, 2);
    assert.ok(file.documents[0]!.syntaxError);
    assert.deepEqual(file.documents[1]!.value, { b: 2 });
  });

  it('treats a duplicate key as the error the API server gives', () => {
    const doc = parseManifests('apiVersion: v1\nkind: Pod\nkind: Pod\n').documents[0]!;
    assert.match(doc.syntaxError?.message ?? '', /duplicated mapping key/);
  });

  it('marks documents holding template markup', () => {
    assert.equal(parseManifests('name: "{{ .Values.name }}"\n').documents[0]!.templated, true);
    assert.equal(parseManifests('name: plain\n').documents[0]!.templated, false);
  });
});

describe('positions', () => {
  it('finds the same positions by walking forward as from the table of line starts', () => {
    const text = 'a: 1\n\nb:\n  - c\r\n  - d\n\n\nlast line without a break';
    const offsets = Array.from({ length: text.length + 3 }, (_, offset) => offset);
    const next = random(7);
    const shuffled = offsets.map((offset) => [next(), offset] as const).sort((a, b) => a[0] - b[0]);
    const walked = positionsOf(text, [...shuffled.map(([, offset]) => offset), 0, 0]);
    const starts = computeLineStarts(text);
    for (const offset of offsets)
      assert.deepEqual(walked.get(offset), positionAt(starts, offset), `offset ${offset}`);
  });
});

describe('pod templates', () => {
  it('finds containers, init containers and sidecars of a Deployment', () => {
    const doc = parseManifests(deployment).documents[0]!;
    const [template] = podTemplates(doc.value as Record<string, unknown>);
    assert.ok(template);
    assert.equal(template.kind, 'Deployment');
    assert.deepEqual(template.specPath, ['spec', 'template', 'spec']);
    assert.deepEqual(
      template.containers.map((c) => [c.name, c.role, c.longRunning]),
      [
        ['migrate', 'init', false],
        ['proxy', 'sidecar', true],
        ['app', 'main', true],
      ],
    );
  });

  it('reaches the pod template of a CronJob and marks it as running to completion', () => {
    const text = `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - {name: report, image: "reports:1.0"}
`;
    const [template] = podTemplates(parseManifests(text).documents[0]!.value as Record<string, unknown>);
    assert.deepEqual(template?.specPath, ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    assert.equal(template?.runsToCompletion, true);
    assert.equal(template?.containers[0]?.longRunning, false);
  });

  it('accepts a wrongly cased kind so other rules still apply', () => {
    const [template] = podTemplates({ apiVersion: 'v1', kind: 'pod', spec: { containers: [{ name: 'a' }] } });
    assert.equal(template?.kind, 'Pod');
  });

  it('gives nothing for kinds without pods', () => {
    assert.deepEqual(podTemplates({ apiVersion: 'v1', kind: 'ConfigMap', data: {} }), []);
  });
});
