/**
 * The Pod Security Standards as the PodSecurity admission plugin evaluates them
 * (k8s.io/pod-security-admission, policy/check_*.go): the same checks, version gates, overrides,
 * order and message wording, over the pod template as plain JSON.
 */
import type { JsonObject, Path } from '../manifest/types';
import { getPath, isObject, type ContainerRef, type PodTemplate } from '../manifest/workloads';

type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';
/** `latest`, or the minor version of 1.x a namespace pins (`v1.28` → 28). */
type PodSecurityVersion = 'latest' | number;

export interface LevelVersion {
  readonly level: PodSecurityLevel;
  readonly version: PodSecurityVersion;
}

/** One failed check: the admission's reason and detail, and the fields it objects to (first is the most telling). */
export interface PodSecurityViolation {
  readonly check: string;
  readonly reason: string;
  readonly detail: string;
  readonly paths: readonly Path[];
}

type CheckFn = (pod: PodView) => Omit<PodSecurityViolation, 'check'> | undefined;

interface VersionedCheck {
  readonly minor: number;
  readonly run: CheckFn;
  readonly overrides?: readonly string[];
}

interface Check {
  readonly id: string;
  readonly level: 'baseline' | 'restricted';
  readonly versions: readonly VersionedCheck[];
}

/** The pod as the checks see it: its spec, annotations and containers in the plugin's visiting order. */
interface PodView {
  readonly spec: JsonObject;
  readonly specPath: Path;
  readonly annotations: Readonly<Record<string, unknown>>;
  readonly annotationsPath: Path;
  /** Init containers, then containers, then ephemeral containers. */
  readonly containers: readonly ContainerRef[];
}

const obj = (value: unknown): JsonObject | undefined => (isObject(value) ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const joinQuote = (items: readonly string[]): string => (items.length === 0 ? '' : `"${items.join('", "')}"`);
const pluralize = (singular: string, plural: string, count: number): string =>
  count === 1 ? singular : plural;
/** Go's sets.List(): unique and sorted by byte order. */
const sortedSet = (items: Iterable<string>): string[] =>
  [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const containers = (names: readonly string[]): string =>
  `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;

const securityContext = (ref: ContainerRef): JsonObject | undefined => obj(ref.container['securityContext']);
const podSecurityContext = (pod: PodView): JsonObject | undefined => obj(pod.spec['securityContext']);
const containerPath = (ref: ContainerRef, ...fields: (string | number)[]): Path => [
  ...ref.path,
  'securityContext',
  ...fields,
];
const podPath = (pod: PodView, ...fields: (string | number)[]): Path => [
  ...pod.specPath,
  'securityContext',
  ...fields,
];
const isWindows = (pod: PodView): boolean => text(obj(pod.spec['os'])?.['name']) === 'windows';

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const SYSCTLS_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_1_29 = [
  ...SYSCTLS_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SYSCTLS_1_32 = [...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);

const RESTRICTED_VOLUME_TYPES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'portworxVolume',
  'photonPersistentDisk',
  'scaleIO',
  'storageos',
];
const ALLOWED_VOLUME_TYPES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

function appArmorProfile(pod: PodView) {
  const allowedType = (t: string) => t === 'RuntimeDefault' || t === 'Localhost';
  const setters: string[] = [];
  const values = new Set<string>();
  const paths: Path[] = [];
  const podType = obj(podSecurityContext(pod)?.['appArmorProfile']);
  if (podType && !allowedType(text(podType['type']))) {
    setters.push('pod');
    values.add(text(podType['type']));
    paths.push(podPath(pod, 'appArmorProfile', 'type'));
  }
  const bad: string[] = [];
  for (const ref of pod.containers) {
    const profile = obj(securityContext(ref)?.['appArmorProfile']);
    if (profile && !allowedType(text(profile['type']))) {
      bad.push(ref.name);
      values.add(text(profile['type']));
      paths.push(containerPath(ref, 'appArmorProfile', 'type'));
    }
  }
  if (bad.length > 0) setters.push(containers(bad));
  const annotations: string[] = [];
  for (const [key, value] of Object.entries(pod.annotations)) {
    const v = text(value);
    const allowed = v === '' || v === 'runtime/default' || v.startsWith('localhost/');
    if (key.startsWith('container.apparmor.security.beta.kubernetes.io/') && !allowed) {
      annotations.push(`${key}=${JSON.stringify(v)}`);
      paths.push([...pod.annotationsPath, key]);
    }
  }
  const valueList = [...sortedSet(values), ...annotations.sort()];
  if (annotations.length > 0) setters.push(pluralize('annotation', 'annotations', annotations.length));
  if (setters.length === 0) return undefined;
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
    paths,
  };
}

function capabilitiesBaseline(pod: PodView) {
  const bad: string[] = [];
  const caps: string[] = [];
  const paths: Path[] = [];
  for (const ref of pod.containers) {
    const add = list(obj(securityContext(ref)?.['capabilities'])?.['add']);
    const forbidden = add.map(text).filter((c) => !BASELINE_CAPABILITIES.has(c));
    if (forbidden.length === 0) continue;
    bad.push(ref.name);
    caps.push(...forbidden);
    paths.push(containerPath(ref, 'capabilities', 'add', add.map(text).indexOf(forbidden[0] ?? '')));
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containers(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
    paths,
  };
}

function hostNamespaces(pod: PodView) {
  const set = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((field) => pod.spec[field] === true);
  if (set.length === 0) return undefined;
  return {
    reason: 'host namespaces',
    detail: set.map((field) => `${field}=true`).join(', '),
    paths: set.map((field) => [...pod.specPath, field]),
  };
}

function hostPathVolumes(pod: PodView) {
  const names: string[] = [];
  const paths: Path[] = [];
  list(pod.spec['volumes']).forEach((volume, i) => {
    if (isObject(volume) && volume['hostPath'] != null) {
      names.push(text(volume['name']));
      paths.push([...pod.specPath, 'volumes', i, 'hostPath']);
    }
  });
  if (names.length === 0) return undefined;
  return {
    reason: 'hostPath volumes',
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`,
    paths,
  };
}

