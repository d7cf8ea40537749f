import assert from 'node:assert/strict';
import type { JsonObject } from '../../src/core/manifest/types';
import { containerResources, qosClass } from '../../src/core/qos';

const container = (name: string, resources?: JsonObject): JsonObject => ({
  name,
  image: 'nginx:1.27',
  ...(resources ? { resources } : {}),
});
const exact = { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } };

describe('qosClass', () => {
  it('is BestEffort when no container sets requests or limits', () => {
    assert.equal(qosClass({ containers: [container('web'), container('sidecar')] }), 'BestEffort');
  });

  it('is Guaranteed when every container has equal cpu and memory requests and limits', () => {
    assert.equal(qosClass({ containers: [container('web', exact), container('log', exact)] }), 'Guaranteed');
  });

  it('is Guaranteed with limits only: requests default to limits', () => {
    assert.equal(
      qosClass({ containers: [container('web', { limits: { cpu: '1', memory: '1Gi' } })] }),
      'Guaranteed',
    );
  });

  it('compares values, not spellings (0.5 CPU = 500m, 1Gi = 1024Mi)', () => {
    const spec = {
      containers: [
        container('web', {
          requests: { cpu: '0.5', memory: '1024Mi' },
          limits: { cpu: '500m', memory: '1Gi' },
        }),
      ],
    };
    assert.equal(qosClass(spec), 'Guaranteed');
  });

  it('is Burstable when a request is below its limit', () => {
    const spec = {
      containers: [
        container('web', {
          requests: { cpu: '250m', memory: '256Mi' },
          limits: { cpu: '500m', memory: '256Mi' },
        }),
      ],
    };
    assert.equal(qosClass(spec), 'Burstable');
  });

  it('is Burstable when one container of several has no limits', () => {
    assert.equal(qosClass({ containers: [container('web', exact), container('debug')] }), 'Burstable');
  });

  it('is Burstable when only memory is limited', () => {
    assert.equal(qosClass({ containers: [container('web', { limits: { memory: '1Gi' } })] }), 'Burstable');
  });

  it('counts init containers: an unlimited init container makes the pod Burstable', () => {
    const spec = {
      initContainers: [container('migrate', { requests: { cpu: '100m' } })],
      containers: [container('web', exact)],
    };
    assert.equal(qosClass(spec), 'Burstable');
  });

  it('ignores ephemeral containers', () => {
    const spec = { containers: [container('web', exact)], ephemeralContainers: [container('debugger')] };
    assert.equal(qosClass(spec), 'Guaranteed');
  });

  it('uses pod-level resources alone when they set cpu or memory', () => {
    const podLimits = { resources: { limits: { cpu: '2', memory: '4Gi' } } };
    assert.equal(qosClass({ ...podLimits, containers: [container('web'), container('log')] }), 'Guaranteed');
    const podRequests = { resources: { requests: { cpu: '1', memory: '2Gi' } } };
    assert.equal(qosClass({ ...podRequests, containers: [container('web', exact)] }), 'Burstable');
  });

  it('ignores extended resources and zero requests', () => {
    assert.equal(
      qosClass({ containers: [container('gpu', { limits: { 'nvidia.com/gpu': 1 } })] }),
      'BestEffort',
    );
    assert.equal(
      qosClass({ containers: [container('web', { requests: { cpu: '0', memory: 0 } })] }),
      'BestEffort',
    );
  });
});

describe('containerResources', () => {
  it('fills a missing request from its limit and keeps explicit requests', () => {
    const resources = containerResources(
      container('web', { requests: { cpu: '250m' }, limits: { cpu: '1', memory: '512Mi' } }),
    );
    assert.equal(resources.requests['cpu']?.text, '250m');
    assert.equal(resources.requests['memory']?.text, '512Mi');
    assert.equal(resources.limits['memory']?.nanos, 512n * 2n ** 20n * 10n ** 9n);
  });

  it('leaves out values that are not quantities', () => {
    const resources = containerResources(container('web', { limits: { memory: '1GB', cpu: 2 } }));
    assert.deepEqual(Object.keys(resources.limits), ['cpu']);
    assert.deepEqual(Object.keys(resources.requests), ['cpu']);
  });

  it('is empty for a container without resources', () => {
    assert.deepEqual(containerResources(container('web')), { requests: {}, limits: {} });
  });
});
