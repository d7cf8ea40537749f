import { createHash } from 'node:crypto';
import type { Json } from './selectors';

/**
 * Small builders for real-shaped objects. Names, uids and container ids are derived from a seed
 * so that two runs of the demo show the same cluster (handy for screenshots and bug reports).
 */

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** Like apimachinery's rand.String: the alphabet generateName and pod-template-hash use. */
export function nameSuffix(seed: string, length: number): string {
  const bytes = digest(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += NAME_ALPHABET[(bytes[i] ?? 0) % NAME_ALPHABET.length];
  return out;
}

export function uidFor(seed: string): string {
  const hex = digest(`uid:${seed}`).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function containerIdFor(seed: string): string {
  return `containerd://${digest(`cid:${seed}`).toString('hex')}`;
}

export function imageIdFor(image: string): string {
  const repo = image.split('@')[0]?.replace(/:[^/:]+$/, '') ?? image;
  const qualified =
    repo.includes('/') && /[.:]/.test(repo.split('/')[0] ?? '') ? repo : `docker.io/library/${repo}`;
  return `${qualified.replace('docker.io/library/docker.io/', 'docker.io/')}@sha256:${digest(`img:${image}`).toString('hex')}`;
}

export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints. */
export function isoNano(ms: number): string {
  const whole = new Date(ms).toISOString().slice(0, 19);
  const fraction = String(Math.round((ms % 1000) * 1_000_000)).padStart(9, '0');
  return `${whole}.${fraction}Z`;
}

/** Go's time.Duration String() for whole seconds: `10s`, `1m20s`, `5m0s`. */
export function goDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h${minutes % 60}m${seconds % 60}s`;
}

export function condition(
  type: string,
  status: string,
  atMs: number,
  reason?: string,
  message?: string,
): Json {
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: iso(atMs),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

export function metaOf(object: Json): Json {
  return object.metadata as Json;
}

export function specOf(object: Json): Json {
  return object.spec as Json;
}

export function statusOf(object: Json): Json {
  return object.status as Json;
}

export function ownerRef(kind: string, apiVersion: string, name: string, uid: string): Json {
  return { apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true };
}