function hostPorts(pod: PodView) {
  const bad: string[] = [];
  const ports: string[] = [];
  const paths: Path[] = [];
  for (const ref of pod.containers) {
    let found = false;
    list(ref.container['ports']).forEach((port, i) => {
      const hostPort = isObject(port) ? port['hostPort'] : undefined;
      if (typeof hostPort === 'number' && hostPort !== 0) {
        found = true;
        ports.push(String(hostPort));
        paths.push([...ref.path, 'ports', i, 'hostPort']);
      }
    });
    if (found) bad.push(ref.name);
  }
  if (bad.length === 0) return undefined;
  const unique = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containers(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', unique.length)} ${unique.join(', ')}`,
    paths,
  };
}

function hostProbesAndHostLifecycle(pod: PodView) {
  const bad = new Set<string>();
  const hosts: string[] = [];
  const paths: Path[] = [];
  for (const ref of pod.containers) {
    const handlers: Array<[unknown, Path]> = [
      ...['livenessProbe', 'readinessProbe', 'startupProbe'].map((field): [unknown, Path] => [
        ref.container[field],
        [...ref.path, field],
      ]),
      ...['postStart', 'preStop'].map((field): [unknown, Path] => [
        obj(ref.container['lifecycle'])?.[field],
        [...ref.path, 'lifecycle', field],
      ]),
    ];
    for (const [handler, at] of handlers) {
      for (const kind of ['httpGet', 'tcpSocket']) {
        const host = text(obj(obj(handler)?.[kind])?.['host']);
        if (host === '') continue;
        bad.add(ref.name);
        hosts.push(host);
        paths.push([...at, kind, 'host']);
      }
    }
  }
  if (bad.size === 0) return undefined;
  const names = sortedSet(bad);
  const unique = sortedSet(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${containers(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', unique.length)} ${joinQuote(unique)}`,
    paths,
  };
}

function privileged(pod: PodView) {
  const bad = pod.containers.filter((ref) => securityContext(ref)?.['privileged'] === true);
  if (bad.length === 0) return undefined;
  return {
    reason: 'privileged',
    detail: `${containers(bad.map((r) => r.name))} must not set securityContext.privileged=true`,
    paths: bad.map((ref) => containerPath(ref, 'privileged')),
  };
}

function procMount(pod: PodView) {
  const bad: ContainerRef[] = [];
  const types: string[] = [];
  for (const ref of pod.containers) {
    const value = securityContext(ref)?.['procMount'];
    if (value == null || value === 'Default') continue;
    bad.push(ref);
    types.push(text(value));
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'procMount',
    detail: `${containers(bad.map((r) => r.name))} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    paths: bad.map((ref) => containerPath(ref, 'procMount')),
  };
}

/** From 1.35 the baseline procMount check lets user-namespaced pods (`hostUsers: false`) through. */
const procMountBaseline1_35 = (pod: PodView) =>
  pod.spec['hostUsers'] === false ? undefined : procMount(pod);

function seLinuxOptions(pod: PodView) {
  const setters: string[] = [];
  const types = new Set<string>();
  let setUser = false;
  let setRole = false;
  const paths: Path[] = [];
  const valid = (options: JsonObject, at: Path): boolean => {
    let ok = true;
    const type = text(options['type']);
    if (!SELINUX_TYPES.has(type)) {
      ok = false;
      types.add(type);
      paths.push([...at, 'type']);
    }
    if (text(options['user']) !== '') {
      ok = false;
      setUser = true;
      paths.push([...at, 'user']);
    }
    if (text(options['role']) !== '') {
      ok = false;
      setRole = true;
      paths.push([...at, 'role']);
    }
    return ok;
  };
  const podOptions = obj(podSecurityContext(pod)?.['seLinuxOptions']);
  if (podOptions && !valid(podOptions, podPath(pod, 'seLinuxOptions'))) setters.push('pod');
  const bad: string[] = [];
  for (const ref of pod.containers) {
    const options = obj(securityContext(ref)?.['seLinuxOptions']);
    if (options && !valid(options, containerPath(ref, 'seLinuxOptions'))) bad.push(ref.name);
  }
  if (bad.length > 0) setters.push(containers(bad));
  if (setters.length === 0) return undefined;
  // As the plugin does: user and role are named only alongside a forbidden type.
  const data: string[] = [];
  if (types.size > 0) {
    const list = sortedSet(types);
    data.push(`${pluralize('type', 'types', list.length)} ${joinQuote(list)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
  }
  return {
    reason: 'seLinuxOptions',
    detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
    paths,
  };
}

const validSeccomp = (type: string) => type === 'Localhost' || type === 'RuntimeDefault';

function seccompBaselineAnnotations(pod: PodView) {
  const forbidden: string[] = [];
  const paths: Path[] = [];
  const valid = (v: string) =>
    v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
  const check = (key: string) => {
    const value = pod.annotations[key];
    if (typeof value === 'string' && !valid(value)) {
      forbidden.push(`${key}=${JSON.stringify(value)}`);
      paths.push([...pod.annotationsPath, key]);
    }
  };
  check('seccomp.security.alpha.kubernetes.io/pod');
  for (const ref of pod.containers) check(`container.seccomp.security.alpha.kubernetes.io/${ref.name}`);
  if (forbidden.length === 0) return undefined;
  const unique = sortedSet(forbidden);
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', unique.length)} ${unique.join(', ')}`,
    paths,
  };
}

/** The seccomp profile checks of both levels; restricted also requires one to be set. */
function seccompProfile(pod: PodView, required: boolean) {
  const setters: string[] = [];
  const values = new Set<string>();
  const paths: Path[] = [];
  let podSet = false;
  const podProfile = obj(podSecurityContext(pod)?.['seccompProfile']);
  if (podProfile) {
    if (!validSeccomp(text(podProfile['type']))) {
      setters.push('pod');
      values.add(text(podProfile['type']));
      paths.push(podPath(pod, 'seccompProfile', 'type'));
    } else podSet = true;
  }
  const explicit: string[] = [];
  const implicit: ContainerRef[] = [];
  for (const ref of pod.containers) {
    const profile = obj(securityContext(ref)?.['seccompProfile']);
    if (profile) {
      if (!validSeccomp(text(profile['type']))) {
        explicit.push(ref.name);
        values.add(text(profile['type']));
        paths.push(containerPath(ref, 'seccompProfile', 'type'));
      }
    } else if (!podSet) implicit.push(ref);
  }
  if (explicit.length > 0) setters.push(containers(explicit));
  if (setters.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
      paths,
    };
  }
  if (!required || implicit.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containers(implicit.map((r) => r.name))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    paths: implicit.map((ref) => containerPath(ref, 'seccompProfile')),
  };
}

const sysctls =
  (allowed: readonly string[]): CheckFn =>
  (pod) => {
    const forbidden: string[] = [];
    const paths: Path[] = [];
    list(podSecurityContext(pod)?.['sysctls']).forEach((sysctl, i) => {
      const name = isObject(sysctl) ? text(sysctl['name']) : '';
      if (!allowed.includes(name)) {
        forbidden.push(name);
        paths.push(podPath(pod, 'sysctls', i, 'name'));
      }
    });
    if (forbidden.length === 0) return undefined;
    return { reason: 'forbidden sysctls', detail: forbidden.join(', '), paths };
  };

function windowsHostProcess(pod: PodView) {
  const hostProcess = (context: JsonObject | undefined) =>
    obj(context?.['windowsOptions'])?.['hostProcess'] === true;
  const bad = pod.containers.filter((ref) => hostProcess(securityContext(ref)));
  const setters: string[] = [];
  const paths: Path[] = [];
  if (hostProcess(podSecurityContext(pod))) {
    setters.push('pod');
    paths.push(podPath(pod, 'windowsOptions', 'hostProcess'));
  }
  if (bad.length > 0) {
    setters.push(containers(bad.map((r) => r.name)));
    paths.push(...bad.map((ref) => containerPath(ref, 'windowsOptions', 'hostProcess')));
  }
  if (setters.length === 0) return undefined;
  return {
    reason: 'hostProcess',
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    paths,
  };
}

function allowPrivilegeEscalation(pod: PodView) {
  const bad = pod.containers.filter((ref) => securityContext(ref)?.['allowPrivilegeEscalation'] !== false);
  if (bad.length === 0) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containers(bad.map((r) => r.name))} must set securityContext.allowPrivilegeEscalation=false`,
    paths: bad.map((ref) => containerPath(ref, 'allowPrivilegeEscalation')),
  };
}

function capabilitiesRestricted(pod: PodView) {
  const missingDrop: ContainerRef[] = [];
  const adding: string[] = [];
  const caps: string[] = [];
  const paths: Path[] = [];
  for (const ref of pod.containers) {
    const capabilities = obj(securityContext(ref)?.['capabilities']);
    if (!capabilities) {
      missingDrop.push(ref);
      paths.push(containerPath(ref, 'capabilities', 'drop'));
      continue;
    }
    if (!list(capabilities['drop']).includes('ALL')) {
      missingDrop.push(ref);
      paths.push(containerPath(ref, 'capabilities', 'drop'));
    }
    const add = list(capabilities['add']).map(text);
    const forbidden = add.filter((c) => c !== 'NET_BIND_SERVICE');
    if (forbidden.length > 0) {
      adding.push(ref.name);
      caps.push(...forbidden);
      paths.push(containerPath(ref, 'capabilities', 'add', add.indexOf(forbidden[0] ?? '')));
    }
  }
  const details: string[] = [];
  if (missingDrop.length > 0) {
    details.push(
      `${containers(missingDrop.map((r) => r.name))} must set securityContext.capabilities.drop=["ALL"]`,
    );
  }
  if (adding.length > 0) {
    details.push(
      `${containers(adding)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return undefined;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), paths };
}

