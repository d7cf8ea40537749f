/**
 * Kubernetes `resource.Quantity` as the API server decodes it from a manifest
 * (k8s.io/apimachinery/pkg/api/resource: `UnmarshalJSON` trims spaces, then `ParseQuantity`).
 * Values are kept exactly, in units of 10^-9, because the API rounds anything finer up to 1n.
 */
import { detached } from './text/detach';

type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The exact value times 10^9 (non-zero values finer than 1n are rounded away from zero, as the API does). */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
  /** The text that was parsed, trimmed. */
  readonly text: string;
}

export type QuantityResult =
  | { readonly ok: true; readonly value: Quantity }
  | {
      readonly ok: false;
      /** A sentence that says what is wrong and, when it can, what to write instead. */
      readonly error: string;
      /** The one safe replacement, when there is exactly one. */
      readonly suggestion?: string;
      /** Every plausible replacement (one or more), best first. */
      readonly candidates?: readonly string[];
    };

const NANO = 1_000_000_000n;
/** Binary-suffixed quantities are capped at 2^63-1 (ParseQuantity's `maxAllowed`). */
const BINARY_MAX_NANOS = (2n ** 63n - 1n) * NANO;
/** Exponents beyond this are not resource sizes; refusing them keeps the arithmetic bounded. */
const MAX_EXPONENT = 1000;

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const UNIT_LIST = 'n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei';

/** Units people write for bytes, by their first letter: the decimal SI suffix and its binary twin. */
const BYTE_UNITS: Readonly<Record<string, { decimal: string; binary: string }>> = {
  k: { decimal: 'k', binary: 'Ki' },
  m: { decimal: 'M', binary: 'Mi' },
  g: { decimal: 'G', binary: 'Gi' },
  t: { decimal: 'T', binary: 'Ti' },
  p: { decimal: 'P', binary: 'Pi' },
  e: { decimal: 'E', binary: 'Ei' },
};

interface Scanned {
  readonly positive: boolean;
  /** Integer digits without leading zeros ("0" when none). */
  readonly num: string;
  /** Fraction digits. */
  readonly denom: string;
  /** The number as written (sign included), and everything after it. */
  readonly number: string;
  readonly suffix: string;
}

/** Manifests repeat the same few quantities thousands of times; results are immutable, so share them. */
const cache = new Map<string | number, QuantityResult>();
const CACHE_LIMIT = 4096;

