import assert from 'node:assert/strict';
import { containerLabel } from '../../src/core/text/container-label';
import { agree, plural } from '../../src/core/text/plural';

describe('text (core/text)', () => {
  it('counts nouns and agrees verbs, unknown counts plural', () => {
    assert.equal(plural(1, 'file'), '1 file');
    assert.equal(plural(0, 'problem'), '0 problems');
    assert.equal(plural(3, 'live pod'), '3 live pods');
    assert.equal(agree(1, 'has', 'have'), 'has');
    assert.equal(agree(undefined, 'is', 'are'), 'are');
  });

  it('labels containers by role, unnamed ones by position', () => {
    assert.equal(containerLabel({ role: 'main', name: 'web' }), 'container "web"');
    assert.equal(containerLabel({ role: 'init', name: 'migrate' }), 'init container "migrate"');
    assert.equal(containerLabel({ role: 'sidecar', name: 'proxy' }), 'sidecar "proxy"');
    assert.equal(containerLabel({ role: 'ephemeral', name: 'debugger' }), 'ephemeral container "debugger"');
    assert.equal(containerLabel({ role: 'main', name: '#2' }), 'container #2');
  });
});
