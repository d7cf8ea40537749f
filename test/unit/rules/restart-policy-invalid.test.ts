import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'restart-policy-invalid';
const run = findingsOfRule(ID);

describe(ID, () => {
  const findings = run(readManifest('workloads/restart-policies.yaml'));

  it('reports restartPolicy Always in a Job template', () => {
    assert.equal(span(findings[0]), '7:21-7:27');
    assert.equal(findings[0]?.severity, 'error');
    assert.equal(
      findings[0]?.message,
      'A Job\'s pods must be able to finish, so the API server rejects restartPolicy Always in its template ("restartPolicy: Required value"). Use Never (a failed pod is replaced) or OnFailure (the container restarts in place).',
    );
  });

  it('reports a CronJob template without restartPolicy, since the default Always is rejected', () => {
    assert.equal(span(findings[1]), '21:8-21:12');
    assert.equal(
      findings[1]?.message,
      'The CronJob\'s pod template has no restartPolicy; it defaults to Always, which a CronJob does not accept, so the API server rejects it ("spec.jobTemplate.spec.template.spec.restartPolicy: Required value"). Add restartPolicy: Never or OnFailure.',
    );
  });

  it('reports a Deployment template with restartPolicy OnFailure', () => {
    assert.equal(span(findings[2]), '39:21-39:30');
    assert.equal(
      findings[2]?.message,
      'A Deployment keeps its pods running, so the API server accepts only restartPolicy Always in its template, not OnFailure. Remove restartPolicy, or use a Job for work that finishes.',
    );
  });

  it('reports a misspelt policy on a bare Pod', () => {
    assert.equal(span(findings[3]), '49:17-49:22');
    assert.equal(
      findings[3]?.message,
      'restartPolicy "never" is not one of Always, OnFailure or Never, so the API server rejects the Pod. Write "Never" (the value is case-sensitive).',
    );
    assert.equal(findings.length, 4);
  });

  it('is silent for Never/OnFailure Jobs and for Pods with any valid policy', () => {
    assertSilentOnRealisticManifests(run);
    const fixed = readManifest('workloads/restart-policies.yaml')
      .replace('restartPolicy: Always', 'restartPolicy: OnFailure')
      .replace(
        '        spec:\n          containers:',
        '        spec:\n          restartPolicy: Never\n          containers:',
      )
      .replace(
        '      restartPolicy: OnFailure\n      containers:\n        - name: api',
        '      containers:\n        - name: api',
      )
      .replace('restartPolicy: never', 'restartPolicy: Never');
    assert.deepEqual(run(fixed), []);
  });
});
