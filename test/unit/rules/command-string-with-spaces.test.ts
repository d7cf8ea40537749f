import assert from 'node:assert/strict';
import {
  applyFix,
  assertSilentOnRealisticManifests,
  boxPod,
  findingsOfRule,
  readManifest,
  span,
} from '../helpers';

const ID = 'command-string-with-spaces';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports a one-word command holding spaces, with a fix that splits it (flow style)', () => {
    const text = readManifest('commands/command-mistakes.daemonset.yaml');
    const [f, ...rest] = run(text);
    assert.equal(rest.length, 0);
    assert.equal(span(f), '21:20-21:37');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'The command of container "agent" is the single word "python agent.py": Kubernetes does not split it on spaces, so the runtime looks for an executable named "python agent.py" and the container fails to start. Give each word its own element: ["python", "agent.py"].',
    );
    assert.equal(f?.fix?.title, 'Split into 2 words');
    const fixed = applyFix(text, f?.fix);
    assert.ok(fixed.includes('          command: ["python", "agent.py"]\n'));
    assert.deepEqual(run(fixed), []);
  });

  it('splits a block-style element into block items', () => {
    const text = boxPod(
      '      image: python:3.12\n      command:\n        - gunicorn --bind 0.0.0.0:8000 app:wsgi\n',
    );
    const [f] = run(text);
    assert.equal(span(f), '9:10-9:47');
    const fixed = applyFix(text, f?.fix);
    assert.ok(
      fixed.endsWith(
        '      command:\n        - gunicorn\n        - "--bind"\n        - "0.0.0.0:8000"\n        - "app:wsgi"\n',
      ),
      fixed,
    );
    assert.deepEqual(run(fixed), []);
  });

  it('suggests a shell for shell syntax, and offers no fix when the word holds quotes', () => {
    const [shell] = run(boxPod('      image: python:3.12\n      command: ["python app.py > /tmp/log"]\n'));
    assert.match(
      shell?.message ?? '',
      /It uses shell syntax, so run it through a shell: \["sh", "-c", "python app.py > \/tmp\/log"\]\.$/,
    );
    assert.equal(shell?.fix?.edits[0]?.newText, '"sh", "-c", "python app.py > /tmp/log"');
    const [quoted] = run(boxPod(`      image: python:3.12\n      command: ["python -c 'print(1)'"]\n`));
    assert.equal(quoted?.fix, undefined);
  });

  it('is silent for commands split into words, and for spaces in later words', () => {
    assert.deepEqual(
      run(boxPod('      image: python:3.12\n      command: ["sh", "-c", "python app.py"]\n')),
      [],
    );
    assertSilentOnRealisticManifests(run);
  });
});
