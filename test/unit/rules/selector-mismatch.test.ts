import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'selector-mismatch';
const run = findingsOfRule(ID);

describe(ID, () => {
  const findings = run(readManifest('workloads/selector-typo.deployment.yaml'));

  it('reports a matchLabels value the template labels differ on, on the selector value', () => {
    assert.equal(span(findings[0]), '10:30-10:40');
    assert.equal(findings[0]?.severity, 'error');
    assert.equal(
      findings[0]?.message,
      'The Deployment\'s selector requires app.kubernetes.io/name: storefront, but the pod template says app.kubernetes.io/name: store-front, so the API server rejects the Deployment ("selector does not match template labels"). Use the same value in both places.',
    );
  });

  it('reports a selector label missing from the template on its key, with the misspelt template label', () => {
    assert.equal(span(findings[1]), '11:6-11:33');
    assert.match(
      findings[1]?.message ?? '',
      /has no "app.kubernetes.io\/component" label \(the template has "app.kubernetes.io\/componnet"; a typo\?\)/,
    );
    assert.deepEqual(findings[1]?.suggestions, ['app.kubernetes.io/componnet']);
  });

  it('evaluates matchExpressions: In fails, DoesNotExist holds', () => {
    assert.equal(span(findings[2]), '14:8-16:31');
    assert.equal(
      findings[2]?.message,
      'The Deployment\'s selector requires track in (stable, canary) but the template has track: beta, so the API server rejects the Deployment ("selector does not match template labels"). Change the requirement or the template\'s labels so they agree.',
    );
    assert.equal(findings.length, 3);
  });

  it('is silent when the labels agree, for Jobs without manualSelector, and for Pods', () => {
    assertSilentOnRealisticManifests(run);
    const fixed = readManifest('workloads/selector-typo.deployment.yaml')
      .replace('name: store-front', 'name: storefront')
      .replace('componnet', 'component')
      .replace('track: beta', 'track: canary');
    assert.deepEqual(run(fixed), []);
    const job = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  selector:\n    matchLabels:\n      job: other\n  template:\n    metadata:\n      labels:\n        job: once\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: once\n          image: registry.example.com/once:1.0\n`;
    assert.deepEqual(run(job), []);
    assert.deepEqual(
      run(job.replace('spec:\n  selector', 'spec:\n  manualSelector: true\n  selector')).map(span),
      ['8:11-8:16'],
    );
  });
});
