import assert from 'node:assert/strict';
import { applyFix, findingsOfRule } from './helpers';

const findings = findingsOfRule('schema-api-version');

describe('schema-api-version', () => {
  it('flags a Deployment under extensions/v1beta1 and fixes it to apps/v1', () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n';
    const [finding, ...rest] = findings(text);
    assert.equal(rest.length, 0);
    assert.deepEqual([finding?.start.line, finding?.start.character], [0, 12]);
    assert.equal(
      finding?.message,
      'Deployment is served as apiVersion "apps/v1", not "extensions/v1beta1" (extensions/v1beta1 was removed in Kubernetes 1.16); kubectl apply fails with "no matches for kind".',
    );
    assert.equal(applyFix(text, finding?.fix).split('\n')[0], 'apiVersion: apps/v1');
  });

  it('flags a Pod under apps/v1', () => {
    const [finding] = findings('apiVersion: apps/v1\nkind: Pod\n');
    assert.equal(
      finding?.message,
      'Pod is served as apiVersion "v1", not "apps/v1"; kubectl apply fails with "no matches for kind".',
    );
  });

  it('is silent for served versions and for custom resource groups', () => {
    const text =
      'apiVersion: batch/v1\nkind: CronJob\n---\napiVersion: v1\nkind: Service\n---\napiVersion: apps.openshift.io/v1\nkind: Deployment\n';
    assert.deepEqual(findings(text), []);
  });
});
