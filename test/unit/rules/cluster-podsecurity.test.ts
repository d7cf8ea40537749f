import assert from 'node:assert/strict';
import type { ClusterSnapshot } from '../../../src/core/cluster-lint/snapshot';
import { clusterFindings, lineAndMessage, shopCluster } from '../cluster-lint/fixtures';
import { applyFix, readManifest } from '../helpers';

const ID = 'cluster-podsecurity';
const pod = readManifest('cluster/web-pod.yaml');
const daemonSet = readManifest('cluster/node-agent-daemonset.yaml');

/** The example cluster plus namespace "payments" with these labels. */
const payments = (labels: Record<string, string>): ClusterSnapshot => {
  const base = shopCluster();
  return {
    ...base,
    namespaces: { ...base.namespaces, payments: { namespace: { state: 'ok', exists: true, labels } } },
  };
};
const ENFORCE = 'pod-security.kubernetes.io/enforce';

describe(ID, () => {
  it("reports each restricted check a plain pod fails, in the admission plugin's order and words", () => {
    const findings = clusterFindings(ID, pod, payments({ [ENFORCE]: 'restricted' }));
    const tail = 'Namespace "payments" enforces this level: the API server rejects the pod.';
    assert.deepEqual(findings.map(lineAndMessage), [
      `8: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false). ${tail}`,
      `8: violates PodSecurity "restricted:latest": unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"]). ${tail}`,
      `8: violates PodSecurity "restricted:latest": runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true). ${tail}`,
      `8: violates PodSecurity "restricted:latest": seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"). ${tail}`,
    ]);
    assert.ok(findings.every((f) => f.severity === 'error'));
  });

  it('offers the restricted fixes, and a pod with all four applied passes', () => {
    let text = pod;
    for (let round = 0; round < 4; round++) {
      const [first] = clusterFindings(ID, text, payments({ [ENFORCE]: 'restricted' }));
      text = applyFix(text, first?.fix);
    }
    assert.deepEqual(clusterFindings(ID, text, payments({ [ENFORCE]: 'restricted' })), []);
    assert.equal(
      text,
      pod.replace(
        '        - containerPort: 8080\n',
        [
          '        - containerPort: 8080',
          '      securityContext:',
          '        allowPrivilegeEscalation: false',
          '        capabilities:',
          '          drop:',
          '            - ALL',
          '        runAsNonRoot: true',
          '        seccompProfile:',
          '          type: RuntimeDefault',
          '',
        ].join('\n'),
      ),
    );
  });

  it("points at the field baseline forbids, and says that a DaemonSet's pods are rejected", () => {
    const findings = clusterFindings(ID, daemonSet, payments({ [ENFORCE]: 'baseline' }));
    const tail =
      'Namespace "payments" enforces this level: the DaemonSet is admitted with a warning, but every pod it creates is rejected (FailedCreate).';
    assert.deepEqual(
      findings.map(lineAndMessage),
      [
        `15: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true, hostPID=true). ${tail}`,
        `23: violates PodSecurity "baseline:latest": non-default capabilities (container "agent" must not include "NET_ADMIN", "SYS_ADMIN" in securityContext.capabilities.add). ${tail}`,
        `26: violates PodSecurity "baseline:latest": hostPort (container "agent" uses hostPort 9100). ${tail}`,
        `21: violates PodSecurity "baseline:latest": privileged (container "agent" must not set securityContext.privileged=true). ${tail}`,
        `33: violates PodSecurity "baseline:latest": hostPath volumes (volume "proc"). ${tail}`,
      ].sort((a, b) => parseInt(a) - parseInt(b)),
    );
  });

  it('warns for what only the warn level forbids, without repeating the enforce findings', () => {
    const labels = { [ENFORCE]: 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' };
    const findings = clusterFindings(ID, daemonSet, payments(labels));
    assert.deepEqual(
      findings
        .filter((f) => f.severity === 'warning')
        .map((f) => f.message.split(' (')[0])
        .sort(),
      [
        'would violate PodSecurity "restricted:latest": restricted volume types',
        'would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false',
        'would violate PodSecurity "restricted:latest": unrestricted capabilities',
        'would violate PodSecurity "restricted:latest": runAsNonRoot != true',
        'would violate PodSecurity "restricted:latest": seccompProfile',
      ].sort(),
    );
    assert.equal(findings.filter((f) => f.severity === 'error').length, 5);
    assert.match(
      findings.find((f) => f.severity === 'warning')?.message ?? '',
      /Namespace "payments" warns at this level: kubectl prints the warning and the pod is admitted\.$/,
    );
  });

  it('honours the version label: restricted:v1.21 has no drop-ALL or runAsUser check, but keeps baseline capabilities', () => {
    const root = pod.replace(
      '      ports:',
      '      securityContext:\n        runAsUser: 0\n        allowPrivilegeEscalation: false\n        capabilities:\n          add: ["NET_ADMIN"]\n      ports:',
    );
    const pinned = clusterFindings(
      ID,
      root,
      payments({ [ENFORCE]: 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.21' }),
    );
    assert.deepEqual(
      pinned.map((f) => f.message.split(' (')[0]),
      [
        // Findings come in text order: the capability sits below the container's name.
        'violates PodSecurity "restricted:v1.21": runAsNonRoot != true',
        'violates PodSecurity "restricted:v1.21": seccompProfile',
        'violates PodSecurity "restricted:v1.21": non-default capabilities',
      ],
    );
    const latest = clusterFindings(ID, root, payments({ [ENFORCE]: 'restricted' }));
    assert.deepEqual(
      latest.map((f) => f.message.split(' (')[0]),
      [
        'violates PodSecurity "restricted:latest": runAsNonRoot != true',
        'violates PodSecurity "restricted:latest": seccompProfile',
        'violates PodSecurity "restricted:latest": runAsUser=0',
        'violates PodSecurity "restricted:latest": unrestricted capabilities',
      ],
    );
    assert.match(
      latest[3]?.message ?? '',
      /must set securityContext\.capabilities\.drop=\["ALL"\]; container "web" must not include "NET_ADMIN" in securityContext\.capabilities\.add\)/,
    );
  });

  it('evaluates an invalid enforce level as restricted, and ignores an invalid warn level', () => {
    assert.equal(clusterFindings(ID, pod, payments({ [ENFORCE]: 'restrict' })).length, 4);
    assert.deepEqual(clusterFindings(ID, pod, payments({ 'pod-security.kubernetes.io/warn': 'strict' })), []);
  });

  it('exempts Windows pods from the seccomp, capabilities and privilege-escalation checks', () => {
    const windows = pod.replace('spec:\n', 'spec:\n  os:\n    name: windows\n');
    assert.deepEqual(
      clusterFindings(ID, windows, payments({ [ENFORCE]: 'restricted' })).map(
        (f) => f.message.split(' (')[0],
      ),
      ['violates PodSecurity "restricted:latest": runAsNonRoot != true'],
    );
  });

  it('uses the labels of a Namespace in the same files, and is quiet in a privileged namespace', () => {
    const namespace = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n  labels:\n    ${ENFORCE}: restricted\n`;
    assert.equal(clusterFindings(ID, `${namespace}---\n${pod}`, payments({})).length, 4);
    assert.deepEqual(clusterFindings(ID, pod, payments({})), []);
    assert.deepEqual(clusterFindings(ID, daemonSet, payments({ [ENFORCE]: 'privileged' })), []);
  });
});
