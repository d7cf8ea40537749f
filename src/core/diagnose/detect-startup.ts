import { imageRegistry } from '../image';
import type { ContainerInfo, DiagnoseContext } from './context';
import { containerEvents, logsOf } from './context';
import type { PodEvent } from './events';
import {
  cause,
  eventEvidence,
  explainingLogLine,
  sentence,
  logTail,
  newest,
  quote,
  rankCauses,
  specEvidence,
  statusEvidence,
} from './evidence';
import { shortDuration } from '../text/duration';
import { exitCodeMeaning, restartBackoffSeconds } from './exit-codes';
import type { Cause, Diagnosis, Evidence, Fix } from './types';

/** Containers that claim a failure so later detectors (crash-loop) do not report it twice. */
export type Claimed = Set<string>;

const IMAGE_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'ImageInspectError',
  'RegistryUnavailable',
]);

export type ImagePullClass =
  | 'not-found'
  | 'unauthorized'
  | 'unreachable'
  | 'tls'
  | 'rate-limited'
  | 'platform'
  | 'invalid'
  | 'never-pull'
  | 'inspect'
  | 'unknown';

/** What kind of pull failure a kubelet/runtime message describes. */
export function classifyImagePull(message: string, reason = ''): ImagePullClass {
  if (
    reason === 'InvalidImageName' ||
    /invalid reference format|couldn't parse image (reference|name)/i.test(message)
  )
    return 'invalid';
  if (reason === 'ErrImageNeverPull' || /with pull policy of Never/i.test(message)) return 'never-pull';
  if (reason === 'ImageInspectError') return 'inspect';
  if (/toomanyrequests|429 Too Many Requests|rate limit/i.test(message)) return 'rate-limited';
  if (
    /401 Unauthorized|403 Forbidden|unauthorized|no basic auth credentials|authorization failed|failed to authorize|denied: |access denied|insufficient_scope|may require authorization/i.test(
      message,
    )
  ) {
    return 'unauthorized';
  }
  if (/x509|certificate signed by unknown authority|tls: failed to verify/i.test(message)) return 'tls';
  if (
    /no such host|i\/o timeout|connection refused|network is unreachable|TLS handshake timeout|no route to host|dial tcp|context deadline exceeded|connection reset/i.test(
      message,
    )
  ) {
    return 'unreachable';
  }
  if (/no match for platform in manifest/i.test(message)) return 'platform';
  if (/not found|manifest unknown|NotFound|does not exist|name unknown/i.test(message)) return 'not-found';
  return 'unknown';
}

function imageOf(c: ContainerInfo): string {
  return (typeof c.spec?.image === 'string' ? c.spec.image : undefined) ?? c.status?.image ?? '';
}

function pullFailureEvent(ctx: DiagnoseContext, c: ContainerInfo): PodEvent | undefined {
  const events = containerEvents(ctx, c, ['Failed']);
  return newest(events, (e) =>
    /^Failed to pull image|^Failed to apply default image tag|^Failed to inspect image|is not present with pull policy/i.test(
      e.message,
    ),
  );
}

