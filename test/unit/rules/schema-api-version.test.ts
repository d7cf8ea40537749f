import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/engine';
import { applyFix, findingsOfRule } from '../helpers';

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

  it('flags removed versions of kinds outside the schema catalog, such as a policy/v1beta1 PodDisruptionBudget', () => {
    const text =
      'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: db\nspec:\n  minAvailable: 67%\n';
    const [finding, ...rest] = findings(text);
    assert.equal(rest.length, 0);
    assert.deepEqual([finding?.start.line, finding?.start.character], [0, 12]);
    assert.equal(
      finding?.message,
      'PodDisruptionBudget is served as apiVersion "policy/v1", not "policy/v1beta1" (policy/v1beta1 was removed for PodDisruptionBudget in Kubernetes 1.25); kubectl apply fails with "no matches for kind".',
    );
    assert.equal(applyFix(text, finding?.fix).split('\n')[0], 'apiVersion: policy/v1');
    const ingress = findings('apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\n');
    assert.deepEqual(ingress[0]?.suggestions, ['networking.k8s.io/v1']);
    assert.match(ingress[0]?.message ?? '', /removed for Ingress in Kubernetes 1\.22/);
    const served =
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n---\napiVersion: policy/v1beta1\nkind: PodSecurityPolicy\n';
    assert.deepEqual(findings(served), []);
  });

  it('is silent for served versions and for custom resource groups', () => {
    const text =
      'apiVersion: batch/v1\nkind: CronJob\n---\napiVersion: v1\nkind: Service\n---\napiVersion: apps.openshift.io/v1\nkind: Deployment\n';
    assert.deepEqual(findings(text), []);
  });

  it('with a configured kubernetesVersion that still serves the old version, warns before the upgrade instead', () => {
    const text = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: db\n';
    const at = (kubernetesVersion: string) =>
      lintText(text, { kubernetesVersion, throwOnRuleError: true }).findings.filter(
        (f) => f.ruleId === 'schema-api-version',
      );
    const [old] = at('1.24');
    assert.equal(old?.severity, 'warning');
    assert.equal(
      old?.message,
      'PodDisruptionBudget under "policy/v1beta1" is still served by Kubernetes 1.24 (the configured kubernetesVersion) but removed in 1.25; move to "policy/v1" before upgrading.',
    );
    assert.equal(applyFix(text, old?.fix).split('\n')[0], 'apiVersion: policy/v1');
    assert.equal(at('1.25')[0]?.severity, 'error');
    assert.equal(at('1.30')[0]?.severity, 'error');
    // A kind under another group was never served, whatever the version.
    const pod = lintText('apiVersion: apps/v1\nkind: Pod\n', { kubernetesVersion: '1.10' }).findings;
    assert.equal(pod.find((f) => f.ruleId === 'schema-api-version')?.severity, 'error');
  });
});
