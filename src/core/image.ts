/**
 * Image references (`[registry[:port]/]repository[:tag][@digest]`): the one parser the linter and
 * the diagnosis engine share, following github.com/distribution/reference as the kubelet does.
 */
import { detached } from './text/detach';

// The reference grammar of github.com/distribution/reference (regexp.go), which the kubelet uses.
const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = new RegExp(`^${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*$`);
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_AND_PORT = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`,
);
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** Encoded lengths of the registered digest algorithms (github.com/opencontainers/go-digest). */
const DIGEST_HEX_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const NAME_TOTAL_LENGTH_MAX = 255;

interface ImageReference {
  /** Registry host and port, when the reference names one. */
  readonly domain?: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export type ImageParse =
  | { readonly ok: true; readonly reference: ImageReference }
  | { readonly ok: false; readonly problem: string; readonly suggestion?: string };

/** Parses an image reference the way the kubelet does (`reference.ParseNormalizedNamed`). */
export const parseImageReference: (image: string) => ImageParse = remembered(parseUncached);

/**
 * `compute`, remembering its answers for a bounded number of images: files repeat the same few
 * images, several rules ask about each, and the answers are read-only.
 */
function remembered<T>(compute: (image: string) => T): (image: string) => T {
  const answers = new Map<string, T>();
  return (image) => {
    let answer = answers.get(image);
    if (answer === undefined) {
      if (answers.size >= 4096) answers.clear();
      // Worked out from a copy: the answer's parts are then substrings of the copy, not of the file.
      const key = detached(image);
      answer = compute(key);
      answers.set(key, answer);
    }
    return answer;
  };
}

function parseUncached(image: string): ImageParse {
  if (image === '') return { ok: false, problem: 'is empty' };
  if (/\s/.test(image)) return spaced(image);
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.exec(image);
  if (scheme) {
    const rest = image.slice(scheme[0].length);
    return withSuggestion(
      `starts with "${scheme[0]}", but an image reference names the registry without a scheme`,
      rest,
    );
  }
  const at = image.indexOf('@');
  const nameAndTag = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > nameAndTag.lastIndexOf('/');
  const name = hasTag ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = hasTag ? nameAndTag.slice(colon + 1) : undefined;

  const nameProblem = checkName(name, image.slice(name.length));
  if (nameProblem) return nameProblem;
  if (tag !== undefined) {
    if (tag === '') return { ok: false, problem: `ends its name with ":" but gives no tag after it` };
    if (tag.length > 128)
      return { ok: false, problem: `has a tag of ${tag.length} characters, and tags may have at most 128` };
    if (!TAG.test(tag)) {
      return {
        ok: false,
        problem: `has the tag "${tag}", but a tag may contain only letters, digits, "_", "." and "-", and may not start with "." or "-"`,
      };
    }
  }
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem) return { ok: false, problem };
  }
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const domain = slash !== -1 && isDomain(first) ? first : undefined;
  return {
    ok: true,
    reference: {
      repository: domain === undefined ? name : name.slice(slash + 1),
      ...(domain !== undefined ? { domain } : {}),
      ...(tag !== undefined ? { tag } : {}),
      ...(digest !== undefined ? { digest } : {}),
    },
  };
}

/** `splitDockerDomain`: the first component is a registry when it has a dot, a port, is localhost or has capitals. */
function isDomain(component: string): boolean {
  return /[.:]/.test(component) || component === 'localhost' || component.toLowerCase() !== component;
}

function checkName(name: string, rest: string): ImageParse | undefined {
  if (name === '') return { ok: false, problem: 'has no repository name before its tag or digest' };
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    return {
      ok: false,
      problem: `has a name of ${name.length} characters, and names may have at most ${NAME_TOTAL_LENGTH_MAX}`,
    };
  }
  const components = name.split('/');
  const first = components[0] ?? '';
  const domain = components.length > 1 && isDomain(first) ? first : undefined;
  if (domain !== undefined && !DOMAIN_AND_PORT.test(domain)) {
    return {
      ok: false,
      problem: `names the registry "${domain}", which is not a valid host name with an optional port`,
    };
  }
  const path = domain === undefined ? components : components.slice(1);
  if (path.some((c) => c === '')) {
    return { ok: false, problem: 'has an empty path component (a doubled, leading or trailing "/")' };
  }
  if (domain === undefined && /^[a-f0-9]{64}$/.test(name)) {
    return {
      ok: false,
      problem: 'is a 64-character hexadecimal string, which the runtime reserves for image IDs',
    };
  }
  const upper = path.find((c) => !PATH_COMPONENT.test(c) && PATH_COMPONENT.test(c.toLowerCase()));
  if (upper !== undefined) {
    const lowered =
      [...(domain !== undefined ? [domain] : []), ...path.map((c) => c.toLowerCase())].join('/') + rest;
    return withSuggestion(
      `has upper-case letters in its repository name ("${upper}"), which must be lower case`,
      lowered,
    );
  }
  const bad = path.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    return {
      ok: false,
      problem: `has the repository path component "${bad}", but components may contain only lower-case letters and digits, separated by ".", "_", "__" or "-"`,
    };
  }
  return undefined;
}

function digestProblem(digest: string): string | undefined {
  if (digest === '') return 'has an "@" but no digest after it';
  if (!DIGEST.test(digest))
    return `has the digest "${digest}", which is not of the form sha256:<64 hex digits>`;
  const [algorithm = '', hex = ''] = digest.split(':');
  const length = DIGEST_HEX_LENGTHS[algorithm];
  if (length !== undefined && (hex.length !== length || hex !== hex.toLowerCase())) {
    return `has a ${algorithm} digest of ${hex.length} characters, but it must be exactly ${length} lower-case hex digits`;
  }
  return undefined;
}

function spaced(image: string): ImageParse {
  const trimmed = image.trim();
  if (trimmed !== image && !/\s/.test(trimmed)) {
    return withSuggestion('has spaces before or after it', trimmed);
  }
  return withSuggestion('contains a space', image.replace(/\s+/g, ''));
}

/** A problem whose suggested rewrite is offered only when that rewrite is itself a valid reference. */
function withSuggestion(problem: string, suggestion: string): ImageParse {
  const candidate = parseImageReference(suggestion);
  return candidate.ok ? { ok: false, problem, suggestion } : { ok: false, problem };
}

/** Docker Hub: where a reference without a registry host is pulled from. */
const DEFAULT_REGISTRY = 'docker.io';

/** `registry.example.com:5000/team/app:1.2` → `registry.example.com:5000`; `nginx` → `docker.io`, even for an invalid reference. */
export function imageRegistry(image: string): string {
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  return slash !== -1 && isDomain(first) ? first : DEFAULT_REGISTRY;
}

/**
 * The repository path without registry host, `library/` prefix, tag or digest, lower-cased
 * (`docker.io/library/busybox:1.36` → `busybox`), even when the reference is invalid.
 */
export const imageRepository: (image: string) => string = remembered(repositoryOf);

function repositoryOf(image: string): string {
  let name = image.trim().toLowerCase();
  const at = name.indexOf('@');
  if (at !== -1) name = name.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) name = name.slice(0, colon);
  const parts = name.split('/');
  if (parts.length > 1 && isDomain(parts[0] ?? '')) parts.shift();
  if (parts[0] === 'docker' && parts[1] === 'library') parts.splice(0, 2);
  else if (parts[0] === 'library') parts.shift();
  return parts.join('/');
}
