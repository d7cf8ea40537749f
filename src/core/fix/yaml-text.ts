import { parseDocument } from '../manifest/parse';
import type { Range } from '../manifest/types';
import { isObject } from '../manifest/workloads';

/**
 * Writing YAML the way the file around it is written: its indentation step, whether sequences are
 * indented under their key, its line endings; and scalars that decode back to exactly the intended
 * value under the YAML 1.1 rules the API server uses.
 */

export interface Layout {
  /** Spaces a nested mapping is indented by. */
  readonly unit: number;
  /** Spaces a block sequence's `-` is indented under its key (0: `key:` then `- item` in the same column). */
  readonly sequenceOffset: number;
  readonly eol: string;
}

export type Quote = '"' | "'" | '';

/** The indentation habits of the text in `range` (the most frequent step wins; 2 when none is seen). */
export function layoutOf(text: string, range: Range): Layout {
  const source = text.slice(range.start, range.end);
  const units = new Map<number, number>();
  const offsets = new Map<number, number>();
  let opener: number | undefined;
  for (const raw of source.split('\n')) {
    const m = /^( *)((?:- +)*)(.*?)\r?$/.exec(raw);
    const indent = m?.[1]?.length ?? 0;
    const dashes = m?.[2] ?? '';
    const content = m?.[3] ?? '';
    if (dashes === '' && (content === '' || content.startsWith('#'))) continue;
    if (opener !== undefined) {
      if (dashes !== '' && indent >= opener) bump(offsets, indent - opener);
      else if (dashes === '' && indent > opener) bump(units, indent - opener);
    }
    opener = /^[^\s#'"{[-][^#]*:\s*(?:#.*)?$/.test(content) ? indent + dashes.length : undefined;
  }
  const unit = mostFrequent(units) ?? 2;
  return {
    unit,
    sequenceOffset: mostFrequent(offsets) ?? unit,
    eol: source.includes('\r\n') ? '\r\n' : '\n',
  };
}

function bump(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function mostFrequent(counts: ReadonlyMap<number, number>): number | undefined {
  let best: [number, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/** Decodes a YAML text on its own (a scalar, a mapping entry, a list item, a JSON object). */
export function decodeYaml(text: string): { value: unknown } | undefined {
  const document = parseDocument(text, 0, text.length, 0);
  if (!document || document.syntaxError !== undefined) return undefined;
  return { value: document.value };
}

/**
 * Plain scalars the API server's YAML decoder (go-yaml v2) reads as floats although YAML 1.1 does
 * not: `1e3` has no dot, yet becomes 1000.
 */
const GO_YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A plain scalar is safe when it decodes back to the same string in the context it is written in. */
function plainDecodesTo(text: string, flow: boolean): boolean {
  if (text === '' || text.trim() !== text || /[\n\r\t]/.test(text) || GO_YAML_FLOAT.test(text)) return false;
  const decoded = decodeYaml(flow ? `[${text}]` : `k: ${text}`)?.value;
  return flow
    ? Array.isArray(decoded) && decoded.length === 1 && decoded[0] === text
    : isObject(decoded) && decoded['k'] === text;
}

/**
 * A scalar's YAML text. Strings keep the quoting asked for (the replaced value's), are plain when
 * that decodes to the same string, and double-quoted otherwise (`"1e3"`, `"yes"`, `"8080"`).
 */
export function renderScalar(value: unknown, flow: boolean, quote: Quote = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (quote === "'" && !/[\n\r]/.test(text)) return `'${text.replace(/'/g, "''")}'`;
  if (quote === '' && plainDecodesTo(text, flow)) return text;
  return JSON.stringify(text);
}

/** A mapping key: plain when it decodes to itself as a key, else double-quoted. */
function renderKey(key: string): string {
  const decoded = decodeYaml(`${key}: 0`)?.value;
  const plain = key !== '' && !/[\n\r\t]/.test(key) && isObject(decoded) && Object.keys(decoded)[0] === key;
  return plain ? key : JSON.stringify(key);
}

/** One-line flow YAML: `{name: regcred}`, `[a, b]`, scalars as in a flow collection. */
export function renderFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (isObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${renderKey(k)}: ${renderFlow(v)}`)
      .join(', ')}}`;
  }
  return renderScalar(value, true);
}

const nonEmpty = (value: unknown): value is unknown[] | Record<string, unknown> =>
  Array.isArray(value) ? value.length > 0 : isObject(value) && Object.keys(value).length > 0;

/** Block lines (no line ends) of a mapping entry whose key starts at `column`. */
export function entryLines(key: string, value: unknown, column: number, layout: Layout): string[] {
  const head = `${' '.repeat(column)}${renderKey(key)}:`;
  if (!nonEmpty(value))
    return [
      `${head} ${isObject(value) || Array.isArray(value) ? renderFlow(value) : renderScalar(value, false)}`,
    ];
  if (Array.isArray(value)) {
    return [head, ...value.flatMap((item) => itemLines(item, column + layout.sequenceOffset, layout))];
  }
  return [head, ...Object.entries(value).flatMap(([k, v]) => entryLines(k, v, column + layout.unit, layout))];
}

/** Block lines of a sequence item whose `-` sits at `column`. */
export function itemLines(item: unknown, column: number, layout: Layout): string[] {
  const dash = `${' '.repeat(column)}- `;
  if (!isObject(item) || !nonEmpty(item)) {
    return [`${dash}${Array.isArray(item) || isObject(item) ? renderFlow(item) : renderScalar(item, false)}`];
  }
  const lines = Object.entries(item).flatMap(([k, v]) => entryLines(k, v, column + 2, layout));
  return lines.map((line, i) => (i === 0 ? `${dash}${line.slice(column + 2)}` : line));
}