function imagePull(ctx: DiagnoseContext, c: ContainerInfo, claimed: Claimed): Diagnosis | undefined {
  const waiting = c.status?.state?.waiting;
  if (!waiting?.reason || !IMAGE_REASONS.has(waiting.reason)) return undefined;
  claimed.add(c.name);
  const image = imageOf(c);
  const failure = pullFailureEvent(ctx, c);
  const detail = failure?.message ?? waiting.message ?? '';
  const kind = classifyImagePull(detail, waiting.reason);
  const registry = imageRegistry(image);
  const evidence: Evidence[] = [
    statusEvidence(
      `${c.statusPath}.state.waiting`,
      `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`,
    ),
  ];
  if (failure) evidence.push(eventEvidence(failure));
  const backoff = newest(containerEvents(ctx, c, ['BackOff']), (e) =>
    /Back-off pulling image/i.test(e.message),
  );
  if (backoff) evidence.push(eventEvidence(backoff));
  evidence.push(specEvidence(`${c.specPath}.image`, `image: ${image}`));
  const pullSecrets = (ctx.pod.spec?.['imagePullSecrets'] as Array<{ name?: string }> | undefined) ?? [];
  const secretWarning = newest(
    ctx.events,
    (e) =>
      e.reason === 'FailedToRetrieveImagePullSecret' ||
      /Unable to retrieve some image pull secrets/.test(e.message),
  );
  const causes: Cause[] = [];
  const fixes: Fix[] = [];
  let what: string;
  switch (kind) {
    case 'not-found':
      what = `the image ${image} does not exist in ${registry}`;
      causes.push(
        cause(`The tag or repository name is wrong (a typo, or a tag that was never pushed).`, 'likely'),
      );
      causes.push(
        cause(
          'The image exists but in a private repository that hides itself from unauthenticated pulls.',
          'possible',
        ),
      );
      fixes.push({
        text: `Push the image or correct the reference; check the tags that exist in ${registry}.`,
        specPath: `${c.specPath}.image`,
      });
      break;
    case 'unauthorized':
      what = `${registry} refused to serve ${image} without valid credentials`;
      if (pullSecrets.length === 0) {
        causes.push(
          cause(
            'The registry is private and the pod has no imagePullSecrets (nor its service account).',
            'likely',
          ),
        );
      } else {
        evidence.push(
          specEvidence(
            'spec.imagePullSecrets',
            `imagePullSecrets: ${pullSecrets.map((s) => s.name ?? '').join(', ')}`,
          ),
        );
        causes.push(
          cause(
            `The pull secret ${pullSecrets.map((s) => s.name ?? '').join(', ')} is missing in namespace ${ctx.namespace}, for another registry, or holds expired credentials.`,
            'likely',
          ),
        );
      }
      if (secretWarning) {
        evidence.push(eventEvidence(secretWarning));
        causes.unshift(cause('The pull secret the pod names does not exist in its namespace.', 'likely'));
      }
      causes.push(
        cause(
          'The repository name is wrong: many registries answer "unauthorized" for repositories that do not exist.',
          'possible',
        ),
      );
      fixes.push({
        text: `Create a pull secret (kubectl create secret docker-registry regcred --docker-server=${registry} --docker-username=… --docker-password=… -n ${ctx.namespace}) and reference it.`,
        specPath: 'spec.imagePullSecrets',
        value: '- name: regcred',
      });
      break;
    case 'unreachable':
    case 'tls':
      what =
        kind === 'tls'
          ? `the node does not trust the TLS certificate of ${registry}`
          : `the node cannot reach ${registry}`;
      if (/no such host/.test(detail))
        causes.push(
          cause(
            `DNS on the node cannot resolve ${registry} (a typo in the registry host, or a private DNS zone the node does not use).`,
            'likely',
          ),
        );
      if (/i\/o timeout|deadline exceeded|TLS handshake timeout/.test(detail))
        causes.push(
          cause(
            `Traffic from the node to ${registry} is blocked or too slow (firewall, egress policy, proxy, air-gapped cluster).`,
            'likely',
          ),
        );
      if (/connection refused/.test(detail))
        causes.push(cause(`Nothing listens at ${registry} (wrong port, registry down).`, 'likely'));
      if (kind === 'tls')
        causes.push(
          cause(
            `The registry uses a certificate from a private CA that the container runtime does not trust.`,
            'likely',
          ),
        );
      causes.push(
        cause('The nodes have no route to the internet and no registry mirror is configured.', 'possible'),
      );
      fixes.push({
        text: `From a node, test \`crictl pull ${image}\`; fix DNS/firewall/proxy for ${registry}, or mirror the image into a registry the nodes can reach.`,
        specPath: `${c.specPath}.image`,
      });
      break;
    case 'rate-limited':
      what = `${registry} is rate-limiting pulls from this node`;
      causes.push(
        cause(
          'Anonymous pulls from Docker Hub are limited per IP; many nodes share one NAT address.',
          'likely',
        ),
      );
      fixes.push({
        text: 'Authenticate pulls with imagePullSecrets or use a pull-through cache / mirror.',
        specPath: 'spec.imagePullSecrets',
      });
      break;
    case 'platform':
      what = `${image} has no variant for the node's CPU architecture`;
      causes.push(
        cause(
          'The image was built for one architecture (e.g. amd64) and the node is another (e.g. arm64).',
          'likely',
        ),
      );
      fixes.push({
        text: 'Build a multi-arch image (docker buildx --platform linux/amd64,linux/arm64) or pin the pod to matching nodes with nodeSelector kubernetes.io/arch.',
        specPath: 'spec.nodeSelector',
      });
      break;
    case 'invalid':
      what = `"${image}" is not a valid image reference`;
      causes.push(
        cause(
          'Image references must be lower case, without spaces, with at most one tag and a valid digest.',
          'likely',
        ),
      );
      fixes.push({
        text: 'Correct the image reference (e.g. repository names in lower case).',
        specPath: `${c.specPath}.image`,
        value: image.toLowerCase().replace(/\s+/g, ''),
      });
      break;
    case 'never-pull':
      what = `${image} is not on the node and imagePullPolicy is Never`;
      evidence.push(specEvidence(`${c.specPath}.imagePullPolicy`, 'imagePullPolicy: Never'));
      causes.push(
        cause(
          'The image was built or loaded on another node (or on your machine) but not on the node the pod landed on.',
          'likely',
        ),
      );
      fixes.push({
        text: 'Load the image on every node (kind load docker-image / minikube image load), or let the kubelet pull it.',
        specPath: `${c.specPath}.imagePullPolicy`,
        value: 'IfNotPresent',
      });
      break;
    default:
      what = `pulling ${image} fails`;
      causes.push(cause(`The runtime reports: ${quote(detail || waiting.reason)}.`, 'likely'));
      fixes.push({
        text: 'Check the image reference and the registry from a node (crictl pull).',
        specPath: `${c.specPath}.image`,
      });
  }
  const retry =
    waiting.reason === 'ImagePullBackOff'
      ? ` The kubelet retries with back-off (10 s doubling up to 5 min; now about ${shortDuration(restartBackoffSeconds((backoff?.count ?? 1) + 1))}).`
      : '';
  return {
    id: 'image-pull',
    severity: 'critical',
    title: `Cannot pull the image of ${c.label}`,
    summary: `${c.label[0]!.toUpperCase()}${c.label.slice(1)} never starts: ${what} (${waiting.reason}).${retry}`,
    container: c.name,
    evidence,
    causes: rankCauses(causes),
    fixes,
  };
}

