import assert from 'node:assert/strict';
import { parseQuotaMessage, parseSchedulingMessage } from '../../../src/core/diagnose';

const summary = (msg: string) =>
  parseSchedulingMessage(msg).reasons.map((r) => [r.count, r.kind, r.resource ?? r.taint ?? null]);

describe('parseSchedulingMessage', () => {
  it('parses the current wording with the preemption tail', () => {
    const parsed = parseSchedulingMessage(
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    assert.equal(parsed.available, 0);
    assert.equal(parsed.total, 3);
    assert.deepEqual(
      parsed.reasons.map((r) => [r.count, r.kind, r.resource ?? r.taint]),
      [
        [1, 'insufficient-resource', 'cpu'],
        [2, 'untolerated-taint', 'node-role.kubernetes.io/control-plane'],
      ],
    );
    assert.deepEqual(parsed.preemption, {
      available: 0,
      total: 3,
      reasons: [
        { count: 3, text: 'Preemption is not helpful for scheduling', kind: 'preemption-not-helpful' },
      ],
    });
  });

  it('parses the pre-1.26 taint wording whose reason contains a comma', () => {
    assert.deepEqual(
      summary(
        "0/4 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 3 Insufficient memory.",
      ),
      [
        [1, 'untolerated-taint', 'node-role.kubernetes.io/master'],
        [3, 'insufficient-resource', 'memory'],
      ],
    );
  });

  it('keeps taint values and effects inside braces', () => {
    const [reason] = parseSchedulingMessage(
      '0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu, 2 slots}.',
    ).reasons;
    assert.equal(reason?.count, 2);
    assert.equal(reason?.taint, 'dedicated: gpu, 2 slots');
  });

  it('recognises node affinity/selector wordings of every generation', () => {
    assert.deepEqual(
      summary("0/5 nodes are available: 5 node(s) didn't match Pod's node affinity/selector."),
      [[5, 'node-affinity', null]],
    );
    assert.deepEqual(summary("0/5 nodes are available: 5 node(s) didn't match node selector."), [
      [5, 'node-affinity', null],
    ]);
    assert.deepEqual(summary("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity."), [
      [3, 'node-affinity', null],
    ]);
  });

  it('recognises volume reasons, with and without a count', () => {
    assert.deepEqual(
      summary(
        '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      ),
      [[undefined, 'unbound-pvc', null]],
    );
    assert.deepEqual(summary('pod has unbound immediate PersistentVolumeClaims (repeated 2 times)'), [
      [undefined, 'unbound-pvc', null],
    ]);
    assert.deepEqual(summary('0/3 nodes are available: 3 node(s) had volume node affinity conflict.'), [
      [3, 'volume-node-affinity', null],
    ]);
  });

  it('tells not-ready and cordoned nodes from user taints', () => {
    assert.deepEqual(
      summary(
        '0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) had untolerated taint {node.kubernetes.io/unschedulable: }, 1 node(s) were unschedulable.',
      ),
      [
        [1, 'node-not-ready', 'node.kubernetes.io/not-ready'],
        [1, 'node-unschedulable', 'node.kubernetes.io/unschedulable'],
        [1, 'node-unschedulable', null],
      ],
    );
  });

  it('recognises affinity, ports, topology spread, too many pods and extended resources', () => {
    assert.deepEqual(
      summary(
        "0/6 nodes are available: 1 node(s) didn't match pod anti-affinity rules, 1 node(s) didn't match pod affinity rules, 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) didn't match pod topology spread constraints, 1 Too many pods, 1 Insufficient nvidia.com/gpu.",
      ),
      [
        [1, 'pod-anti-affinity', null],
        [1, 'pod-affinity', null],
        [1, 'host-ports', null],
        [1, 'topology-spread', null],
        [1, 'insufficient-resource', 'pods'],
        [1, 'insufficient-resource', 'nvidia.com/gpu'],
      ],
    );
  });

  it('parses the no-victims preemption tail', () => {
    const parsed = parseSchedulingMessage(
      '0/2 nodes are available: 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
    assert.deepEqual(
      parsed.preemption?.reasons.map((r) => [r.count, r.kind]),
      [[2, 'no-preemption-victims']],
    );
  });

  it('understands an empty cluster', () => {
    assert.deepEqual(parseSchedulingMessage('no nodes available to schedule pods'), {
      available: 0,
      total: 0,
      reasons: [{ count: undefined, text: 'no nodes available to schedule pods', kind: 'no-nodes' }],
    });
  });

  it('keeps unknown wording as `other` instead of failing', () => {
    assert.deepEqual(summary('0/1 nodes are available: 1 node(s) had a disk that smells funny.'), [
      [1, 'other', null],
    ]);
  });
});

describe('parseQuotaMessage', () => {
  it('reads the quota name and every resource of a FailedCreate message', () => {
    assert.deepEqual(
      parseQuotaMessage(
        'Error creating: pods "web-7d4b9c-abcde" is forbidden: exceeded quota: compute-resources, requested: limits.memory=1Gi,requests.memory=512Mi, used: limits.memory=3584Mi,requests.memory=1792Mi, limited: limits.memory=4Gi,requests.memory=2Gi',
      ),
      {
        quota: 'compute-resources',
        resources: [
          { resource: 'limits.memory', requested: '1Gi', used: '3584Mi', limited: '4Gi' },
          { resource: 'requests.memory', requested: '512Mi', used: '1792Mi', limited: '2Gi' },
        ],
      },
    );
  });

  it('returns undefined for other admission errors', () => {
    assert.equal(
      parseQuotaMessage('Error creating: pods "x" is forbidden: violates PodSecurity "restricted:latest"'),
      undefined,
    );
  });
});