function restrictedVolumes(pod: PodView) {
  const names: string[] = [];
  const types: string[] = [];
  const paths: Path[] = [];
  list(pod.spec['volumes']).forEach((volume, i) => {
    if (!isObject(volume)) return;
    if (ALLOWED_VOLUME_TYPES.some((t) => volume[t] != null)) return;
    names.push(text(volume['name']));
    const type = RESTRICTED_VOLUME_TYPES.find((t) => volume[t] != null) ?? 'unknown';
    types.push(type);
    paths.push([...pod.specPath, 'volumes', i, type === 'unknown' ? 'name' : type]);
  });
  if (names.length === 0) return undefined;
  const unique = sortedSet(types);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', unique.length)} ${joinQuote(unique)}`,
    paths,
  };
}

function runAsNonRoot(pod: PodView) {
  const setters: string[] = [];
  const paths: Path[] = [];
  let podNonRoot = false;
  const podValue = podSecurityContext(pod)?.['runAsNonRoot'];
  if (typeof podValue === 'boolean') {
    if (!podValue) {
      setters.push('pod');
      paths.push(podPath(pod, 'runAsNonRoot'));
    } else podNonRoot = true;
  }
  const explicit: ContainerRef[] = [];
  const implicit: ContainerRef[] = [];
  for (const ref of pod.containers) {
    const value = securityContext(ref)?.['runAsNonRoot'];
    if (typeof value === 'boolean') {
      if (!value) explicit.push(ref);
    } else if (!podNonRoot) implicit.push(ref);
  }
  if (explicit.length > 0) {
    setters.push(containers(explicit.map((r) => r.name)));
    paths.push(...explicit.map((ref) => containerPath(ref, 'runAsNonRoot')));
  }
  if (setters.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      paths,
    };
  }
  if (implicit.length === 0) return undefined;
  return {
    reason: 'runAsNonRoot != true',
    detail: `pod or ${containers(implicit.map((r) => r.name))} must set securityContext.runAsNonRoot=true`,
    paths: implicit.map((ref) => containerPath(ref, 'runAsNonRoot')),
  };
}