interface EnvRef {
  path: string;
  kind: 'ConfigMap' | 'Secret';
  name: string;
  key?: string;
  optional: boolean;
}

/** References from env and envFrom to ConfigMaps and Secrets, with their spec paths. */
function configRefs(c: ContainerInfo): EnvRef[] {
  const out: EnvRef[] = [];
  const env =
    (c.spec?.['env'] as
      | Array<{
          name?: string;
          valueFrom?: Record<string, { name?: string; key?: string; optional?: boolean }>;
        }>
      | undefined) ?? [];
  for (const e of env) {
    for (const [field, kind] of [
      ['configMapKeyRef', 'ConfigMap'],
      ['secretKeyRef', 'Secret'],
    ] as const) {
      const ref = e.valueFrom?.[field];
      if (ref?.name)
        out.push({
          path: `${c.specPath}.env[${e.name ?? ''}].valueFrom.${field}`,
          kind,
          name: ref.name,
          ...(ref.key ? { key: ref.key } : {}),
          optional: ref.optional === true,
        });
    }
  }
  const envFrom =
    (c.spec?.['envFrom'] as Array<Record<string, { name?: string; optional?: boolean }>> | undefined) ?? [];
  envFrom.forEach((e, i) => {
    for (const [field, kind] of [
      ['configMapRef', 'ConfigMap'],
      ['secretRef', 'Secret'],
    ] as const) {
      const ref = e[field];
      if (ref?.name)
        out.push({
          path: `${c.specPath}.envFrom[${i}].${field}`,
          kind,
          name: ref.name,
          optional: ref.optional === true,
        });
    }
  });
  return out;
}

export interface MissingConfig {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  key?: string;
}

