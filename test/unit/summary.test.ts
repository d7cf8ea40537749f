import assert from 'node:assert/strict';
import { lintText } from '../../src/core/lint/engine';
import { defaultRegistry } from '../../src/core/lint/rules';
import { parseManifests } from '../../src/core/manifest/parse';
import type { JsonObject } from '../../src/core/manifest/types';
import { podTemplates } from '../../src/core/manifest/workloads';
import {
  containerLensTitle,
  escapeMarkdown,
  findingHover,
  findingsWithin,
  ruleDocUrl,
} from '../../src/core/summary';

/** The CodeLens titles of every container in `yaml`, with the problems the linter finds in each. */
function lensTitles(yaml: string): string[] {
  const file = parseManifests(yaml);
  const { findings } = lintText(yaml);
  return file.documents.flatMap((document) =>
    podTemplates(document.value as JsonObject).flatMap((template) =>
      template.containers.map((container) => {
        const location = document.locate(container.path);
        const problems = location ? findingsWithin(findings, location.value).length : 0;
        return containerLensTitle(template, container, problems);
      }),
    ),
  );
}

const webDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com/shop/migrate:2.4.1
      containers:
        - name: web
          image: registry.example.com/shop/web:2.4.1
          ports:
            - containerPort: 8080
          resources:
            requests:
              memory: 256Mi
            limits:
              memory: 256Mi
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
            initialDelaySeconds: 10
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
            initialDelaySeconds: 5
        - name: worker
          image: registry.example.com/shop/worker:2.4.1
          resources:
            limits:
              memory: 128MB
          startupProbe:
            exec:
              command: [cat, /tmp/started]
            failureThreshold: 30
`;

describe('CodeLens summary', () => {
  it('gives QoS class, when liveness kills, when the container can be ready, and its problem count', () => {
    assert.deepEqual(lensTitles(webDeployment), [
      'Burstable · init container · 1 problem',
      'Burstable · liveness kills after 40 s · ready from 5 s · no problems',
      'Burstable · startup probe kills after 300 s · 1 problem',
    ]);
  });

  it('says "no probes" and counts several problems', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      images: nginx:1.20
`;
    assert.deepEqual(lensTitles(pod), ['BestEffort · no probes · 3 problems']);
  });

  it('reads Guaranteed when every container sets equal CPU and memory requests and limits', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
    - name: postgres
      image: postgres:16.4
      resources:
        limits:
          cpu: "1"
          memory: 1Gi
`;
    assert.deepEqual(lensTitles(pod), ['Guaranteed · no probes · no problems']);
  });
});

describe('finding hover', () => {
  it('gives the rule, why it matters, what to do and a link to the rule (the editor shows the message)', () => {
    const [finding] = lintText(
      'apiVersion: v1\nkind: pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    ).findings.filter((f) => f.ruleId === 'schema-kind-case');
    assert.ok(finding);
    const rule = defaultRegistry.get('schema-kind-case');
    assert.ok(rule);
    assert.equal(
      findingHover(finding, rule),
      [
        `**Error: ${escapeMarkdown(rule.title)}** \`schema-kind-case\``,
        '',
        `**Why it matters:** ${escapeMarkdown(rule.rationale)}`,
        '',
        `**What to do:** ${escapeMarkdown(rule.remediation)}`,
        '',
        '[Rule `schema-kind-case`](https://github.com/pod-doctor/pod-doctor/blob/main/docs/rules.md#schema-kind-case)',
      ].join('\n'),
    );
  });

  it('links each rule to its heading in docs/rules.md', () => {
    assert.equal(
      ruleDocUrl('probe-too-aggressive'),
      'https://github.com/pod-doctor/pod-doctor/blob/main/docs/rules.md#probe-too-aggressive',
    );
  });

  it('escapes Markdown in messages, so a glob or a template is shown as written', () => {
    assert.equal(
      escapeMarkdown('*_[x](y)_* `a` <b> | ~c~'),
      '\\*\\_\\[x\\](y)\\_\\* \\`a\\` \\<b\\> \\| \\~c\\~',
    );
  });
});
