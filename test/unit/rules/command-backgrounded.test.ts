import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, boxPod, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'command-backgrounded';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports a bash script whose last line is nohup … &, on the script', () => {
    const [f, ...rest] = run(readManifest('commands/command-mistakes.daemonset.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '34:0-36:0');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'Container "legacy" ends by starting its work in the background ("nohup ./legacy-agent --port 9100 > /var/log/agent.log 2>&1 &"): the script then exits, the container stops with it and is restarted again and again (CrashLoopBackOff). Keep the main process in the foreground: drop the & (use exec), or end the script with wait.',
    );
  });

  it('reports catalina.sh start and service … start', () => {
    const findings = run(readManifest('commands/tomcat-startup.deployment.yaml'));
    assert.deepEqual(findings.map(span), ['16:20-16:55', '29:0-31:0']);
    assert.match(
      findings[0]?.message ?? '',
      /\("\/usr\/local\/tomcat\/bin\/catalina.sh start"\).*use catalina.sh run\.$/,
    );
    assert.match(
      findings[1]?.message ?? '',
      /\("service memcached start"\).*start the server itself as the last command \(e\.g\. exec memcached with its foreground option\)\.$/,
    );
  });

  it('is silent when something stays in the foreground after the &', () => {
    const script = (s: string) =>
      boxPod(`      image: python:3.12\n      command: ["sh", "-c", ${JSON.stringify(s)}]\n`);
    assert.equal(run(script('python worker.py &')).length, 1);
    assert.equal(run(script('python worker.py & # start it')).length, 1);
    assert.deepEqual(run(script('python worker.py & wait')), []);
    assert.deepEqual(run(script('nohup python worker.py &\ntail -f /dev/null')), []);
    assert.deepEqual(run(script('python migrate.py && exec python worker.py')), []);
    assert.deepEqual(run(script('python worker.py 2>&1 | tee /tmp/log')), []);
    assert.deepEqual(run(script('service cron start && exec python worker.py')), []);
    // Without a shell, a trailing & is only an argument.
    assert.deepEqual(
      run(boxPod('      image: python:3.12\n      command: ["python", "worker.py", "&"]\n')),
      [],
    );
  });

  it('is silent for Jobs and init containers, which are expected to finish', () => {
    const job = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: warm\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: warm\n          image: python:3.12\n          command: ["sh", "-c", "python warm.py &"]\n`;
    assert.deepEqual(run(job), []);
    assertSilentOnRealisticManifests(run);
  });
});
