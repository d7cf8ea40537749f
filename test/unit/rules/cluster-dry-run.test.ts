import assert from 'node:assert/strict';
import { dryRunErrorMessage, dryRunWarningMessage } from '../../../src/core/lint/rules/cluster-dry-run';
import { clusterFindings, lineAndMessage } from '../cluster-lint/fixtures';
import { readManifest } from '../helpers';

const ID = 'cluster-dry-run';
const deployment = readManifest('cluster/shop-api-deployment.yaml');
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  A: "1"\n';

describe(ID, () => {
  it("reports the API server's refusal and warnings on the object's name, by document", () => {
    const text = `${configMap}---\n${deployment}`;
    const dryRun = new Map([
      [
        1,
        {
          error:
            'admission webhook "require-team-label.policy.example.com" denied the request: every object needs a "team" label',
          warnings: [
            'Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "api" must set securityContext.allowPrivilegeEscalation=false)',
          ],
        },
      ],
    ]);
    const findings = clusterFindings(ID, text, undefined, { dryRun });
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${lineAndMessage(f)}`),
      [
        'error 11: The API server refuses the object (server-side dry run): admission webhook "require-team-label.policy.example.com" denied the request: every object needs a "team" label.',
        'warning 11: The API server warns (server-side dry run): would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "api" must set securityContext.allowPrivilegeEscalation=false)',
      ],
    );
  });

  it('formats the Status message and Warning headers verbatim, and is quiet without a dry run', () => {
    assert.equal(
      dryRunErrorMessage('namespaces "shop-staging" not found'),
      'The API server refuses the object (server-side dry run): namespaces "shop-staging" not found.',
    );
    assert.equal(
      dryRunWarningMessage('Warning: spec.template: deprecated'),
      'The API server warns (server-side dry run): spec.template: deprecated',
    );
    assert.deepEqual(clusterFindings(ID, deployment), []);
  });
});