/** `configmap "x" not found`, `secret "x" not found`, `couldn't find key K in ConfigMap ns/name`. */
export function parseMissingConfig(message: string): MissingConfig | undefined {
  const key = /couldn't find key (\S+) in (ConfigMap|Secret) (?:[^/\s]+\/)?(\S+?)\.?$/im.exec(message);
  if (key) return { kind: key[2] as 'ConfigMap' | 'Secret', name: key[3]!, key: key[1]! };
  const object = /(configmap|secret)s? "([^"]+)" not found/i.exec(message);
  if (object)
    return { kind: object[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap', name: object[2]! };
  return undefined;
}

function configMissing(ctx: DiagnoseContext, c: ContainerInfo, claimed: Claimed): Diagnosis | undefined {
  const waiting = c.status?.state?.waiting;
  if (waiting?.reason !== 'CreateContainerConfigError') return undefined;
  const event = newest(containerEvents(ctx, c, ['Failed']), (e) => /^Error: /.test(e.message));
  const message = waiting.message ?? event?.message.replace(/^Error: /, '') ?? '';
  const missing = parseMissingConfig(message);
  if (!missing) return undefined;
  claimed.add(c.name);
  const evidence: Evidence[] = [
    statusEvidence(`${c.statusPath}.state.waiting`, `CreateContainerConfigError: ${message}`),
  ];
  if (event) evidence.push(eventEvidence(event));
  const refs = configRefs(c).filter(
    (r) =>
      r.kind === missing.kind &&
      r.name === missing.name &&
      (missing.key === undefined || r.key === undefined || r.key === missing.key),
  );
  for (const r of refs)
    evidence.push(specEvidence(r.path, `${r.kind} ${r.name}${r.key ? `, key ${r.key}` : ''}`));
  const lower = missing.kind.toLowerCase();
  const what = missing.key
    ? `key ${missing.key} is missing from ${missing.kind} ${missing.name}`
    : `${missing.kind} ${missing.name} does not exist in namespace ${ctx.namespace}`;
  const causes = missing.key
    ? [
        cause(
          `The ${missing.kind} exists but has no key "${missing.key}" (a typo in the key, or an older version of the ${missing.kind}).`,
          'likely',
        ),
      ]
    : [
        cause(
          `The ${missing.kind} was never created in namespace ${ctx.namespace} (it lives in another namespace, or the step that creates it did not run yet).`,
          'likely',
        ),
        cause(`The name is misspelled in the pod spec.`, 'possible'),
      ];
  const fixes: Fix[] = missing.key
    ? [
        {
          text: `Add the key: kubectl edit ${lower} ${missing.name} -n ${ctx.namespace}, or correct the key name.`,
          ...(refs[0] ? { specPath: `${refs[0].path}.key` } : {}),
        },
      ]
    : [
        {
          text: `Create it: kubectl create ${lower}${missing.kind === 'Secret' ? ' generic' : ''} ${missing.name} -n ${ctx.namespace} --from-literal=KEY=VALUE (or apply the manifest that defines it), or correct the name.`,
          ...(refs[0] ? { specPath: `${refs[0].path}.name` } : {}),
        },
      ];
  if (refs[0])
    fixes.push({
      text: 'If the container can start without it, mark the reference optional.',
      specPath: `${refs[0].path}.optional`,
      value: 'true',
    });
  return {
    id: 'config-missing',
    severity: 'critical',
    title: `${missing.kind} ${missing.name}${missing.key ? ` has no key ${missing.key}` : ' is missing'}`,
    summary: `The kubelet cannot build the environment of ${c.label}: ${what}. The container is not created until it is fixed (CreateContainerConfigError).`,
    container: c.name,
    evidence,
    causes,
    fixes,
  };
}

type CreateClass =
  | 'exec-not-found'
  | 'no-such-file'
  | 'permission-denied'
  | 'exec-format'
  | 'run-as-root'
  | 'non-numeric-user'
  | 'read-only-fs'
  | 'other';

export function classifyCreateError(message: string): CreateClass {
  if (/executable file not found|exec: "[^"]*": not found/.test(message)) return 'exec-not-found';
  if (/exec format error/.test(message)) return 'exec-format';
  if (/runAsNonRoot and image will run as root/.test(message)) return 'run-as-root';
  if (/runAsNonRoot and image has non-numeric user/.test(message)) return 'non-numeric-user';
  if (/permission denied/.test(message)) return 'permission-denied';
  if (/no such file or directory/.test(message)) return 'no-such-file';
  if (/read-only file system/.test(message)) return 'read-only-fs';
  return 'other';
}

function commandOf(c: ContainerInfo): string | undefined {
  const command = c.spec?.['command'];
  const args = c.spec?.['args'];
  const parts = [...(Array.isArray(command) ? command : []), ...(Array.isArray(args) ? args : [])].map(
    String,
  );
  return parts.length > 0 ? JSON.stringify(parts) : undefined;
}

/** The CreateContainerError/RunContainerError/StartError message of a container, if it has one. */
function createFailure(
  c: ContainerInfo,
): { path: string; reason: string; message: string; exitCode?: number } | undefined {
  const waiting = c.status?.state?.waiting;
  if (
    waiting?.reason &&
    /^(CreateContainerError|RunContainerError|CreateContainerConfigError|PreStartHookError)$/.test(
      waiting.reason,
    )
  ) {
    return { path: `${c.statusPath}.state.waiting`, reason: waiting.reason, message: waiting.message ?? '' };
  }
  for (const [field, state] of [
    ['state', c.status?.state],
    ['lastState', c.status?.lastState],
  ] as const) {
    const t = state?.terminated;
    if (t && (t.reason === 'StartError' || t.reason === 'ContainerCannotRun')) {
      return {
        path: `${c.statusPath}.${field}.terminated`,
        reason: t.reason,
        message: t.message ?? '',
        ...(t.exitCode !== undefined ? { exitCode: t.exitCode } : {}),
      };
    }
  }
  return undefined;
}

function containerCreate(ctx: DiagnoseContext, c: ContainerInfo, claimed: Claimed): Diagnosis | undefined {
  if (claimed.has(c.name)) return undefined;
  const failure = createFailure(c);
  if (!failure) return undefined;
  claimed.add(c.name);
  const kind = classifyCreateError(failure.message);
  const evidence: Evidence[] = [
    statusEvidence(
      failure.path,
      `${failure.reason}${failure.exitCode !== undefined ? ` (exit ${failure.exitCode})` : ''}: ${quote(failure.message, 500)}`,
    ),
  ];
  const event = newest(containerEvents(ctx, c, ['Failed']), () => true);
  if (event) evidence.push(eventEvidence(event));
  const command = commandOf(c);
  if (command) evidence.push(specEvidence(`${c.specPath}.command`, `command/args: ${command}`));
  const exe = /exec: "([^"]+)"/.exec(failure.message)?.[1] ?? /exec (\S+): /.exec(failure.message)?.[1];
  const causes: Cause[] = [];
  const fixes: Fix[] = [];
  let what: string;
  switch (kind) {
    case 'exec-not-found':
      what = `the command ${exe ? `"${exe}" ` : ''}does not exist in the image`;
      causes.push(
        cause(
          `The command is misspelled, or the image does not ship it (a slim/distroless image without a shell or that tool).`,
          'likely',
        ),
      );
      causes.push(
        cause(
          'A whole command line was written as one array item (["python app.py"]), so the runtime looks for a file with spaces in its name.',
          command?.includes(' ') ? 'likely' : 'possible',
        ),
      );
      fixes.push({
        text: 'Use a command that exists in the image (check with `docker run --entrypoint sh IMAGE -c "which CMD"`), one argument per array item.',
        specPath: `${c.specPath}.command`,
      });
      break;
    case 'no-such-file':
      what = `the file ${exe ? `"${exe}" ` : ''}to run does not exist in the image`;
      causes.push(
        cause('The path is wrong, or a volume mounted over that directory hides the file.', 'likely'),
      );
      causes.push(
        cause(
          'A script starts with a #! interpreter the image lacks (e.g. #!/bin/bash in alpine), or has Windows line endings.',
          'possible',
        ),
      );
      fixes.push({
        text: 'Fix the path in command, or the mountPath that shadows it.',
        specPath: `${c.specPath}.command`,
      });
      break;
    case 'permission-denied':
      what = `${exe ? `"${exe}"` : 'the command'} is not executable`;
      causes.push(
        cause(
          'The file lacks the execute bit (chmod +x missing in the Dockerfile, or it comes from a ConfigMap mounted without defaultMode 0755).',
          'likely',
        ),
      );
      causes.push(cause('The container runs as a user that may not execute or read it.', 'possible'));
      fixes.push({
        text: 'Make it executable in the image (RUN chmod +x), or mount it with defaultMode: 0755, or run it through its interpreter (["sh", "/path/script.sh"]).',
        specPath: `${c.specPath}.command`,
      });
      break;
    case 'exec-format':
      what = 'the binary is built for another CPU architecture';
      causes.push(cause('The image is amd64-only and the node is arm64 (or the reverse).', 'likely'));
      causes.push(cause('A script lacks its #! line.', 'possible'));
      fixes.push({
        text: 'Build a multi-arch image, or pin the pod to matching nodes.',
        specPath: 'spec.nodeSelector',
        value: 'kubernetes.io/arch: amd64',
      });
      break;
    case 'run-as-root':
      what = 'runAsNonRoot is set but the image runs as root';
      causes.push(
        cause('The image has no USER (or USER 0), and the pod requires a non-root user.', 'likely'),
      );
      fixes.push({
        text: 'Set a non-root user id, or add USER 10001 to the Dockerfile.',
        specPath: `${c.specPath}.securityContext.runAsUser`,
        value: '10001',
      });
      break;
    case 'non-numeric-user':
      what = 'runAsNonRoot is set and the image names its user by name, which the kubelet cannot verify';
      causes.push(cause('The image says USER appuser instead of a numeric id.', 'likely'));
      fixes.push({
        text: 'Set a numeric runAsUser, or USER 10001 in the Dockerfile.',
        specPath: `${c.specPath}.securityContext.runAsUser`,
        value: '10001',
      });
      break;
    case 'read-only-fs':
      what = 'the runtime cannot write where it must (read-only file system)';
      causes.push(
        cause(
          'readOnlyRootFilesystem is true and a mount point or working directory must be created.',
          'likely',
        ),
      );
      fixes.push({
        text: 'Mount an emptyDir at the directory that must be writable.',
        specPath: `${c.specPath}.volumeMounts`,
      });
      break;
    default:
      what = 'the container runtime refused to start it';
      causes.push(cause(`The runtime reports: ${quote(failure.message)}.`, 'likely'));
      fixes.push({
        text: "Read the runtime message above; `kubectl describe pod` and the node's containerd logs have the details.",
      });
  }
  return {
    id: 'container-create',
    severity: 'critical',
    title: `${c.label[0]!.toUpperCase()}${c.label.slice(1)} cannot be started: ${what}`,
    summary: `The container runtime fails to start ${c.label} (${failure.reason}): ${what}.`,
    container: c.name,
    evidence,
    causes: rankCauses(causes),
    fixes,
  };
}