function runAsUser(pod: PodView) {
  const setters: string[] = [];
  const paths: Path[] = [];
  if (podSecurityContext(pod)?.['runAsUser'] === 0) {
    setters.push('pod');
    paths.push(podPath(pod, 'runAsUser'));
  }
  const bad = pod.containers.filter((ref) => securityContext(ref)?.['runAsUser'] === 0);
  if (bad.length > 0) {
    setters.push(containers(bad.map((r) => r.name)));
    paths.push(...bad.map((ref) => containerPath(ref, 'runAsUser')));
  }
  if (setters.length === 0) return undefined;
  return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, paths };
}

/** From 1.25 Windows pods (`spec.os.name: windows`) are exempt: the API refuses these fields on them anyway. */
const exceptWindows =
  (check: CheckFn): CheckFn =>
  (pod) =>
    isWindows(pod) ? undefined : check(pod);

const CHECKS: readonly Check[] = [
  { id: 'appArmorProfile', level: 'baseline', versions: [{ minor: 0, run: appArmorProfile }] },
  { id: 'capabilities_baseline', level: 'baseline', versions: [{ minor: 0, run: capabilitiesBaseline }] },
  { id: 'hostNamespaces', level: 'baseline', versions: [{ minor: 0, run: hostNamespaces }] },
  { id: 'hostPathVolumes', level: 'baseline', versions: [{ minor: 0, run: hostPathVolumes }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ minor: 0, run: hostPorts }] },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    versions: [{ minor: 34, run: hostProbesAndHostLifecycle }],
  },
  { id: 'privileged', level: 'baseline', versions: [{ minor: 0, run: privileged }] },
  {
    id: 'procMount',
    level: 'baseline',
    versions: [
      { minor: 0, run: procMount },
      { minor: 35, run: procMountBaseline1_35 },
    ],
  },
  { id: 'seLinuxOptions', level: 'baseline', versions: [{ minor: 0, run: seLinuxOptions }] },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [
      { minor: 0, run: seccompBaselineAnnotations },
      { minor: 19, run: (pod) => seccompProfile(pod, false) },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { minor: 0, run: sysctls(SYSCTLS_1_0) },
      { minor: 27, run: sysctls(SYSCTLS_1_27) },
      { minor: 29, run: sysctls(SYSCTLS_1_29) },
      { minor: 32, run: sysctls(SYSCTLS_1_32) },
    ],
  },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ minor: 0, run: windowsHostProcess }] },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { minor: 8, run: allowPrivilegeEscalation },
      { minor: 25, run: exceptWindows(allowPrivilegeEscalation) },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { minor: 22, run: capabilitiesRestricted, overrides: ['capabilities_baseline'] },
      { minor: 25, run: exceptWindows(capabilitiesRestricted), overrides: ['capabilities_baseline'] },
    ],
  },
  // In restricted namespaces the unrelaxed procMount check keeps applying to user-namespaced pods.
  {
    id: 'procMount_restricted',
    level: 'restricted',
    versions: [{ minor: 35, run: procMount, overrides: ['procMount'] }],
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    versions: [{ minor: 0, run: restrictedVolumes, overrides: ['hostPathVolumes'] }],
  },
  { id: 'runAsNonRoot', level: 'restricted', versions: [{ minor: 0, run: runAsNonRoot }] },
  { id: 'runAsUser', level: 'restricted', versions: [{ minor: 23, run: runAsUser }] },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { minor: 19, run: (pod) => seccompProfile(pod, true), overrides: ['seccompProfile_baseline'] },
      {
        minor: 25,
        run: exceptWindows((pod) => seccompProfile(pod, true)),
        overrides: ['seccompProfile_baseline'],
      },
    ],
  },
];

