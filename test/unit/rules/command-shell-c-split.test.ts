import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, boxPod, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'command-shell-c-split';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports the first argument after the sh -c script in a DaemonSet container', () => {
    const [f, ...rest] = run(readManifest('commands/command-mistakes.daemonset.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '28:14-28:31');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'Only the first argument after "sh -c" is the script ("echo"); "starting exporter" becomes $0 of that script and is not run. Pass the script as one string: ["sh", "-c", "echo starting exporter"].',
    );
  });

  it('follows the script into args, for /bin/bash -ec', () => {
    const [f] = run(
      boxPod(
        '      image: bash:5.2\n      command: ["/bin/bash", "-ec"]\n      args: ["echo", "hello", "world"]\n',
      ),
    );
    assert.equal(span(f), '9:21-9:28');
    assert.equal(
      f?.message,
      'Only the first argument after "/bin/bash -ec" is the script ("echo"); "hello" and the rest become $0, $1, … of that script and are not run. Pass the script as one string: ["/bin/bash", "-ec", "echo hello world"].',
    );
  });

  it('quotes the first line of a block script and does not suggest appending flags to its last line', () => {
    const text = boxPod(
      '      image: nginx:1.27\n      command:\n        - /bin/sh\n        - -c\n        - |\n          echo starting\n          exec nginx -g \'daemon off;\'\n      args: ["--port=$(PORT)"]\n',
    );
    const [f, ...rest] = run(text);
    assert.equal(rest.length, 0);
    assert.equal(span(f), '14:13-14:29');
    assert.equal(
      f?.message,
      'Only the first argument after "/bin/sh -c" is the script ("echo starting …"); "--port=$(PORT)" becomes $0 of that script and is not run. Move it into the script where it belongs, or remove it.',
    );
  });

  it('is silent for one-string scripts and for scripts that read their positional parameters', () => {
    assert.deepEqual(run(boxPod('      image: busybox:1.36\n      command: ["sh", "-c", "echo hi"]\n')), []);
    assert.deepEqual(
      run(
        boxPod(
          '      image: busybox:1.36\n      command: ["sh", "-c", "exec \\"$@\\"", "--", "sleep", "60"]\n',
        ),
      ),
      [],
    );
    assert.deepEqual(
      run(boxPod('      image: busybox:1.36\n      command: ["sh", "/scripts/run.sh", "--fast"]\n')),
      [],
    );
    assertSilentOnRealisticManifests(run);
  });
});