function notRunningYet(ctx: DiagnoseContext): boolean {
  if (ctx.phase !== 'Pending' && ctx.phase !== 'Unknown') {
    return ctx.containers.some(
      (c) =>
        c.status?.state?.waiting?.reason === 'ContainerCreating' ||
        c.status?.state?.waiting?.reason === 'PodInitializing',
    );
  }
  return true;
}

function volumeMount(ctx: DiagnoseContext): Diagnosis[] {
  if (!notRunningYet(ctx) || !ctx.pod.spec?.nodeName) return [];
  const event = newest(
    ctx.events,
    (e) => e.reason === 'FailedMount' || e.reason === 'FailedAttachVolume' || e.reason === 'FailedMapVolume',
  );
  if (!event) return [];
  const volume =
    /for volume "([^"]+)"/.exec(event.message)?.[1] ??
    /unmounted volumes=\[([^\]]+)\]/.exec(event.message)?.[1]?.split(' ')[0];
  const evidence: Evidence[] = [eventEvidence(event)];
  const other = newest(
    ctx.events,
    (e) =>
      (e.reason === 'FailedMount' || e.reason === 'FailedAttachVolume') &&
      e !== event &&
      e.message !== event.message,
  );
  if (other) evidence.push(eventEvidence(other));
  // A Multi-Attach error is the root cause even when later "timed out" mount events bury it.
  const multiAttach = newest(ctx.events, (e) => /Multi-Attach error/.test(e.message));
  if (multiAttach && multiAttach !== event && multiAttach !== other)
    evidence.push(eventEvidence(multiAttach));
  const volumes =
    (ctx.pod.spec?.['volumes'] as Array<Record<string, unknown> & { name?: string }> | undefined) ?? [];
  const volumeSpec = volumes.find((v) => v.name === volume);
  if (volumeSpec)
    evidence.push(
      specEvidence(`spec.volumes[${volume}]`, `volume ${volume}: ${quote(JSON.stringify(volumeSpec), 200)}`),
    );
  const missing =
    parseMissingConfig(event.message) ?? (other ? parseMissingConfig(other.message) : undefined);
  const causes: Cause[] = [];
  const fixes: Fix[] = [];
  let what: string;
  if (missing) {
    what = `the ${missing.kind} ${missing.name} it mounts does not exist`;
    causes.push(
      cause(
        `${missing.kind} ${missing.name} is not in namespace ${ctx.namespace} (not created yet, misspelled, or in another namespace).`,
        'likely',
      ),
    );
    const field = missing.kind === 'Secret' ? 'secret' : 'configMap';
    fixes.push({
      text: `Create the ${missing.kind} (kubectl create ${missing.kind.toLowerCase()}${missing.kind === 'Secret' ? ' generic' : ''} ${missing.name} -n ${ctx.namespace} …) or fix the name.`,
      ...(volume ? { specPath: `spec.volumes[${volume}].${field}` } : {}),
    });
    if (volume)
      fixes.push({
        text: 'If the container can run without it, make the volume optional.',
        specPath: `spec.volumes[${volume}].${field}.optional`,
        value: 'true',
      });
  } else if (multiAttach) {
    what = `its ReadWriteOnce volume${volume ? ` "${volume}"` : ''} is still attached to another node`;
    causes.push(
      cause(
        'An old pod (often of a previous ReplicaSet during a rolling update, or on a dead node) still holds the ReadWriteOnce volume.',
        'likely',
      ),
    );
    fixes.push({
      text: 'Use strategy Recreate for single-replica Deployments with RWO volumes, or a StatefulSet; delete the old pod or wait for the attach-detach controller (6 min for a lost node).',
    });
  } else if (/timed out waiting for the condition|Unable to attach or mount volumes/.test(event.message)) {
    what = `volume${volume ? ` "${volume}"` : ''} could not be attached or mounted in time`;
    causes.push(
      cause(
        'The PersistentVolume is still being provisioned or attached (cloud disk attach limits, a slow CSI driver).',
        'likely',
      ),
    );
    causes.push(
      cause('The CSI driver or the storage backend (NFS server) is not reachable from the node.', 'possible'),
    );
    fixes.push({
      text: `Check \`kubectl describe pvc\` and the CSI driver pods; the earlier FailedMount/FailedAttachVolume events name the underlying error.`,
    });
  } else {
    what = `volume${volume ? ` "${volume}"` : ''} cannot be mounted`;
    if (/mount\.nfs|nfs/i.test(event.message))
      causes.push(
        cause('The NFS server is unreachable from the node, or the export does not allow it.', 'likely'),
      );
    causes.push(cause(`The node reports: ${quote(event.message)}.`, 'likely'));
    fixes.push({
      text: 'Fix the storage the message names (server address, export, credentials, CSI driver).',
      ...(volume ? { specPath: `spec.volumes[${volume}]` } : {}),
    });
  }
  return [
    {
      id: 'volume-mount',
      severity: 'critical',
      title: `A volume of the pod cannot be mounted${volume ? `: ${volume}` : ''}`,
      summary: `The containers cannot start because ${what}.`,
      evidence,
      causes: rankCauses(causes),
      fixes,
    },
  ];
}

