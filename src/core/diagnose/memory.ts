/**
 * Byte sizes for memory limits and JVM heap flags. Only what diagnosis needs: Kubernetes memory
 * quantities (`512Mi`, `1G`, `1.5Gi`, `268435456`, `1e9`) and JVM sizes (`-Xmx512m`, `-Xmx2g`).
 */
const BINARY: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Readonly<Record<string, number>> = {
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** Bytes of a Kubernetes memory quantity, or undefined when it is not one. */
export function memoryBytes(quantity: unknown): number | undefined {
  if (typeof quantity === 'number') return Number.isFinite(quantity) ? quantity : undefined;
  if (typeof quantity !== 'string') return undefined;
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?\s*$/.exec(
    quantity,
  );
  if (!match) return undefined;
  const unit = match[2] ?? '';
  const factor = BINARY[unit] ?? DECIMAL[unit];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

/** Bytes of a JVM size (`512m`, `2g`, `1024k`, `2147483648`); the JVM's suffixes are binary. */
export function jvmSizeBytes(size: string): number | undefined {
  const match = /^(\d+)([kKmMgGtT]?)$/.exec(size);
  if (!match) return undefined;
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4 }[match[2]!.toLowerCase()] ?? 0;
  return Number(match[1]) * 1024 ** power;
}

/** `512Mi`, `1.5Gi`: a readable binary size. */
export function formatBytes(bytes: number): string {
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
