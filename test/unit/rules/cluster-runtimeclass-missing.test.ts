import assert from 'node:assert/strict';
import { clusterFindings, lineAndMessage } from '../cluster-lint/fixtures';

const ID = 'cluster-runtimeclass-missing';
const pod = (runtimeClass: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: sandbox\nspec:\n  runtimeClassName: ${runtimeClass}\n  containers:\n    - name: sandbox\n      image: ghcr.io/shop/untrusted:2.0.1\n`;

describe(ID, () => {
  it("reports a runtimeClassName the cluster lacks, with the RuntimeClass plugin's words and a near name", () => {
    const findings = clusterFindings(ID, pod('gviser'));
    assert.deepEqual(findings.map(lineAndMessage), [
      '6: RuntimeClass "gviser" does not exist in the cluster: the API server rejects the pod (pod rejected: RuntimeClass "gviser" not found). Did you mean "gvisor"?',
    ]);
    assert.equal(findings[0]?.start.character, 20);
  });

  it('is quiet when it exists', () => {
    assert.deepEqual(clusterFindings(ID, pod('gvisor')), []);
  });
});
