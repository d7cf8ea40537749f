import assert from 'node:assert/strict';
import { applyFix, findingsOfRule, manifestsIn, nginxPod } from '../helpers';

const RULE = 'resources-memory-unit';
const fixture = manifestsIn('resources');
const findings = findingsOfRule(RULE);
const pod = (memory: string) => nginxPod('resources:', '  limits:', `    memory: ${memory}`);

describe(RULE, () => {
  it('reads an exponent below 1 Mi as bytes and asks for a unit, and accepts large exponents', () => {
    const [f, ...rest] = findings(pod("'1e3'"));
    assert.equal(rest.length, 0);
    assert.equal(
      f?.message,
      'The memory limit of container "web" is 1e3, which Kubernetes reads as 1,000 bytes (a number with an exponent is a plain number of bytes). A limit this small kills the container as it starts; write the amount with a unit, such as 512Mi.',
    );
    assert.equal(f?.fix, undefined);
    for (const ok of ['1e9', '129e6', '1.5e8', '128974848']) assert.deepEqual(findings(pod(ok)), [], ok);
  });

  const text = fixture('memory-milli-units.statefulset.yaml');
  const found = findings(text);

  it('reports a milli suffix and a bare byte count on memory, at the value', () => {
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, text.slice(f.range.start, f.range.end), f.severity]),
      [
        [19, 22, '512m', 'warning'],
        [21, 22, "'512'", 'warning'],
      ],
    );
  });

  it('says how Kubernetes reads the value and what was probably meant', () => {
    assert.equal(
      found[0]?.message,
      'The memory request of container "redis" is 512m, which Kubernetes reads as 0.512 bytes ("m" means milli, a thousandth, not mega). A request this small reserves no memory for it on the node; did you mean 512Mi (536,870,912 bytes)?',
    );
    assert.equal(
      found[1]?.message,
      'The memory limit of container "redis" is 512, which Kubernetes reads as 512 bytes (a plain number means bytes). A limit this small kills the container as it starts; did you mean 512Mi (536,870,912 bytes)?',
    );
  });

  it('quick fix writes 512Mi and keeps the quoting', () => {
    const fixed = applyFix(applyFix(text, found[1]?.fix), found[0]?.fix);
    assert.match(fixed, /requests:\n {14}memory: 512Mi\n {12}limits:\n {14}memory: '512Mi'\n/);
    assert.deepEqual(findings(fixed), []);
  });

  it('fires for an unquoted number below 1 MiB, not for real sizes', () => {
    assert.equal(findings(pod('512')).length, 1);
    assert.equal(findings(pod('0.5')).length, 1);
    assert.equal(findings(pod('100m')).length, 1);
    for (const ok of ['128M', '128Mi', '1048576', '1e9', '1Gi', '0'])
      assert.deepEqual(findings(pod(ok)), [], ok);
  });

  it('leaves CPU millicores alone', () => {
    assert.deepEqual(findings(fixture('well-sized.deployment.yaml')), []);
    assert.deepEqual(findings(fixture('cpu-bare-cores.deployment.yaml')), []);
  });
});
