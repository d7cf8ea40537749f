/** What went wrong talking to a cluster, in the words the tree, the CLI and explain show. */
export type FaultKind =
  'unreachable' | 'unauthorized' | 'forbidden' | 'tls' | 'timeout' | 'not-found' | 'other';

export interface ClusterFault {
  kind: FaultKind;
  /** One or two sentences: what happened, where, what to do. */
  message: string;
  context: string;
  namespace?: string;
}

/** A Kubernetes `Status` object, the body of every API error response. */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
}

/** A non-2xx answer from the API server, with its Status body when it sent one. */
export class HttpStatusError extends Error {
  constructor(
    readonly statusCode: number,
    readonly status: KubeStatus | undefined,
    readonly url: string,
  ) {
    super(status?.message ?? `HTTP ${statusCode}`);
  }
}

/** A request that got no answer in time: `connect` (no connection) or `response` (slow server). */
export class RequestTimeoutError extends Error {
  constructor(
    readonly phase: 'connect' | 'response' | 'idle',
    readonly ms: number,
  ) {
    super(`no answer within ${seconds(ms)}`);
  }
}

/** Getting credentials failed before any request was sent (exec plugin, auth provider, key file). */
export class CredentialError extends Error {
  constructor(readonly reason: unknown) {
    super(errorMessage(reason));
  }
}

export interface FaultWhere {
  context: string;
  namespace?: string;
  /** The API server URL, named in network and TLS messages. */
  server?: string;
  /** What we were doing, for 403/404 messages, e.g. `list pods`. */
  action?: string;
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The one place that turns any failure of a cluster call into a fault a person can act on. */
export function classifyError(error: unknown, where: FaultWhere): ClusterFault {
  const { context } = where;
  const at = where.server ? ` at ${where.server}` : '';
  const ns = where.namespace;
  const base = { context, ...(ns !== undefined ? { namespace: ns } : {}) };
  const fault = (kind: FaultKind, message: string): ClusterFault => ({ kind, message, ...base });

  if (error instanceof HttpStatusError) {
    const detail = error.status?.message ? `: ${sentence(error.status.message)}` : '.';
    switch (error.statusCode) {
      case 401:
        return fault(
          'unauthorized',
          `The credentials for context "${context}" were rejected (401 Unauthorized): refresh them, e.g. re-run your cloud's login command, then Refresh.`,
        );
      case 403: {
        const what = where.action ?? 'read this';
        const scope = ns ? ` in namespace "${ns}"` : '';
        return fault(
          'forbidden',
          `You are not allowed to ${what}${scope} with context "${context}" (403 Forbidden)${detail} Ask a cluster admin for access or pick another namespace.`,
        );
      }
      case 404:
        return fault('not-found', `Not found on the API server of context "${context}" (404)${detail}`);
      case 504:
      case 408:
        return fault(
          'timeout',
          `The API server of context "${context}"${at} timed out (${error.statusCode})${detail} Try again, or narrow the namespace.`,
        );
      default:
        return fault(
          'other',
          `The API server of context "${context}"${at} answered ${error.statusCode}${detail}${error.statusCode >= 500 ? ' Try again in a moment.' : ''}`,
        );
    }
  }
  if (error instanceof RequestTimeoutError) {
    if (error.phase === 'connect') {
      return fault(
        'unreachable',
        `Cannot reach the API server of context "${context}"${at}: no connection within ${seconds(error.ms)}. Check that the cluster is running and your network or VPN, then Refresh.`,
      );
    }
    return fault(
      'timeout',
      `The API server of context "${context}"${at} is too slow: no answer within ${seconds(error.ms)}. Try again, or narrow the namespace.`,
    );
  }

  if (error instanceof CredentialError) {
    const cause = error.reason as { code?: unknown; path?: unknown } | undefined;
    const detail =
      cause?.code === 'ENOENT'
        ? `the program ${typeof cause.path === 'string' ? `"${cause.path}" ` : ''}was not found on PATH`
        : sentence(error.message.split('\n')[0] ?? '').replace(/\.$/, '');
    return fault(
      'unauthorized',
      `Could not get credentials for context "${context}": ${detail}. Check the user's exec or auth-provider entry in your kubeconfig (or re-run your cloud's login command), then Refresh.`,
    );
  }

  const code = errorCode(error);
  if (code && UNKNOWN_CA.has(code)) {
    return fault(
      'tls',
      `The API server of context "${context}"${at} presented a certificate signed by an unknown authority (${code}): check certificate-authority / certificate-authority-data of the cluster in your kubeconfig.`,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return fault(
      'tls',
      `The certificate of the API server of context "${context}"${at} does not match its host name (${sentence(errorMessage(error))}) Use the server name the certificate was issued for, or set tls-server-name in your kubeconfig.`,
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return fault(
      'tls',
      `The certificate of the API server of context "${context}"${at} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'}: renew it, or check this machine's clock.`,
    );
  }
  if (code?.startsWith('ERR_TLS') || code?.startsWith('ERR_SSL') || code === 'EPROTO') {
    return fault(
      'tls',
      `The TLS handshake with the API server of context "${context}"${at} failed (${sentence(errorMessage(error))}) Check the server URL and the certificates in your kubeconfig.`,
    );
  }
  if (code && UNREACHABLE.has(code)) {
    const why =
      code === 'ECONNREFUSED'
        ? 'the connection was refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'its host name does not resolve'
          : code === 'ECONNRESET' || code === 'EPIPE'
            ? 'the connection was closed'
            : 'it does not answer';
    return fault(
      'unreachable',
      `Cannot reach the API server of context "${context}"${at}: ${why} (${code}). Check that the cluster is running and your network or VPN, then Refresh.`,
    );
  }
  return fault(
    'other',
    `A request to the cluster of context "${context}"${at} failed: ${sentence(errorMessage(error))}`,
  );
}
