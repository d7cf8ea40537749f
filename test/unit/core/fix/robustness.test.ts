import assert from 'node:assert/strict';
import { planFix } from '../../../../src/core/fix';
import { parseManifests } from '../../../../src/core/manifest/parse';
import { applyFix, readManifest } from '../../helpers';

/**
 * Apply fix on broken and odd text never throws, and never offers an edit that leaves the document
 * unparseable: every manifest cut short, and given hostile values, at many points.
 */

const FIXES = [
  { specPath: 'spec.containers[checkout].resources.limits.memory', value: '1408Mi' },
  { specPath: 'spec.containers[checkout].startupProbe', value: '{"httpGet":{"path":"/","port":8080}}' },
  { specPath: 'spec.nodeSelector', value: 'kubernetes.io/arch: amd64' },
  { specPath: 'spec.imagePullSecrets', value: '- name: regcred' },
  { specPath: 'spec.containers[checkout].image', value: 'a: b # c\n- d' },
  { specPath: 'spec.containers[checkout].resources', value: '[' },
  { specPath: 'spec.containers[].x', value: '"' },
  { specPath: '', value: '' },
];

function check(text: string): number {
  const file = parseManifests(text);
  let offered = 0;
  for (const document of file.documents) {
    for (const fix of FIXES) {
      const plan = planFix(file, document, fix);
      if (!plan.ok) {
        assert.match(plan.reason, /^[A-Z`{].*[.]$/, plan.reason);
        continue;
      }
      offered++;
      const after = parseManifests(applyFix(text, plan)).documents.find((d) => d.index === document.index);
      assert.equal(after?.syntaxError, undefined, `${fix.specPath} on:\n${text}`);
    }
  }
  return offered;
}

describe('apply fix: robustness', () => {
  it('survives every prefix of a real manifest, and scalars where mappings belong', () => {
    const text = readManifest('realistic/checkout.deployment.yaml');
    let offered = 0;
    for (let end = 0; end <= text.length; end += 11) offered += check(text.slice(0, end));
    const odd = text.replace(/^( +)resources:\n(?:\1 .*\n)+/m, '$1resources: none\n');
    assert.notEqual(odd, text);
    offered += check(odd);
    offered += check(
      text.replace(/\n/g, '\r\n').replace(/^( *)- name: checkout/m, '$1- name: checkout # the app'),
    );
    assert.ok(offered > 100, `only ${offered} plans offered`);
  });
});
