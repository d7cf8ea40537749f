import assert from 'node:assert/strict';
import { lintText } from '../../src/core/lint/engine';
import { parseManifests } from '../../src/core/manifest/parse';
import { disableCommentInsertion } from '../../src/extension/lint/disable-comment';

/** Applies "Disable <rule> for this line" to the first finding of `ruleId` and returns the new text. */
function disableFirst(text: string, ruleId: string): string | undefined {
  const finding = lintText(text).findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `${ruleId} should fire`);
  const lines = text.split('\n');
  const insertion = disableCommentInsertion(
    (line) => lines[line] ?? '',
    finding.start.line,
    finding.start.character,
    ruleId,
    '\n',
  );
  if (!insertion) return undefined;
  const line = lines[insertion.line] ?? '';
  lines[insertion.line] =
    line.slice(0, insertion.character) + insertion.text + line.slice(insertion.character);
  return lines.join('\n');
}

const backgroundedScript = `apiVersion: apps/v1
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
      containers:
        - name: web
          image: busybox:1.36
          command:
            - sh
            - -c
            - |
              echo start
              nohup ./server &
`;

describe('"Disable <rule> for this line"', () => {
  it('inserts a comment line above the finding, indented like its line', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      images: nginx:1.20\n';
    const fixed = disableFirst(pod, 'schema-unknown-field') ?? '';
    assert.equal(fixed.split('\n')[7], '      # pod-doctor-disable-next-line schema-unknown-field');
    assert.ok(!lintText(fixed).findings.some((f) => f.ruleId === 'schema-unknown-field'));
    assert.deepEqual(parseManifests(fixed).documents[0]?.value, parseManifests(pod).documents[0]?.value);
  });

  it('adds the rule to a disable comment already above the line', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    # pod-doctor-disable-next-line resources-memory-limit-missing\n    - name: web\n      images: nginx:1.20\n';
    const fixed = disableFirst(pod, 'image-missing') ?? '';
    assert.equal(
      fixed.split('\n')[6],
      '    # pod-doctor-disable-next-line resources-memory-limit-missing image-missing',
    );
    assert.ok(!lintText(fixed).findings.some((f) => f.ruleId === 'image-missing'));
  });

  it('comments a script after its block scalar header, leaving the script unchanged', () => {
    const fixed = disableFirst(backgroundedScript, 'command-backgrounded') ?? '';
    assert.equal(
      fixed.split('\n')[19],
      '            - | # pod-doctor-disable-next-line command-backgrounded',
    );
    assert.ok(!lintText(fixed).findings.some((f) => f.ruleId === 'command-backgrounded'));
    assert.deepEqual(
      parseManifests(fixed).documents[0]?.value,
      parseManifests(backgroundedScript).documents[0]?.value,
    );
  });

  it('offers nothing when the block scalar header already carries another comment', () => {
    const commented = backgroundedScript.replace('- |\n', '- | # starts the server\n');
    assert.equal(disableFirst(commented, 'command-backgrounded'), undefined);
  });
});
