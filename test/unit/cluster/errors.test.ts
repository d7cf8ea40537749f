import assert from 'node:assert/strict';
import {
  classifyError,
  CredentialError,
  HttpStatusError,
  RequestTimeoutError,
  type FaultWhere,
} from '../../../src/cluster/errors';

const where: FaultWhere = { context: 'prod', server: 'https://10.0.0.1:6443' };
const nodeError = (code: string, message: string): Error => Object.assign(new Error(message), { code });
const status = (code: number, message: string, reason: string) =>
  new HttpStatusError(
    code,
    { kind: 'Status', status: 'Failure', message, reason, code },
    'https://10.0.0.1:6443/api/v1/pods',
  );

describe('classifyError', () => {
  it('401: the credentials were rejected', () => {
    assert.deepEqual(classifyError(status(401, 'Unauthorized', 'Unauthorized'), where), {
      kind: 'unauthorized',
      context: 'prod',
      message:
        'The credentials for context "prod" were rejected (401 Unauthorized): refresh them, e.g. re-run your cloud\'s login command, then Refresh.',
    });
  });

  it('403 on a namespace names the namespace and quotes the server', () => {
    const error = status(
      403,
      'pods is forbidden: User "dev" cannot list resource "pods" in API group "" in the namespace "kube-system"',
      'Forbidden',
    );
    assert.deepEqual(classifyError(error, { ...where, namespace: 'kube-system', action: 'list pods' }), {
      kind: 'forbidden',
      context: 'prod',
      namespace: 'kube-system',
      message:
        'You are not allowed to list pods in namespace "kube-system" with context "prod" (403 Forbidden): pods is forbidden: User "dev" cannot list resource "pods" in API group "" in the namespace "kube-system". Ask a cluster admin for access or pick another namespace.',
    });
  });

  it('404 is not-found', () => {
    const fault = classifyError(status(404, 'pods "web-1" not found', 'NotFound'), where);
    assert.deepEqual(
      [fault.kind, fault.message],
      ['not-found', 'Not found on the API server of context "prod" (404): pods "web-1" not found.'],
    );
  });

  it('connection refused, DNS failure and reset are unreachable', () => {
    const refused = classifyError(nodeError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:6443'), where);
    assert.deepEqual(
      [refused.kind, refused.message],
      [
        'unreachable',
        'Cannot reach the API server of context "prod" at https://10.0.0.1:6443: the connection was refused (ECONNREFUSED). Check that the cluster is running and your network or VPN, then Refresh.',
      ],
    );
    assert.match(
      classifyError(nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND k8s.corp'), where).message,
      /its host name does not resolve \(ENOTFOUND\)/,
    );
    assert.equal(classifyError(nodeError('ECONNRESET', 'socket hang up'), where).kind, 'unreachable');
  });

  it('an error wrapped as a cause (fetch style) is still recognized', () => {
    const wrapped = new TypeError('fetch failed', {
      cause: nodeError('ECONNREFUSED', 'connect ECONNREFUSED'),
    });
    assert.equal(classifyError(wrapped, where).kind, 'unreachable');
  });

  it('no connection within the connect timeout is unreachable; a slow answer is timeout', () => {
    const connect = classifyError(new RequestTimeoutError('connect', 5000), where);
    assert.deepEqual(
      [connect.kind, connect.message],
      [
        'unreachable',
        'Cannot reach the API server of context "prod" at https://10.0.0.1:6443: no connection within 5 s. Check that the cluster is running and your network or VPN, then Refresh.',
      ],
    );
    const slow = classifyError(new RequestTimeoutError('response', 30000), where);
    assert.deepEqual(
      [slow.kind, slow.message],
      [
        'timeout',
        'The API server of context "prod" at https://10.0.0.1:6443 is too slow: no answer within 30 s. Try again, or narrow the namespace.',
      ],
    );
    assert.equal(
      classifyError(status(504, 'Timeout: request did not complete within 60s', 'Timeout'), where).kind,
      'timeout',
    );
  });

  it('TLS: unknown CA and host name mismatch are named', () => {
    const ca = classifyError(
      nodeError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      where,
    );
    assert.deepEqual(
      [ca.kind, ca.message],
      [
        'tls',
        'The API server of context "prod" at https://10.0.0.1:6443 presented a certificate signed by an unknown authority (SELF_SIGNED_CERT_IN_CHAIN): check certificate-authority / certificate-authority-data of the cluster in your kubeconfig.',
      ],
    );
    assert.equal(
      classifyError(
        nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'),
        where,
      ).kind,
      'tls',
    );
    const host = classifyError(
      nodeError(
        'ERR_TLS_CERT_ALTNAME_INVALID',
        "Hostname/IP does not match certificate's altnames: IP: 10.0.0.1 is not in the cert's list: 127.0.0.1",
      ),
      where,
    );
    assert.equal(host.kind, 'tls');
    assert.match(
      host.message,
      /does not match its host name \(Hostname\/IP does not match certificate's altnames: IP: 10\.0\.0\.1 is not in the cert's list: 127\.0\.0\.1\.\) Use the server name/,
    );
    assert.match(
      classifyError(nodeError('CERT_HAS_EXPIRED', 'certificate has expired'), where).message,
      /is expired: renew it/,
    );
  });

  it('a credential plugin that is missing or fails is a credentials fault', () => {
    const missing = classifyError(
      new CredentialError(
        Object.assign(nodeError('ENOENT', 'spawn gke-gcloud-auth-plugin ENOENT'), {
          path: 'gke-gcloud-auth-plugin',
        }),
      ),
      where,
    );
    assert.deepEqual(
      [missing.kind, missing.message],
      [
        'unauthorized',
        'Could not get credentials for context "prod": the program "gke-gcloud-auth-plugin" was not found on PATH. Check the user\'s exec or auth-provider entry in your kubeconfig (or re-run your cloud\'s login command), then Refresh.',
      ],
    );
    const failed = classifyError(
      new CredentialError(new Error('error: token expired, run aws sso login\n')),
      where,
    );
    assert.match(
      failed.message,
      /^Could not get credentials for context "prod": error: token expired, run aws sso login\. Check/,
    );
  });

  it('anything else is other, still one sentence with the context', () => {
    const fault = classifyError(new Error('unexpected end of JSON input'), { context: 'dev' });
    assert.deepEqual(
      [fault.kind, fault.message],
      ['other', 'A request to the cluster of context "dev" failed: unexpected end of JSON input.'],
    );
    const server = classifyError(status(500, 'etcdserver: request timed out', 'InternalError'), where);
    assert.deepEqual(
      [server.kind, server.message],
      [
        'other',
        'The API server of context "prod" at https://10.0.0.1:6443 answered 500: etcdserver: request timed out. Try again in a moment.',
      ],
    );
  });
});
