import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A throw-away certificate authority and a serving certificate for 127.0.0.1, made at start-up.
 * node:crypto signs but cannot build X.509, so this is a minimal DER encoder for exactly the
 * certificates kubectl (Go's crypto/x509) and Node's TLS accept: ECDSA P-256, SHA-256, v3, with
 * basicConstraints, keyUsage, extKeyUsage, subject/authority key ids and subjectAltName. No key is
 * ever written to the repository.
 */
export interface DemoPki {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const octetString = (content: Buffer): Buffer => tlv(0x04, content);
const bitString = (content: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), content]));
const utf8String = (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8'));
const boolean = (value: boolean): Buffer => tlv(0x01, Buffer.from([value ? 0xff : 0]));
const explicit = (n: number, content: Buffer): Buffer => tlv(0xa0 + n, content);

/** A positive INTEGER from big-endian bytes (a leading zero keeps the sign bit clear). */
function positiveInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  const first = trimmed[0] ?? 0;
  return tlv(0x02, first & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function objectId(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = parts;
  const bytes = [a * 40 + b];
  for (const part of rest) {
    const chunk: number[] = [];
    let n = part;
    do {
      chunk.unshift(n & 0x7f);
      n = Math.floor(n / 128);
    } while (n > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i] = (chunk[i] ?? 0) | 0x80;
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 requires. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`, 'ascii'))
    : tlv(0x18, Buffer.from(`${iso}Z`, 'ascii'));
}

function distinguishedName(commonName: string, organization: string): Buffer {
  return sequence(
    set(sequence(objectId(OID.organization), utf8String(organization))),
    set(sequence(objectId(OID.commonName), utf8String(commonName))),
  );
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectId(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** keyUsage bits, numbered as in RFC 5280 (0 = digitalSignature, 5 = keyCertSign, 6 = cRLSign). */
function keyUsage(bits: number[]): Buffer {
  let value = 0;
  for (const bit of bits) value |= 0x80 >> bit;
  const unused = value === 0 ? 0 : Math.min(...bits.map((b) => 7 - b));
  return tlv(0x03, Buffer.from([unused, value]));
}

function ipAddressBytes(ip: string): Buffer {
  if (ip.includes(':')) {
    const [head = '', tail = ''] = ip.split('::');
    const headParts = head ? head.split(':') : [];
    const tailParts = tail ? tail.split(':') : [];
    const groups = [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts];
    return Buffer.from(groups.flatMap((g: string) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
  }
  return Buffer.from(ip.split('.').map(Number));
}

function subjectAltName(dnsNames: string[], ips: string[]): Buffer {
  return sequence(
    ...dnsNames.map((name) => tlv(0x82, Buffer.from(name, 'ascii'))),
    ...ips.map((ip) => tlv(0x87, ipAddressBytes(ip))),
  );
}

function spkiDer(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/** The SHA-1 of the subjectPublicKey bits, the usual key identifier (RFC 5280 §4.2.1.2). */
function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = spkiDer(publicKey);
  // The SPKI ends with the BIT STRING of the EC point (65 bytes for P-256, uncompressed).
  return createHash('sha1')
    .update(spki.subarray(spki.length - 65))
    .digest();
}

interface CertificateRequest {
  subject: Buffer;
  issuer: Buffer;
  publicKey: KeyObject;
  signingKey: KeyObject;
  issuerPublicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Buffer[];
}

function certificate(request: CertificateRequest): Buffer {
  const algorithm = sequence(objectId(OID.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, tlv(0x02, Buffer.from([2]))),
    positiveInteger(randomBytes(16)),
    algorithm,
    request.issuer,
    sequence(time(request.notBefore), time(request.notAfter)),
    request.subject,
    spkiDer(request.publicKey),
    explicit(
      3,
      sequence(
        ...request.extensions,
        extension(OID.subjectKeyId, false, octetString(keyIdentifier(request.publicKey))),
        extension(OID.authorityKeyId, false, sequence(tlv(0x80, keyIdentifier(request.issuerPublicKey)))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, request.signingKey);
  return sequence(tbs, algorithm, bitString(signature));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** A new CA and a serving certificate for `127.0.0.1`, `::1` and `localhost`, valid for a year. */
export function createDemoPki(nowMs: number = Date.now()): DemoPki {
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const server = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const notBefore = new Date(nowMs - 60 * 60 * 1000);
  const notAfter = new Date(nowMs + 365 * 24 * 60 * 60 * 1000);
  const caName = distinguishedName('pod-doctor-demo-ca', 'Pod Doctor demo');
  const caDer = certificate({
    subject: caName,
    issuer: caName,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    issuerPublicKey: ca.publicKey,
    notBefore,
    notAfter,
    extensions: [
      extension(OID.basicConstraints, true, sequence(boolean(true))),
      extension(OID.keyUsage, true, keyUsage([0, 5, 6])),
    ],
  });
  const serverDer = certificate({
    subject: distinguishedName('pod-doctor-demo-apiserver', 'Pod Doctor demo'),
    issuer: caName,
    publicKey: server.publicKey,
    signingKey: ca.privateKey,
    issuerPublicKey: ca.publicKey,
    notBefore,
    notAfter,
    extensions: [
      extension(OID.basicConstraints, true, sequence()),
      extension(OID.keyUsage, true, keyUsage([0])),
      extension(OID.extKeyUsage, false, sequence(objectId(OID.serverAuth))),
      extension(OID.subjectAltName, false, subjectAltName(['localhost'], ['127.0.0.1', '::1'])),
    ],
  });
  return {
    caPem: pem('CERTIFICATE', caDer),
    certPem: pem('CERTIFICATE', serverDer),
    keyPem: server.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