/** The newest policy version the checks know: `latest` and newer pins evaluate as this one. */
const LATEST_MINOR = Math.max(...CHECKS.flatMap((c) => c.versions.map((v) => v.minor)));

/** Go's sort of the check ids (byte order): the order the plugin runs them, baseline first. */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ORDERED = [
  ...CHECKS.filter((c) => c.level === 'baseline').sort((a, b) => byteOrder(a.id, b.id)),
  ...CHECKS.filter((c) => c.level === 'restricted').sort((a, b) => byteOrder(a.id, b.id)),
];

function versionedAt(check: Check, minor: number): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const v of check.versions) if (v.minor <= minor) found = v;
  return found;
}

/** Every check of `level` at `version` that the pod template fails, in the plugin's order. */
export function evaluatePodSecurity(
  object: JsonObject,
  template: PodTemplate,
  policy: LevelVersion,
): PodSecurityViolation[] {
  if (policy.level === 'privileged') return [];
  const minor = policy.version === 'latest' ? LATEST_MINOR : Math.min(policy.version, LATEST_MINOR);
  const active = ORDERED.map((check) => ({ check, versioned: versionedAt(check, minor) })).filter(
    (c): c is { check: Check; versioned: VersionedCheck } =>
      c.versioned !== undefined && (policy.level === 'restricted' || c.check.level === 'baseline'),
  );
  const overridden = new Set(
    policy.level === 'restricted' ? active.flatMap((c) => c.versioned.overrides ?? []) : [],
  );
  const annotationsPath: Path = [...template.path, 'metadata', 'annotations'];
  const view: PodView = {
    spec: template.spec,
    specPath: template.specPath,
    annotations: obj(getPath(object, annotationsPath)) ?? {},
    annotationsPath,
    containers: template.containers,
  };
  const violations: PodSecurityViolation[] = [];
  for (const { check, versioned } of active) {
    if (overridden.has(check.id)) continue;
    const result = versioned.run(view);
    if (result) violations.push({ check: check.id, ...result });
  }
  return violations;
}

