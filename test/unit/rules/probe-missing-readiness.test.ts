import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'probe-missing-readiness';
const run = findingsOfRule(ID);

describe(ID, () => {
  it('reports a Deployment container that declares ports without a readinessProbe', () => {
    const [f, ...rest] = run(readManifest('probes/identical-probes.deployment.yaml'));
    assert.equal(rest.length, 0);
    assert.equal(span(f), '39:10-39:15');
    assert.equal(f?.severity, 'info');
    assert.equal(
      f?.message,
      'Container "metrics" declares ports but has no readinessProbe: the pod receives Service traffic on its ports as soon as the readinessProbe of "catalog" passes, whether or not this container listens yet. Add a readinessProbe on the serving port.',
    );
  });

  it('says a lone serving container gets traffic as soon as it starts', () => {
    const text = readManifest('probes/identical-probes.deployment.yaml').replace(
      /\n {10}readinessProbe:\n {12}httpGet:\n {14}path: \/health\n {14}port: http\n/,
      '\n',
    );
    assert.deepEqual(
      run(text).map((f) => f.message),
      [
        'Container "catalog" declares ports but has no readinessProbe: it receives Service traffic as soon as it starts, before the application listens. Add a readinessProbe on the serving port.',
        'Container "metrics" declares ports but has no readinessProbe: it receives Service traffic as soon as it starts, before the application listens. Add a readinessProbe on the serving port.',
      ],
    );
  });

  it('never fires for Jobs, CronJobs, run-once Pods or init containers', () => {
    const container =
      '    - name: report\n      image: registry.example.com/report:1.0\n      ports:\n        - containerPort: 8080\n';
    const job = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: report\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n${container.replace(/^/gm, '    ')}`;
    assert.deepEqual(run(job), []);
    const cron = `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n${container.replace(/^/gm, '        ')}`;
    assert.deepEqual(run(cron), []);
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: report\nspec:\n  restartPolicy: Never\n  initContainers:\n${container}  containers:\n${container}`;
    assert.deepEqual(run(pod), []);
    assert.deepEqual(run(pod.replace('  restartPolicy: Never\n', '')).map(span), ['13:6-13:11']);
    assertSilentOnRealisticManifests(run);
  });
});
