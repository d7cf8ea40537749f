/** image-pull: the kubelet cannot pull a container image (not found, unauthorized, unreachable, invalid, never-pull). */
import { imageRegistry } from '../../image';
import type { ContainerInfo, DiagnoseContext } from '../context';
import { containerEvents } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import type { PodEvent } from '../events';
import { cause, eventEvidence, newest, quote, rankCauses, specEvidence, statusEvidence } from '../evidence';
import { restartBackoffSeconds } from '../exit-codes';
import { shortDuration } from '../../text/duration';
import type { Cause, Diagnosis, Evidence, Fix } from '../types';

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

interface PullFacts {
  ctx: DiagnoseContext;
  c: ContainerInfo;
  kind: ImagePullClass;
  image: string;
  registry: string;
  /** The runtime's message (the Failed event's, else the waiting state's). */
  detail: string;
  waiting: { reason: string };
  pullSecrets: Array<{ name?: string }>;
  secretWarning: PodEvent | undefined;
  evidence: Evidence[];
  causes: Cause[];
  fixes: Fix[];
}

function notFound(f: PullFacts): string {
  const { c, image, registry, causes, fixes } = f;
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
  return `the image ${image} does not exist in ${registry}`;
}

function unauthorized(f: PullFacts): string {
  const { ctx, image, registry, pullSecrets, secretWarning, evidence, causes, fixes } = f;
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
  return `${registry} refused to serve ${image} without valid credentials`;
}

function unreachable(f: PullFacts): string {
  const { c, image, registry, detail, causes, fixes, kind } = f;
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
  return kind === 'tls'
    ? `the node does not trust the TLS certificate of ${registry}`
    : `the node cannot reach ${registry}`;
}

function rateLimited(f: PullFacts): string {
  const { registry, causes, fixes } = f;
  causes.push(
    cause('Anonymous pulls from Docker Hub are limited per IP; many nodes share one NAT address.', 'likely'),
  );
  fixes.push({
    text: 'Authenticate pulls with imagePullSecrets or use a pull-through cache / mirror.',
    specPath: 'spec.imagePullSecrets',
  });
  return `${registry} is rate-limiting pulls from this node`;
}

function platform(f: PullFacts): string {
  const { image, causes, fixes } = f;
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
  return `${image} has no variant for the node's CPU architecture`;
}

function invalid(f: PullFacts): string {
  const { c, image, causes, fixes } = f;
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
  return `"${image}" is not a valid image reference`;
}

function neverPull(f: PullFacts): string {
  const { c, image, evidence, causes, fixes } = f;
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
  return `${image} is not on the node and imagePullPolicy is Never`;
}

function unknown(f: PullFacts): string {
  const { c, image, detail, waiting, causes, fixes } = f;
  causes.push(cause(`The runtime reports: ${quote(detail || waiting.reason)}.`, 'likely'));
  fixes.push({
    text: 'Check the image reference and the registry from a node (crictl pull).',
    specPath: `${c.specPath}.image`,
  });
  return `pulling ${image} fails`;
}

interface PullClassRow {
  kind: ImagePullClass;
  /** The waiting reason that alone says it. */
  reason?: string;
  /** Or what the runtime's message says. */
  message?: RegExp;
  /** Adds causes, fixes and evidence; returns what goes wrong, for the summary. */
  explain: (f: PullFacts) => string;
}

/** Pull failures, in the order they are recognised: the first row whose reason or message matches. */
const IMAGE_PULL_CLASSES: readonly PullClassRow[] = [
  {
    kind: 'invalid',
    reason: 'InvalidImageName',
    message: /invalid reference format|couldn't parse image (reference|name)/i,
    explain: invalid,
  },
  {
    kind: 'never-pull',
    reason: 'ErrImageNeverPull',
    message: /with pull policy of Never/i,
    explain: neverPull,
  },
  { kind: 'inspect', reason: 'ImageInspectError', explain: unknown },
  {
    kind: 'rate-limited',
    message: /toomanyrequests|429 Too Many Requests|rate limit/i,
    explain: rateLimited,
  },
  {
    kind: 'unauthorized',
    message:
      /401 Unauthorized|403 Forbidden|unauthorized|no basic auth credentials|authorization failed|failed to authorize|denied: |access denied|insufficient_scope|may require authorization/i,
    explain: unauthorized,
  },
  {
    kind: 'tls',
    message: /x509|certificate signed by unknown authority|tls: failed to verify/i,
    explain: unreachable,
  },
  {
    kind: 'unreachable',
    message:
      /no such host|i\/o timeout|connection refused|network is unreachable|TLS handshake timeout|no route to host|dial tcp|context deadline exceeded|connection reset/i,
    explain: unreachable,
  },
  { kind: 'platform', message: /no match for platform in manifest/i, explain: platform },
  {
    kind: 'not-found',
    message: /not found|manifest unknown|NotFound|does not exist|name unknown/i,
    explain: notFound,
  },
];

function pullClassRow(message: string, reason: string): PullClassRow | undefined {
  return IMAGE_PULL_CLASSES.find(
    (row) => (row.reason !== undefined && row.reason === reason) || (row.message?.test(message) ?? false),
  );
}

/** What kind of pull failure a kubelet/runtime message describes. */
export function classifyImagePull(message: string, reason = ''): ImagePullClass {
  return pullClassRow(message, reason)?.kind ?? 'unknown';
}

function imagePull(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined {
  const waiting = c.status?.state?.waiting;
  if (!waiting?.reason || !IMAGE_REASONS.has(waiting.reason)) return undefined;
  const image = imageOf(c);
  const failure = pullFailureEvent(ctx, c);
  const detail = failure?.message ?? waiting.message ?? '';
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
  const row = pullClassRow(detail, waiting.reason);
  const what = (row?.explain ?? unknown)({
    ctx,
    c,
    kind: row?.kind ?? 'unknown',
    image,
    registry,
    detail,
    waiting: { reason: waiting.reason },
    pullSecrets,
    secretWarning,
    evidence,
    causes,
    fixes,
  });
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

export const imagePullDiagnosis: DiagnosisDeclaration = {
  id: 'image-pull',
  severity: 'critical',
  title: 'A container image cannot be pulled',
  scope: 'container',
  containers: 'all',
  skipsClaimed: false,
  claims: 'container',
  detect: imagePull,
};