function sandboxFailure(ctx: DiagnoseContext): Diagnosis[] {
  if (!notRunningYet(ctx)) return [];
  const event = newest(
    ctx.events,
    (e) =>
      e.reason === 'FailedCreatePodSandBox' ||
      e.reason === 'NetworkNotReady' ||
      /NetworkPluginNotReady/.test(e.message),
  );
  const nodeReady = ctx.input.node?.status?.conditions?.find((c) => c.type === 'Ready');
  const nodeNetwork =
    nodeReady && /NetworkPluginNotReady|network plugin|cni/i.test(nodeReady.message ?? '')
      ? nodeReady
      : undefined;
  if (!event && !nodeNetwork) return [];
  // A sandbox created after the failure means it was transient.
  if (
    event &&
    ctx.events.some((e) => e.reason === 'Pulling' || e.reason === 'Started' || e.reason === 'Created') &&
    ctx.events
      .filter((e) => e.reason === 'Pulling' || e.reason === 'Created')
      .some((e) => (e.timeMs ?? 0) > (event.timeMs ?? 0))
  )
    return [];
  const message = event?.message ?? nodeNetwork?.message ?? '';
  const evidence: Evidence[] = [];
  if (event) evidence.push(eventEvidence(event));
  if (nodeNetwork)
    evidence.push({
      source: 'node',
      text: `Node Ready=${nodeNetwork.status ?? ''}: ${nodeNetwork.message ?? ''}`,
      path: 'node.status.conditions[Ready]',
    });
  const causes: Cause[] = [];
  if (
    /NetworkPluginNotReady|cni plugin not initialized|network plugin is not ready|no networks found/i.test(
      message,
    )
  ) {
    causes.push(
      cause(
        'The CNI plugin is not installed or not running on the node (its DaemonSet pod crashes or was never deployed).',
        'likely',
      ),
    );
  }
  if (/no IP addresses available|failed to assign an IP|failed to allocate for range|IPAM/i.test(message)) {
    causes.push(cause("The node's pod IP range (or the subnet of the cloud CNI) is exhausted.", 'likely'));
  }
  if (/Unauthorized|connection is unauthorized/i.test(message))
    causes.push(cause('The CNI plugin cannot talk to the API server (expired token or RBAC).', 'likely'));
  if (/pause|sandbox image/i.test(message))
    causes.push(cause('The node cannot pull the pause (sandbox) image.', 'likely'));
  causes.push(cause('The container runtime on the node is unhealthy.', 'possible'));
  return [
    {
      id: 'sandbox-failure',
      severity: 'critical',
      title: 'The pod sandbox (network namespace) cannot be created',
      summary: `The node cannot set up the pod's sandbox, so no container can start: ${quote(message, 240)}`,
      evidence,
      causes: rankCauses(causes),
      fixes: [
        {
          text: 'Check the CNI pods on the node (kubectl get pods -n kube-system -o wide --field-selector spec.nodeName=NODE) and their logs.',
        },
        {
          text: 'Cordon the node and let the pod run elsewhere while the node is repaired (kubectl cordon NODE; kubectl delete pod).',
        },
      ],
    },
  ];
}

