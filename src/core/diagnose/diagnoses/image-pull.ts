/** image-pull: the kubelet cannot pull a container image (not found, unauthorized, unreachable, invalid, never-pull). */
import type { ContainerInfo, DiagnoseContext } from '../context';
import { containerEvents } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import type { PodEvent } from '../events';
import { cause, eventEvidence, newest, quote, rankCauses, specEvidence, statusEvidence } from '../evidence';
import { restartBackoffSeconds, shortDuration } from '../exit-codes';
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

/** `registry.example.com:5000/team/app:1.2` → registry.example.com:5000; `nginx` → docker.io. */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (/[.:]/.test(first) || first === 'localhost') ? first : 'docker.io';
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

function imagePull(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined {
  const waiting = c.status?.state?.waiting;
  if (!waiting?.reason || !IMAGE_REASONS.has(waiting.reason)) return undefined;
  const image = imageOf(c);
  const failure = pullFailureEvent(ctx, c);
  const detail = failure?.message ?? waiting.message ?? '';
  const kind = classifyImagePull(detail, waiting.reason);
  const registry = registryOf(image);
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
