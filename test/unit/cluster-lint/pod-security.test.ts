import assert from 'node:assert/strict';
import {
  evaluatePodSecurity,
  forbiddenDetail,
  namespacePolicy,
  policyName,
  type LevelVersion,
} from '../../../src/core/cluster-lint/pod-security';
import type { JsonObject } from '../../../src/core/manifest/types';
import { podTemplates } from '../../../src/core/manifest/workloads';

/** The plugin's aggregate detail for a Pod with `spec` (and pod annotations) at `policy`. */
function detail(spec: JsonObject, policy: LevelVersion, annotations: JsonObject = {}): string {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations }, spec };
  const [template] = podTemplates(pod);
  assert.ok(template);
  return forbiddenDetail(evaluatePodSecurity(pod, template, policy));
}
const baseline: LevelVersion = { level: 'baseline', version: 'latest' };
const restricted: LevelVersion = { level: 'restricted', version: 'latest' };
const container = (name: string, securityContext: JsonObject = {}, extra: JsonObject = {}) => ({
  name,
  image: 'app:1',
  securityContext,
  ...extra,
});
const compliant = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

describe('Pod Security Standards checks', () => {
  it("gives the admission plugin's aggregate for a plain pod at restricted", () => {
    assert.equal(
      detail({ containers: [container('app')] }, restricted),
      'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    assert.equal(detail({ containers: [container('app', compliant)] }, restricted), '');
  });

  it('visits init, regular and ephemeral containers and pluralizes like the plugin', () => {
    const spec = {
      initContainers: [container('init', { ...compliant, allowPrivilegeEscalation: true })],
      containers: [container('app', { ...compliant, allowPrivilegeEscalation: undefined })],
    };
    assert.equal(
      detail(spec, restricted),
      'allowPrivilegeEscalation != false (containers "init", "app" must set securityContext.allowPrivilegeEscalation=false)',
    );
  });

  it('words the baseline checks as the plugin does', () => {
    const spec = {
      hostIPC: true,
      securityContext: {
        sysctls: [
          { name: 'net.ipv4.tcp_rmem', value: '4096' },
          { name: 'kernel.msgmax', value: '1' },
        ],
        seLinuxOptions: { type: 'spc_t', user: 'root' },
        seccompProfile: { type: 'Unconfined' },
        appArmorProfile: { type: 'Unconfined' },
      },
      containers: [
        container(
          'app',
          {
            procMount: 'Unmasked',
            windowsOptions: { hostProcess: true },
          },
          { livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } },
        ),
      ],
    };
    assert.equal(
      detail(spec, baseline),
      [
        'forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")',
        'host namespaces (hostIPC=true)',
        'probe or lifecycle host (container "app" uses probe or lifecycle host "10.0.0.1")',
        'procMount (container "app" must not set securityContext.procMount to "Unmasked")',
        'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set)',
        'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
        'forbidden sysctls (kernel.msgmax)',
        'hostProcess (container "app" must not set securityContext.windowsOptions.hostProcess=true)',
      ].join(', '),
    );
  });

  it('gates checks by version: sysctls allowed from 1.32, probe hosts from 1.34, seccomp fields from 1.19', () => {
    const sysctl = {
      securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem' }] },
      containers: [container('a')],
    };
    assert.equal(detail(sysctl, { level: 'baseline', version: 31 }), 'forbidden sysctls (net.ipv4.tcp_rmem)');
    assert.equal(detail(sysctl, { level: 'baseline', version: 32 }), '');
    const probe = {
      containers: [container('a', {}, { readinessProbe: { tcpSocket: { host: 'db', port: 5432 } } })],
    };
    assert.equal(detail(probe, { level: 'baseline', version: 33 }), '');
    assert.match(detail(probe, baseline), /^probe or lifecycle host/);
    const annotated = { containers: [container('a')] };
    assert.equal(
      detail(
        annotated,
        { level: 'baseline', version: 18 },
        { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' },
      ),
      'seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")',
    );
    assert.equal(
      detail(annotated, baseline, { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }),
      '',
    );
  });

  it('lets restricted override baseline checks: volumes and capabilities are judged once', () => {
    const spec = {
      volumes: [
        { name: 'host', hostPath: { path: '/var/run' } },
        { name: 'nfs', nfs: { server: 'x', path: '/' } },
      ],
      containers: [container('app', { ...compliant, capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } })],
    };
    assert.equal(
      detail(spec, restricted),
      'unrestricted capabilities (container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add), restricted volume types (volumes "host", "nfs" use restricted volume types "hostPath", "nfs")',
    );
    assert.equal(
      detail(spec, baseline),
      'non-default capabilities (container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add), hostPath volumes (volume "host")',
    );
  });

  it('reads namespace labels like the plugin: defaults, invalid values and version pins', () => {
    const policy = namespacePolicy({
      'pod-security.kubernetes.io/enforce': 'bogus',
      'pod-security.kubernetes.io/enforce-version': 'v1.25',
      'pod-security.kubernetes.io/warn': 'bogus',
      'pod-security.kubernetes.io/audit': 'baseline',
      'pod-security.kubernetes.io/audit-version': '1.25',
    });
    assert.deepEqual(
      [policyName(policy.enforce), policyName(policy.warn), policyName(policy.audit)],
      ['restricted:v1.25', 'privileged:latest', 'baseline:latest'],
    );
  });
});
