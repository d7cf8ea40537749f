import assert from 'node:assert/strict';
import { applyFix, findingsOfRule, manifestsIn, nginxPod } from '../helpers';

const RULE = 'resources-cpu-unit';
const fixture = manifestsIn('resources');
const findings = findingsOfRule(RULE);
const pod = (cpu: string) => nginxPod('resources:', '  requests:', `    cpu: ${cpu}`);

describe(RULE, () => {
  const text = fixture('cpu-bare-cores.deployment.yaml');
  const found = findings(text);

  it('reports hundreds of bare cores and a binary unit, at the value', () => {
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, text.slice(f.range.start, f.range.end), f.severity]),
      [
        [18, 19, '500', 'warning'],
        [21, 19, '1Ki', 'warning'],
      ],
    );
    assert.equal(
      found[0]?.message,
      'The CPU request of container "api" is 500, which means 500 whole cores: no node has that many, so the pod stays Pending. Did you mean 500m (0.5 CPU)?',
    );
    assert.equal(
      found[1]?.message,
      'The CPU limit of container "api" is 1Ki, a binary unit meant for bytes: it means 1024 CPU (1024000m). Write CPU in cores (0.5, 2) or millicores (500m).',
    );
  });

  it('quick fix turns 500 into 500m', () => {
    assert.equal(found[0]?.fix?.title, 'Change to 500m');
    const fixed = applyFix(text, found[0]?.fix);
    assert.match(fixed, /requests:\n {14}cpu: 500m\n/);
    assert.equal(findings(fixed).length, 1);
    assert.equal(found[1]?.fix, undefined);
  });

  it('fires from 100 cores up, quoted or not', () => {
    assert.equal(findings(pod('100')).length, 1);
    assert.equal(findings(pod('"250"')).length, 1);
    assert.equal(findings(pod('250.0')).length, 1);
    assert.match(applyFix(pod('"250"'), findings(pod('"250"'))[0]?.fix), /cpu: "250m"\n/);
    for (const ok of ['99', '64', '0.5', '500m', '"2"', '1000m', '100k'])
      assert.deepEqual(findings(pod(ok)), [], ok);
  });

  it('is silent on well-written CPU values', () => {
    assert.deepEqual(findings(fixture('well-sized.deployment.yaml')), []);
  });
});
