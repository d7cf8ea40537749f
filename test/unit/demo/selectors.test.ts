import assert from 'node:assert/strict';
import { fieldMatcher, labelMatcher, SelectorError } from '../../../src/demo/selectors';

const pod = (labels: Record<string, string>, phase = 'Running') => ({
  metadata: { name: 'checkout-7d9f8b6c5d-x2k4q', namespace: 'shop', labels },
  spec: { nodeName: 'pd-worker-a' },
  status: { phase },
});

describe('demo label selectors', () => {
  const labels = { app: 'checkout', tier: 'backend', canary: 'true' };
  const cases: Array<[string, boolean]> = [
    ['app=checkout', true],
    ['app==checkout', true],
    ['app!=checkout', false],
    ['app!=cart', true],
    ['release!=stable', true],
    ['tier in (backend, db)', true],
    ['tier notin (backend)', false],
    ['zone notin (a,b)', true],
    ['canary', true],
    ['!canary', false],
    ['!zone', true],
    ['app=checkout,tier in (frontend)', false],
  ];
  for (const [selector, expected] of cases) {
    it(`${selector} ${expected ? 'matches' : 'does not match'} the checkout pod`, () => {
      assert.equal(labelMatcher(selector)(pod(labels)), expected);
    });
  }

  it('rejects a malformed requirement with the API server’s message', () => {
    assert.throws(
      () => labelMatcher('app=checkout,tier in'),
      (e: Error) => {
        assert.ok(e instanceof SelectorError);
        assert.equal(
          e.message,
          "unable to parse requirement: found 'tier in', expected: in, notin, =, ==, !=, gt, lt",
        );
        return true;
      },
    );
  });
});

describe('demo field selectors', () => {
  it('matches pod fields the API server supports', () => {
    assert.equal(fieldMatcher('pods', 'spec.nodeName=pd-worker-a,status.phase!=Succeeded')(pod({})), true);
    assert.equal(fieldMatcher('pods', 'status.phase=Pending')(pod({})), false);
  });

  it('matches events.k8s.io events by regarding.*', () => {
    const event = {
      metadata: { name: 'x.1', namespace: 'shop' },
      regarding: { kind: 'Pod', uid: 'u-1' },
      reason: 'BackOff',
    };
    assert.equal(fieldMatcher('events.k8s.io/events', 'regarding.uid=u-1,reason=BackOff')(event), true);
  });

  it('rejects a field the resource does not index', () => {
    assert.throws(
      () => fieldMatcher('events', 'regarding.uid=u-1'),
      /^SelectorError: field label not supported: regarding\.uid$|field label not supported: regarding\.uid/,
    );
  });
});