/** `... failed - error: command '/bin/sh -c /init.sh' exited with 126: , message: "..."` */
export function parseHookMessage(message: string): {
  handler?: string;
  exitCode?: number;
  output?: string;
  error?: string;
} {
  const handler = /lifecycle hook \(\[?(.*?)\]?\) for Container/.exec(message)?.[1];
  const exit = /exited with (\d+)/.exec(message);
  const output = /message: "(.*)"\s*$/s
    .exec(message)?.[1]
    ?.replace(/\\n/g, '\n')
    .replace(/\\r/g, '')
    .replace(/\\"/g, '"')
    .trim();
  const error = /failed - error: (.*?)(?:, message: ".*")?\s*$/s
    .exec(message)?.[1]
    ?.replace(/[:,\s]+$/, '')
    .trim();
  return {
    ...(handler ? { handler } : {}),
    ...(exit ? { exitCode: Number(exit[1]) } : {}),
    ...(output ? { output } : {}),
    ...(error ? { error } : {}),
  };
}

function hookFailure(ctx: DiagnoseContext, c: ContainerInfo, claimed: Claimed): Diagnosis | undefined {
  const events = containerEvents(ctx, c, ['FailedPostStartHook', 'FailedPreStopHook']);
  const waiting = c.status?.state?.waiting;
  const event = events.at(-1);
  if (!event && waiting?.reason !== 'PostStartHookError') return undefined;
  const preStop = event?.reason === 'FailedPreStopHook';
  if (!preStop) claimed.add(c.name);
  const message = event?.message ?? waiting?.message ?? '';
  const parsed = parseHookMessage(message);
  const hook = preStop ? 'preStop' : 'postStart';
  const evidence: Evidence[] = [];
  if (event) evidence.push(eventEvidence(event));
  if (waiting?.reason === 'PostStartHookError')
    evidence.push(
      statusEvidence(`${c.statusPath}.state.waiting`, `PostStartHookError: ${quote(waiting.message ?? '')}`),
    );
  const killing = newest(containerEvents(ctx, c, ['Killing']), (e) =>
    /FailedPostStartHook|PostStartHook/.test(e.message),
  );
  if (killing) evidence.push(eventEvidence(killing));
  const lifecycle = (c.spec?.['lifecycle'] as Record<string, unknown> | undefined)?.[hook];
  if (lifecycle !== undefined)
    evidence.push(
      specEvidence(`${c.specPath}.lifecycle.${hook}`, `${hook}: ${quote(JSON.stringify(lifecycle), 200)}`),
    );
  const causes: Cause[] = [];
  if (parsed.exitCode !== undefined) {
    causes.push(
      cause(
        `The hook command exited with ${parsed.exitCode} (${exitCodeMeaning(parsed.exitCode, 'Never')})${parsed.output ? `: ${quote(parsed.output, 160)}` : ''}.`,
        'likely',
      ),
    );
  }
  if (/connection refused/.test(message))
    causes.push(
      cause(
        'The HTTP hook ran before the application listened on its port: postStart runs right after the container starts, in parallel with the entrypoint.',
        'likely',
      ),
    );
  if (!preStop)
    causes.push(
      cause(
        'postStart runs concurrently with the entrypoint, so it cannot rely on files or ports the application creates while starting.',
        'possible',
      ),
    );
  else
    causes.push(
      cause(
        'The preStop hook fails or outlives terminationGracePeriodSeconds, so the container is killed without a clean shutdown.',
        'possible',
      ),
    );
  return {
    id: 'hook-failure',
    severity: preStop ? 'warning' : 'error',
    title: `The ${hook} hook of ${c.label} fails`,
    summary: preStop
      ? `The preStop hook of ${c.label} failed while the pod was stopping${parsed.exitCode !== undefined ? ` (exit ${parsed.exitCode})` : ''}; the container was stopped without it.`
      : `The kubelet kills ${c.label} because its postStart hook failed${parsed.exitCode !== undefined ? ` (exit ${parsed.exitCode})` : ''}, then restarts it, and the hook fails again.`,
    container: c.name,
    evidence,
    causes: rankCauses(causes),
    fixes: [
      {
        text: `Fix the hook or make it tolerant (retry until the app is up, "|| true" for best-effort work); move one-off setup into an init container.`,
        specPath: `${c.specPath}.lifecycle.${hook}`,
      },
    ],
  };
}

function initFailure(ctx: DiagnoseContext, claimed: Claimed): Diagnosis[] {
  for (const c of ctx.containers) {
    if (c.role !== 'init' || claimed.has(c.name)) continue;
    const state = c.status?.state;
    const t =
      state?.terminated?.exitCode !== undefined && state.terminated.exitCode !== 0
        ? state.terminated
        : state?.waiting?.reason === 'CrashLoopBackOff'
          ? c.status?.lastState?.terminated
          : undefined;
    const runningSince =
      state?.running?.startedAt !== undefined
        ? Date.parse(
            String(
              state.running.startedAt instanceof Date
                ? state.running.startedAt.toISOString()
                : state.running.startedAt,
            ),
          )
        : undefined;
    const logs = logsOf(ctx, c.name);
    if (t && t.exitCode !== undefined && t.exitCode !== 0) {
      claimed.add(c.name);
      const log = logs.previous ?? logs.current;
      const path = state?.terminated
        ? `${c.statusPath}.state.terminated`
        : `${c.statusPath}.lastState.terminated`;
      const evidence: Evidence[] = [
        statusEvidence(
          path,
          `exit code ${t.exitCode} (${t.reason ?? 'Error'}): ${exitCodeMeaning(t.exitCode, 'Never')}`,
          t.finishedAt,
        ),
      ];
      if (state?.waiting?.reason === 'CrashLoopBackOff')
        evidence.push(
          statusEvidence(
            `${c.statusPath}.state.waiting`,
            `CrashLoopBackOff, ${c.status?.restartCount ?? 0} restarts`,
          ),
        );
      for (const line of logTail(log)) evidence.push({ source: 'log', text: line, path: `logs/${c.name}` });
      const command = commandOf(c);
      if (command) evidence.push(specEvidence(`${c.specPath}.command`, `command/args: ${command}`));
      const line = explainingLogLine(log);
      const causes: Cause[] = [];
      if (line) causes.push(cause(`The init container's last error: ${quote(line, 200)}`, 'likely'));
      if (t.exitCode === 127)
        causes.push(cause('A command of its script does not exist in the image.', 'likely'));
      if (
        /can't resolve|no such host|connection refused|timed out|Name or service not known/i.test(log ?? '')
      ) {
        causes.push(
          cause(
            'It depends on a service (database, API, DNS name) that is not reachable yet or does not exist.',
            'likely',
          ),
        );
      }
      if (t.reason === 'OOMKilled')
        causes.push(cause('It ran out of memory (OOMKilled): its memory limit is too low.', 'likely'));
      causes.push(cause(`Exit code ${t.exitCode}: ${exitCodeMeaning(t.exitCode, 'Never')}.`, 'possible'));
      const index = ctx.containers.filter((x) => x.role === 'init' || x.role === 'sidecar').indexOf(c);
      return [
        {
          id: 'init-failure',
          severity: 'critical',
          title: `Init container "${c.name}" fails with exit code ${t.exitCode}`,
          summary: `The pod is stuck in ${ctx.row.status}: init container ${index + 1} "${c.name}" exits with ${t.exitCode} (${exitCodeMeaning(t.exitCode, 'Never')}), so the main containers never start.${line ? ` Its log ends with: ${sentence(quote(line, 160))}` : ''}`,
          container: c.name,
          evidence,
          causes: rankCauses(causes),
          fixes: [
            {
              text: `Read its log (kubectl logs ${ctx.name} -c ${c.name} --previous -n ${ctx.namespace}) and fix what it reports; init containers must exit 0.`,
              specPath: `${c.specPath}.command`,
            },
          ],
        },
      ];
    }
    if (runningSince !== undefined && !Number.isNaN(runningSince) && ctx.nowMs - runningSince > 5 * 60_000) {
      const log = logs.current;
      const evidence: Evidence[] = [
        statusEvidence(
          `${c.statusPath}.state.running`,
          `running since ${new Date(runningSince).toISOString().replace('.000Z', 'Z')}`,
        ),
      ];
      for (const line of logTail(log, 5))
        evidence.push({ source: 'log', text: line, path: `logs/${c.name}` });
      return [
        {
          id: 'init-failure',
          severity: 'warning',
          title: `Init container "${c.name}" has been running for ${shortDuration((ctx.nowMs - runningSince) / 1000)}`,
          summary: `The pod waits in ${ctx.row.status} until init container "${c.name}" finishes; it has not finished for ${shortDuration((ctx.nowMs - runningSince) / 1000)}.`,
          container: c.name,
          evidence,
          causes: [
            cause(
              'It waits for a dependency (a database, a Service DNS name) that never becomes available.',
              'likely',
            ),
            cause(
              'It is a long-running process placed by mistake among init containers (a sidecar needs restartPolicy: Always).',
              'possible',
            ),
          ],
          fixes: [
            {
              text: 'Check the dependency it waits for, or give the wait loop a timeout so the failure is visible.',
              specPath: `${c.specPath}.command`,
            },
          ],
        },
      ];
    }
    if (state?.terminated?.exitCode === 0) continue;
    break;
  }
  return [];
}

export function detectStartup(ctx: DiagnoseContext, claimed: Claimed): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const c of ctx.containers) {
    const d =
      imagePull(ctx, c, claimed) ?? configMissing(ctx, c, claimed) ?? containerCreate(ctx, c, claimed);
    if (d) out.push(d);
  }
  out.push(...volumeMount(ctx), ...sandboxFailure(ctx));
  for (const c of ctx.containers) {
    if (claimed.has(c.name)) continue;
    const d = hookFailure(ctx, c, claimed);
    if (d) out.push(d);
  }
  out.push(...initFailure(ctx, claimed));
  return out;
}
