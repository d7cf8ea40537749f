import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';

const ID = 'command-string-with-spaces';
const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/manifests', name), 'utf8');
const run = (text: string) =>
  lintText(text, { throwOnRuleError: true }).findings.filter((f) => f.ruleId === ID);
const span = (f: Finding | undefined) =>
  f && `${f.start.line}:${f.start.character}-${f.end.line}:${f.end.character}`;
const REALISTIC = [
  'checkout-deployment.yaml',
  'postgres-statefulset.yaml',
  'node-exporter-daemonset.yaml',
  'migrate-job.yaml',
  'nightly-report-cronjob.yaml',
  'debug-pod.yaml',
];
const pod = (container: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\nspec:\n${extra}  containers:\n    - name: box\n${container}`;

const applyFix = (text: string, f: Finding | undefined): string => {
  const edit = f?.fix?.edits[0];
  assert.ok(edit);
  return text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
};

describe(ID, () => {
  it('reports a one-word command holding spaces, with a fix that splits it (flow style)', () => {
    const text = fixture('commands/command-mistakes-daemonset.yaml');
    const [f, ...rest] = run(text);
    assert.equal(rest.length, 0);
    assert.equal(span(f), '21:20-21:37');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'The command of container "agent" is the single word "python agent.py": Kubernetes does not split it on spaces, so the runtime looks for an executable named "python agent.py" and the container fails to start. Give each word its own element: ["python", "agent.py"].',
    );
    assert.equal(f?.fix?.title, 'Split into 2 words');
    const fixed = applyFix(text, f);
    assert.ok(fixed.includes('          command: ["python", "agent.py"]\n'));
    assert.deepEqual(run(fixed), []);
  });

  it('splits a block-style element into block items', () => {
    const text = pod(
      '      image: python:3.12\n      command:\n        - gunicorn --bind 0.0.0.0:8000 app:wsgi\n',
    );
    const [f] = run(text);
    assert.equal(span(f), '9:10-9:47');
    const fixed = applyFix(text, f);
    assert.ok(
      fixed.endsWith(
        '      command:\n        - gunicorn\n        - "--bind"\n        - "0.0.0.0:8000"\n        - "app:wsgi"\n',
      ),
      fixed,
    );
    assert.deepEqual(run(fixed), []);
  });

  it('suggests a shell for shell syntax, and offers no fix when the word holds quotes', () => {
    const [shell] = run(pod('      image: python:3.12\n      command: ["python app.py > /tmp/log"]\n'));
    assert.match(
      shell?.message ?? '',
      /It uses shell syntax, so run it through a shell: \["sh", "-c", "python app.py > \/tmp\/log"\]\.$/,
    );
    assert.equal(shell?.fix?.edits[0]?.newText, '"sh", "-c", "python app.py > /tmp/log"');
    const [quoted] = run(pod(`      image: python:3.12\n      command: ["python -c 'print(1)'"]\n`));
    assert.equal(quoted?.fix, undefined);
  });

  it('is silent for commands split into words, and for spaces in later words', () => {
    assert.deepEqual(
      run(pod('      image: python:3.12\n      command: ["sh", "-c", "python app.py"]\n')),
      [],
    );
    for (const name of REALISTIC) assert.deepEqual(run(fixture(`realistic/${name}`)), [], name);
  });
});