export function parseQuantity(input: string | number): QuantityResult {
  const cached = cache.get(input);
  if (cached) return cached;
  // Parsed from a copy: the result's text is then not a substring of the file (see detached).
  const key = typeof input === 'string' ? detached(input) : input;
  const result = parseUncached(key);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

function parseUncached(input: string | number): QuantityResult {
  if (typeof input === 'number' && !Number.isFinite(input)) {
    return {
      ok: false,
      error: `${String(input)} is not a quantity; write a finite number with an optional unit, such as "500m" or "256Mi".`,
    };
  }
  const text = (typeof input === 'number' ? String(input) : input).trim();
  if (text === '') {
    return {
      ok: false,
      error:
        'The quantity is empty; write a number with an optional unit, such as "500m" for CPU or "256Mi" for memory.',
    };
  }
  if (/\s/.test(text)) return spacedQuantityError(text);
  const scanned = scanQuantity(text);
  if (scanned === undefined) return malformedNumberError(text);
  const interpreted = interpretSuffix(scanned.suffix);
  if (interpreted === undefined) return unknownSuffixError(scanned);
  if (interpreted === 'too-large') {
    return {
      ok: false,
      error: `"${text}" has an exponent far too large for a resource quantity; write the amount with a unit, such as "4Gi".`,
    };
  }
  const nanos = exactNanos(scanned, interpreted);
  return { ok: true, value: { nanos, format: effectiveFormat(interpreted.format, nanos), text } };
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** For display and rough arithmetic only; comparisons use `compareQuantities`. */
export function quantityToNumber(q: Quantity): number {
  return Number(q.nanos) / 1e9;
}

/** Bytes with digit grouping and the largest binary unit: `536,870,912 bytes (512 MiB)`. */
export function formatBytes(q: Quantity): string {
  const exact = decimalString(q.nanos, true);
  const unit = exact === '1' ? 'byte' : 'bytes';
  const magnitude = q.nanos < 0n ? -q.nanos : q.nanos;
  const binary = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let index = -1;
  while (index + 1 < binary.length && magnitude >= 1024n ** BigInt(index + 2) * NANO) index++;
  if (index < 0) return `${exact} ${unit}`;
  const scaled = quantityToNumber(q) / 1024 ** (index + 1);
  return `${exact} ${unit} (${roundedString(scaled)} ${binary[index] ?? ''})`;
}

/** Cores and the millicore spelling: `0.25 CPU (250m)`. */
export function formatCpu(q: Quantity): string {
  const cores = decimalString(q.nanos, false);
  const fine = q.nanos % 1_000_000n === 0n ? `${q.nanos / 1_000_000n}m` : `${q.nanos}n`;
  return `${cores} CPU (${fine})`;
}

/** A quantity in the terms of its resource: bytes for memory and storage, cores for CPU, else the bare amount. */
export function formatQuantity(resource: string, q: Quantity): string {
  if (resource === 'cpu') return formatCpu(q);
  if (
    resource === 'memory' ||
    resource === 'storage' ||
    resource.endsWith('-storage') ||
    resource.startsWith('hugepages-')
  ) {
    return formatBytes(q);
  }
  return decimalString(q.nanos, true);
}

/** The exact value as a decimal string (`0.512`, `1024`), with digit grouping when asked. */
export function decimalString(nanos: bigint, group: boolean): string {
  const sign = nanos < 0n ? '-' : '';
  const magnitude = nanos < 0n ? -nanos : nanos;
  const whole = (magnitude / NANO).toString();
  const fraction = (magnitude % NANO).toString().padStart(9, '0').replace(/0+$/, '');
  const grouped = group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

function roundedString(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Mirrors `parseQuantityString`: sign, integer digits, optional fraction, then the suffix text. */
function scanQuantity(text: string): Scanned | undefined {
  // The API's scanner reads a missing number as 0, so "+", "." and even a bare "Mi" parse as zero.
  const match = /^([+-]?)(\d*)(?:\.(\d*))?/.exec(text);
  if (!match) return undefined;
  const [number = '', sign = '', digits = '', fraction = ''] = match;
  return {
    positive: sign !== '-',
    num: digits.replace(/^0+/, '') || '0',
    denom: fraction,
    number,
    suffix: text.slice(number.length),
  };
}

type Interpretation = { base: 2 | 10; exponent: number; format: QuantityFormat };

function interpretSuffix(suffix: string): Interpretation | 'too-large' | undefined {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' };
  const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (!exponent) return undefined;
  const value = Number(exponent[1]);
  if (value > MAX_EXPONENT) return 'too-large';
  return { base: 10, exponent: Math.max(value, -MAX_EXPONENT), format: 'DecimalExponent' };
}

function exactNanos(scanned: Scanned, { base, exponent, format }: Interpretation): bigint {
  const coefficient = BigInt(scanned.num + scanned.denom);
  if (coefficient === 0n) return 0n;
  let numerator = coefficient * NANO;
  let denominator = 10n ** BigInt(scanned.denom.length);
  if (base === 2) numerator *= 2n ** BigInt(exponent);
  else if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  // RoundUp on the magnitude: asking for a sliver of a resource still gets the smallest unit.
  let nanos = (numerator + denominator - 1n) / denominator;
  if (format === 'BinarySI' && nanos > BINARY_MAX_NANOS) nanos = BINARY_MAX_NANOS;
  return scanned.positive ? nanos : -nanos;
}

/** The API reports a binary quantity below one unit in decimal form (0.5Ki is 512, not "0.5Ki"). */
function effectiveFormat(format: QuantityFormat, nanos: bigint): QuantityFormat {
  const magnitude = nanos < 0n ? -nanos : nanos;
  return format === 'BinarySI' && magnitude > 0n && magnitude < NANO ? 'DecimalSI' : format;
}

function spacedQuantityError(text: string): QuantityResult {
  const joined = text.replace(/\s+/g, '');
  const parsed = parseQuantity(joined);
  if (parsed.ok) {
    const where = /[\d.]\s+[a-zA-Z]/.test(text) ? 'a space between the number and the unit' : 'a space in it';
    return {
      ok: false,
      error: `"${text}" has ${where}; write "${joined}".`,
      suggestion: joined,
      candidates: [joined],
    };
  }
  const rest = parsed.error.charAt(0).toLowerCase() + parsed.error.slice(1);
  return {
    ok: false,
    error: `"${text}" has a space in it, and without the space ${rest}`,
    ...(parsed.suggestion !== undefined ? { suggestion: parsed.suggestion } : {}),
    ...(parsed.candidates !== undefined ? { candidates: parsed.candidates } : {}),
  };
}

function malformedNumberError(text: string): QuantityResult {
  if (/^[+-]?\d*\.\d*\./.test(text)) {
    return {
      ok: false,
      error: `"${text}" has more than one decimal point; a quantity is one number with an optional unit, such as "1.5" or "1500m".`,
    };
  }
  return {
    ok: false,
    error: `"${text}" is not a quantity: it must start with a number, as in "500m" for CPU or "256Mi" for memory.`,
  };
}

function unknownSuffixError(scanned: Scanned): QuantityResult {
  const { number, suffix } = scanned;
  const text = number + suffix;
  if (!/\d/.test(number)) return malformedNumberError(text);
  if (/^\d*\.\d*\./.test(text.replace(/^[+-]/, ''))) return malformedNumberError(text);
  const bytes = /^([kKmMgGtTpPeE])(i?)[bB]$/.exec(suffix);
  if (/^[bB]$/.test(suffix) || /^bytes?$/i.test(suffix)) {
    return single(
      `"${text}": "${suffix}" is not a Kubernetes unit; a plain number already means bytes, so write "${number}".`,
      number,
    );
  }
  if (bytes) {
    const unit = BYTE_UNITS[(bytes[1] ?? '').toLowerCase()];
    if (unit) {
      const binary = `${number}${unit.binary}`;
      if (bytes[2])
        return single(
          `"${text}": "B" is not a Kubernetes unit; write "${binary}" (${power(number, 2, BINARY_SUFFIXES[unit.binary] ?? 0)} bytes).`,
          binary,
        );
      const decimal = `${number}${unit.decimal}`;
      return several(
        `"${text}": "B" is not a Kubernetes unit; did you mean "${decimal}" (${power(number, 10, DECIMAL_SUFFIXES[unit.decimal] ?? 0)} bytes) or "${binary}" (${power(number, 2, BINARY_SUFFIXES[unit.binary] ?? 0)} bytes)?`,
        [decimal, binary],
      );
    }
  }
  if (/^[eE][+-]?$/.test(suffix)) {
    return {
      ok: false,
      error: `"${text}": an exponent needs digits after "${suffix}", as in "${number}e3".`,
    };
  }
  const cased = caseVariants(suffix);
  if (cased.length > 0) {
    const options = cased.map((s) => `"${number}${s}" (${unitValue(s)})`);
    const question =
      options.length === 1
        ? options[0]
        : `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
    const candidates = cased.map((s) => number + s);
    const error = `"${text}": units are case-sensitive; did you mean ${question ?? ''}?`;
    return candidates.length === 1 ? single(error, candidates[0] ?? '') : several(error, candidates);
  }
  return {
    ok: false,
    error: `"${text}": "${suffix}" is not a Kubernetes unit; use one of ${UNIT_LIST}, or an exponent such as e3.`,
  };
}

/** Valid suffixes that differ from `suffix` only in case; a lone letter also offers its binary twin. */
function caseVariants(suffix: string): string[] {
  const lower = suffix.toLowerCase();
  const all = [...Object.keys(DECIMAL_SUFFIXES), ...Object.keys(BINARY_SUFFIXES)].filter((s) => s !== '');
  const matches = all.filter((s) => s.toLowerCase() === lower && s !== suffix);
  if (lower.length === 1 && 'kgtpe'.includes(lower)) {
    const unit = BYTE_UNITS[lower];
    return unit ? [unit.decimal, unit.binary].filter((s) => s !== suffix) : matches;
  }
  return matches;
}

function unitValue(suffix: string): string {
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) return `2^${binary}`;
  return `10^${DECIMAL_SUFFIXES[suffix] ?? 0}`;
}

function power(number: string, base: number, exponent: number): string {
  const scaled = `${base}^${exponent}`;
  return Number(number) === 1 ? scaled : `${number} × ${scaled}`;
}

function single(error: string, suggestion: string): QuantityResult {
  return { ok: false, error, suggestion, candidates: [suggestion] };
}

function several(error: string, candidates: readonly string[]): QuantityResult {
  return { ok: false, error, candidates };
}