/** `restricted:latest`, `baseline:v1.28`: how the plugin names a policy. */
export function policyName(policy: LevelVersion): string {
  return `${policy.level}:${policy.version === 'latest' ? 'latest' : `v1.${policy.version}`}`;
}

/** The plugin's aggregate: `reason (detail), reason (detail)`. */
export function forbiddenDetail(violations: readonly PodSecurityViolation[]): string {
  return violations.map((v) => (v.detail === '' ? v.reason : `${v.reason} (${v.detail})`)).join(', ');
}

export interface NamespacePolicy {
  readonly enforce: LevelVersion;
  readonly warn: LevelVersion;
  readonly audit: LevelVersion;
}

const LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];
const PREFIX = 'pod-security.kubernetes.io/';

/**
 * The namespace's policy from its labels, as the plugin parses them: an unset level is privileged
 * (the default configuration), an invalid enforce level is restricted while invalid warn and audit
 * levels fail open, and an invalid version is latest.
 */
export function namespacePolicy(labels: Readonly<Record<string, string>>): NamespacePolicy {
  const mode = (name: 'enforce' | 'warn' | 'audit'): LevelVersion => {
    const rawLevel = labels[`${PREFIX}${name}`];
    const level: PodSecurityLevel =
      rawLevel === undefined
        ? 'privileged'
        : (LEVELS as readonly string[]).includes(rawLevel)
          ? (rawLevel as PodSecurityLevel)
          : name === 'enforce'
            ? 'restricted'
            : 'privileged';
    const rawVersion = labels[`${PREFIX}${name}-version`];
    const match = rawVersion === undefined ? null : /^v1\.([0-9]|[1-9][0-9]*)$/.exec(rawVersion);
    const version: PodSecurityVersion = match?.[1] === undefined ? 'latest' : Number(match[1]);
    return { level, version };
  };
  return { enforce: mode('enforce'), warn: mode('warn'), audit: mode('audit') };
}
