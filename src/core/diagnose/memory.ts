/**
 * Sizes for the numbers diagnosis quotes and suggests, from Kubernetes quantities (through the
 * core's quantity parser); JVM sizes are the JVM option reader's.
 */
import { parseQuantity, quantityToNumber } from '../quantity';

function quantityValue(quantity: unknown): number | undefined {
  if (typeof quantity !== 'string' && typeof quantity !== 'number') return undefined;
  const parsed = parseQuantity(quantity);
  return parsed.ok ? quantityToNumber(parsed.value) : undefined;
}

/** Bytes of a Kubernetes memory quantity (`512Mi`, `1G`), or undefined when it is not one. */
export function memoryBytes(quantity: unknown): number | undefined {
  return quantityValue(quantity);
}

/** Millicores of a CPU quantity (`250m` → 250, `2` → 2000), or undefined when it is not one. */
export function cpuMillis(quantity: unknown): number | undefined {
  const cores = quantityValue(quantity);
  return cores === undefined ? undefined : cores * 1000;
}

/** `512Mi`, `1.5Gi`: a readable binary size. */
export function shortBytes(bytes: number): string {
  if (bytes >= 2 ** 30) {
    const gi = bytes / 2 ** 30;
    return `${Number.isInteger(gi) ? gi : gi.toFixed(1)}Gi`;
  }
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)}Mi`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)}Ki`;
  return `${Math.round(bytes)}`;
}

/** A limit with headroom, rounded up to a whole 64 Mi step: what to suggest for `limits.memory`. */
export function suggestedMemory(bytes: number, headroom = 1.25): string {
  const step = 64 * 2 ** 20;
  return `${Math.ceil((bytes * headroom) / step) * (step / 2 ** 20)}Mi`;
}
