import { MERGE_KEY, asciiSet, resolvePlainValue } from './scalars';
import type { ManifestDocument, NodeLocation, Path, Range } from './types';

/**
 * A reader for the block-style YAML nearly every manifest is written in: block mappings and
 * sequences, one-line plain, single-quoted and double-quoted (without escapes) scalars, comments,
 * `[]`, `{}`, and one-line flow sequences of such scalars. It builds the value directly, with the
 * positions of its nodes in one flat array, and gives up (undefined) on everything else, which
 * js-yaml then reads: tags, anchors and aliases, block and multi-line scalars, flow mappings,
 * escapes, empty values, complex, quoted, merge and duplicate keys, keys that YAML 1.1 reads as
 * another string (`on`, `0x1F`, `~`) or that JavaScript orders first (`8080`), tabs, and anything
 * js-yaml rejects. Scalars are resolved by js-yaml's own YAML 1.1 rules (resolvePlainValue), so the
 * values are js-yaml's: the unit tests compare both on every fixture, on js-yaml's own test
 * samples, and on random documents.
 */

/** Per node, in pre-order: key start, key end (-1 without a key), start, end, nodes in its subtree. */
const FIELDS = 5;
const KEY_START = 0;
const KEY_END = 1;
const START = 2;
const END = 3;
const SIZE = 4;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const RETURN = 0x0d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const PERCENT = 0x25;

/** First characters that make a value something other than a one-line plain scalar. */
const NOT_PLAIN = asciiSet('&*!|>%@`?,[]{}#:\'"');
/** Characters a plain scalar in a flow sequence is not read with here (flow indicators, comments, quotes). */
const NOT_IN_FLOW_PLAIN = asciiSet('[]{}#:\'"');
/** Keys made of digits: JavaScript lists them before the others, out of source order. */
const DIGITS = /^\d+$/;
/** Collections nested deeper than this are left to js-yaml. */
const MAX_BLOCK_DEPTH = 50;
/** YAML's limit on the length of an implicit key. */
const MAX_KEY_LENGTH = 1024;

interface Frame {
  readonly mapping: boolean;
  /** The column of its keys or dashes. */
  readonly indent: number;
  readonly value: Record<string, unknown> | unknown[];
  readonly node: number;
}

/** Nodes of the document being read; copied out, at its size, for each document. */
const SCRATCH_NODES = 1024;
let scratch = new Int32Array(SCRATCH_NODES * FIELDS);

/**
 * The node arrays of documents read together (a file's, see readBlock's `shared`) are views into
 * shared blocks of this many numbers (64 KB): one typed array with its own buffer per document cost
 * more to make than reading the document's nodes. A block lives as long as one of its documents, so
 * blocks are kept small; a document larger than a quarter of a block gets its own array.
 */
const BLOCK_NUMBERS = 1 << 14;
let block = new Int32Array(BLOCK_NUMBERS);
let blockUsed = 0;

/** The first `length` numbers of the scratch array, copied to where the document can keep them. */
function keepNodes(length: number, shared: boolean): Int32Array {
  if (!shared || length > BLOCK_NUMBERS / 4) return scratch.slice(0, length);
  if (blockUsed + length > BLOCK_NUMBERS) {
    block = new Int32Array(BLOCK_NUMBERS);
    blockUsed = 0;
  }
  block.set(scratch.subarray(0, length), blockUsed);
  const nodes = block.subarray(blockUsed, blockUsed + length);
  blockUsed += length;
  return nodes;
}

/** Keys read, by a hash of their spelling (one per slot: a collision replaces the older). */
const KEY_SLOTS = 4096;
const keys = new Array<string | undefined>(KEY_SLOTS);

/** Thrown (and caught in readBlock) when the text is not in the subset; never escapes. */
const GIVE_UP = new Error('not in the block subset');

class Reader {
  private count = 0;
  private readonly frames: Frame[] = [];
  /**
   * A `key:` or `-` whose value starts on a later line: its column (-1: none), its key (undefined
   * for a sequence item) and the key's range. Kept in fields: one object per such line would be
   * garbage at once.
   */
  private pendingColumn = -1;
  private pendingKey: string | undefined;
  private pendingKeyStart = -1;
  private pendingKeyEnd = -1;
  /** After a value on the line of its key or dash: its column (a deeper line would continue it). */
  private scalarColumn = -1;
  private root: unknown;

  constructor(
    private readonly text: string,
    private readonly shared: boolean,
  ) {}

  read(start: number, end: number): { value: unknown; nodes: Int32Array } | undefined {
    const { text } = this;
    let first = true;
    for (let pos = start; pos < end;) {
      let lineEnd = text.indexOf('\n', pos);
      if (lineEnd === -1 || lineEnd > end) lineEnd = end;
      const next = lineEnd < end ? lineEnd + 1 : end;
      let contentEnd = lineEnd;
      if (contentEnd > pos && text.charCodeAt(contentEnd - 1) === RETURN) contentEnd--;
      let indent = pos;
      while (indent < contentEnd && text.charCodeAt(indent) === SPACE) indent++;
      const column = indent - pos;
      if (indent === contentEnd || text.charCodeAt(indent) === HASH) {
        // A blank or comment line; a deeper comment right after a scalar is left to js-yaml.
        if (indent < contentEnd && this.scalarColumn >= 0 && column > this.scalarColumn) throw GIVE_UP;
        pos = next;
        continue;
      }
      if (first && column === 0 && text.startsWith('---', pos)) {
        // The document's own start marker, alone on its line (or with a comment).
        let after = pos + 3;
        while (after < contentEnd && text.charCodeAt(after) === SPACE) after++;
        if (after < contentEnd && !(after > pos + 3 && text.charCodeAt(after) === HASH)) throw GIVE_UP;
        first = false;
        pos = next;
        continue;
      }
      first = false;
      this.line(indent, column, contentEnd);
      pos = next;
    }
    // A `key:` or `-` with nothing after it is an empty value (js-yaml's null); no node, no document.
    if (this.pendingColumn >= 0 || this.count === 0) return undefined;
    while (this.frames.length > 0) this.close();
    return { value: this.root, nodes: keepNodes(this.count * FIELDS, this.shared) };
  }

  private line(at: number, column: number, end: number): void {
    const { text } = this;
    if (this.scalarColumn >= 0 && column > this.scalarColumn) throw GIVE_UP; // a continuation line
    this.scalarColumn = -1;
    const ch = text.charCodeAt(at);
    if (column === 0 && (ch === PERCENT || text.startsWith('...', at))) throw GIVE_UP; // a directive or document end
    const dash = this.itemDash(at, end);
    const pendingColumn = this.pendingColumn;
    if (pendingColumn >= 0) {
      this.pendingColumn = -1;
      const parent = this.frames[this.frames.length - 1];
      const key = this.pendingKey;
      // The value of `key:` is a deeper block, or a sequence at the key's own column.
      const compact = dash && column === pendingColumn && key !== undefined && parent?.mapping === true;
      if (column <= pendingColumn && !compact) throw GIVE_UP; // an empty value
      this.open(dash ? [] : {}, !dash, column, this.pendingKeyStart, this.pendingKeyEnd, at, key);
    } else if (this.frames.length === 0) {
      if (this.count > 0) throw GIVE_UP; // the root was closed: this would be a second root node
      this.open(dash ? [] : {}, !dash, column, -1, -1, at, undefined);
    } else {
      let top = this.frames[this.frames.length - 1]!;
      while (top.indent > column) {
        this.close();
        top = this.frames[this.frames.length - 1] ?? top;
        if (this.frames.length === 0) throw GIVE_UP;
      }
      if (!top.mapping && top.indent === column && !dash) {
        // A sequence at its key's column ends where the next key of that mapping starts.
        const below = this.frames[this.frames.length - 2];
        if (below?.mapping === true && below.indent === column) {
          this.close();
          top = below;
        }
      }
      if (top.indent !== column || top.mapping === dash) throw GIVE_UP;
    }
    if (dash) this.item(at, column, end);
    else this.entry(at, column, end);
  }

  /** A sequence item: `-` then its value on this line, or on the next lines. */
  private item(at: number, column: number, end: number): void {
    const { text } = this;
    let v = at + 1;
    while (v < end && text.charCodeAt(v) === SPACE) v++;
    if (v === end || text.charCodeAt(v) === HASH) {
      this.wait(column, undefined, -1, -1);
      return;
    }
    if (this.itemDash(v, end)) throw GIVE_UP; // a sequence in a sequence item
    if (this.separator(v, end) >= 0) {
      // `- key: value`: a mapping whose keys sit at the column after the dash.
      const keyColumn = v - (at - column);
      this.open({}, true, keyColumn, -1, -1, v, undefined);
      this.entry(v, keyColumn, end);
      return;
    }
    this.inline(v, end, -1, -1, undefined);
    this.scalarColumn = column;
  }

  /** A mapping entry `key: value` or `key:` starting at `at`. */
  private entry(at: number, column: number, end: number): void {
    const { text } = this;
    const first = text.charCodeAt(at);
    if (NOT_PLAIN[first] === 1 || first === DASH) throw GIVE_UP;
    const colon = this.separator(at, end);
    if (colon < 0) throw GIVE_UP;
    const keyEnd = this.trimEnd(colon);
    if (keyEnd - at > MAX_KEY_LENGTH) throw GIVE_UP;
    const key = this.key(at, keyEnd);
    const frame = this.frames[this.frames.length - 1]!;
    if (Object.prototype.hasOwnProperty.call(frame.value, key)) throw GIVE_UP; // js-yaml's error
    let v = colon + 1;
    while (v < end && text.charCodeAt(v) === SPACE) v++;
    if (v === end || text.charCodeAt(v) === HASH) {
      this.wait(column, key, at, keyEnd);
      return;
    }
    this.inline(v, end, at, keyEnd, key);
    this.scalarColumn = column;
  }

  /**
   * The key written from `start` to `end`, as a string; gives up on keys the block subset leaves to
   * js-yaml. A key seen before is the string made the first time: the same spelling is then one
   * string, which the property lookups that follow find without hashing it again.
   */
  private key(start: number, end: number): string {
    const { text } = this;
    let hash = end - start;
    for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    const slot = hash & (KEY_SLOTS - 1);
    const seen = keys[slot];
    if (seen !== undefined && seen.length === end - start && text.startsWith(seen, start)) return seen;
    const raw = text.slice(start, end);
    const resolved = resolvePlainValue(raw);
    if (
      resolved === MERGE_KEY ||
      String(resolved) !== raw ||
      raw === '__proto__' ||
      (typeof resolved === 'number' && DIGITS.test(raw))
    ) {
      throw GIVE_UP;
    }
    keys[slot] = raw;
    return raw;
  }

  /** Records a `key:` or `-` whose value starts on a later line. */
  private wait(column: number, key: string | undefined, keyStart: number, keyEnd: number): void {
    this.pendingColumn = column;
    this.pendingKey = key;
    this.pendingKeyStart = keyStart;
    this.pendingKeyEnd = keyEnd;
  }

  /** Whether `at` holds a sequence item's `-`: a dash followed by a space or the end of the line. */
  private itemDash(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** `end` moved back over the spaces before it. */
  private trimEnd(end: number): number {
    while (this.text.charCodeAt(end - 1) === SPACE) end--;
    return end;
  }

  /**
   * Where the key of a mapping entry starting at `at` ends: the first `:` followed by a space or the
   * end of the line; -1 when there is none (before a comment). A key holding `:` is left to js-yaml.
   */
  private separator(at: number, end: number): number {
    const { text } = this;
    for (let i = at; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COLON) {
        if (i + 1 === end || text.charCodeAt(i + 1) === SPACE) return i;
        return -1;
      }
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** A value on the line of its key or dash, starting at `v`: a scalar, `[]` or `{}`. */
  private inline(v: number, end: number, keyStart: number, keyEnd: number, key: string | undefined): void {
    const { text } = this;
    const ch = text.charCodeAt(v);
    let value: unknown;
    let stop: number;
    if (ch === DOUBLE_QUOTE || ch === SINGLE_QUOTE) {
      const quoted = this.quoted(v, end);
      value = quoted.value;
      stop = quoted.stop;
    } else if (
      (ch === OPEN_BRACKET && text.charCodeAt(v + 1) === CLOSE_BRACKET) ||
      (ch === OPEN_BRACE && text.charCodeAt(v + 1) === CLOSE_BRACE)
    ) {
      value = ch === OPEN_BRACKET ? [] : {};
      stop = v + 2;
    } else if (ch === OPEN_BRACKET) {
      stop = this.flowSequence(v, end, keyStart, keyEnd, key);
      this.rest(stop, end);
      return;
    } else {
      if (NOT_PLAIN[ch] === 1 || ch === BACKSLASH) throw GIVE_UP;
      if (this.itemDash(v, end)) throw GIVE_UP;
      let e = end;
      for (let i = v + 1; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
          e = i;
          break;
        }
        if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) throw GIVE_UP;
      }
      e = this.trimEnd(e);
      value = resolvePlainValue(text.slice(v, e));
      if (value === MERGE_KEY) throw GIVE_UP;
      this.attach(value, key);
      this.node(keyStart, keyEnd, v, e, 1);
      return;
    }
    this.rest(stop, end);
    this.attach(value, key);
    const isCollection = typeof value === 'object';
    this.node(keyStart, keyEnd, v, isCollection ? v + 1 : stop, 1);
  }

  /** After a quoted scalar or a flow collection: nothing but spaces and a comment. */
  private rest(stop: number, end: number): void {
    const { text } = this;
    let after = stop;
    while (after < end && text.charCodeAt(after) === SPACE) after++;
    if (after < end && !(after > stop && text.charCodeAt(after) === HASH)) throw GIVE_UP;
  }

  /** A quoted scalar on one line starting at `v`: double-quoted without escapes, or single-quoted. */
  private quoted(v: number, end: number): { value: string; stop: number } {
    const { text } = this;
    if (text.charCodeAt(v) === DOUBLE_QUOTE) {
      const close = text.indexOf('"', v + 1);
      if (close === -1 || close >= end) throw GIVE_UP;
      const value = text.slice(v + 1, close);
      if (value.includes('\\')) throw GIVE_UP;
      return { value, stop: close + 1 };
    }
    let close = v + 1;
    for (;;) {
      close = text.indexOf("'", close);
      if (close === -1 || close >= end) throw GIVE_UP;
      if (text.charCodeAt(close + 1) !== SINGLE_QUOTE) break;
      close += 2;
    }
    const inner = text.slice(v + 1, close);
    return { value: inner.includes("''") ? inner.replaceAll("''", "'") : inner, stop: close + 1 };
  }

  /**
   * A flow sequence of scalars on one line (`["sh", "-c", "echo"]`, `[ALL]`) starting at `v`; returns
   * where it ends (after `]`). Nested collections, empty entries and a trailing comma are left to js-yaml.
   */
  private flowSequence(
    v: number,
    end: number,
    keyStart: number,
    keyEnd: number,
    key: string | undefined,
  ): number {
    const { text } = this;
    // A collection like the block ones, opened and closed on this line (its indent is never compared).
    this.open([], false, -1, keyStart, keyEnd, v, key);
    let i = v + 1;
    for (;;) {
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i >= end) throw GIVE_UP;
      const ch = text.charCodeAt(i);
      let value: unknown;
      let stop: number;
      let after: number;
      if (ch === DOUBLE_QUOTE || ch === SINGLE_QUOTE) {
        ({ value, stop } = this.quoted(i, end));
        after = stop;
      } else {
        if (NOT_PLAIN[ch] === 1 || ch === BACKSLASH) throw GIVE_UP;
        if (ch === DASH) {
          const second = text.charCodeAt(i + 1);
          if (this.itemDash(i, end) || second === COMMA || NOT_IN_FLOW_PLAIN[second] === 1) throw GIVE_UP;
        }
        after = i + 1;
        for (; after < end; after++) {
          const c = text.charCodeAt(after);
          if (c === COMMA || c === CLOSE_BRACKET) break;
          if (NOT_IN_FLOW_PLAIN[c] === 1) throw GIVE_UP;
        }
        stop = this.trimEnd(after);
        value = resolvePlainValue(text.slice(i, stop));
        if (value === MERGE_KEY) throw GIVE_UP;
      }
      this.attach(value, undefined);
      this.node(-1, -1, i, stop, 1);
      i = after;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      const next = text.charCodeAt(i);
      if (next === CLOSE_BRACKET) break;
      if (next !== COMMA) throw GIVE_UP;
      i++;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (text.charCodeAt(i) === CLOSE_BRACKET || text.charCodeAt(i) === COMMA) throw GIVE_UP;
    }
    this.close();
    return i + 1;
  }

  private open(
    value: Record<string, unknown> | unknown[],
    mapping: boolean,
    indent: number,
    keyStart: number,
    keyEnd: number,
    start: number,
    key: string | undefined,
  ): void {
    // Deep nesting is js-yaml's to judge (it refuses documents nested more than 100 deep).
    if (this.frames.length >= MAX_BLOCK_DEPTH) throw GIVE_UP;
    this.attach(value, key);
    const node = this.node(keyStart, keyEnd, start, start + 1, 0);
    this.frames.push({ mapping, indent, value, node });
  }

  /** Closes the innermost collection: its size, and its end (the furthest end of what it holds). */
  private close(): void {
    const frame = this.frames.pop()!;
    const base = frame.node * FIELDS;
    let end = scratch[base + END]!;
    for (let child = frame.node + 1; child < this.count; child += scratch[child * FIELDS + SIZE]!) {
      end = Math.max(end, scratch[child * FIELDS + END]!);
    }
    scratch[base + END] = end;
    scratch[base + SIZE] = this.count - frame.node;
  }

  private attach(value: unknown, key: string | undefined): void {
    const parent = this.frames[this.frames.length - 1];
    if (parent === undefined) this.root = value;
    else if (parent.mapping) (parent.value as Record<string, unknown>)[key!] = value;
    else (parent.value as unknown[]).push(value);
  }

  private node(keyStart: number, keyEnd: number, start: number, end: number, size: number): number {
    const index = this.count++;
    if (this.count * FIELDS > scratch.length) {
      const grown = new Int32Array(scratch.length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    const base = index * FIELDS;
    scratch[base + KEY_START] = keyStart;
    scratch[base + KEY_END] = keyEnd;
    scratch[base + START] = start;
    scratch[base + END] = end;
    scratch[base + SIZE] = size;
    return index;
  }
}

/**
 * Characters the block reader leaves to js-yaml: those js-yaml rejects (its non-printable pattern),
 * any surrogate (js-yaml rejects unpaired ones), a byte order mark, tabs, and carriage returns that
 * do not end a line. One character class: the whole file is tested once, as fast as a scan can be.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_FOR_BLOCK_READER = /[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;
const LONE_RETURN = /\r(?!\n)/;

/** False when the text holds a character the block reader leaves to js-yaml (see readBlock). */
export function blockReadable(text: string): boolean {
  return !NOT_FOR_BLOCK_READER.test(text) && !(text.includes('\r') && LONE_RETURN.test(text));
}

/**
 * The value of the document in `text` from `start` to `end`, with its nodes' positions (offsets in
 * `text`); undefined when the document is not in the subset this reader covers. `checked`: the
 * caller has found the whole text blockReadable (once for many documents). `shared`: the document
 * is one of a file's, read together, and its nodes may go into a block shared with them; a
 * document read again on its own (the editor's edit of one document) gets an array of its own, so
 * that it never keeps alive a block whose other documents were replaced.
 */
export function readBlock(
  text: string,
  start: number,
  end: number,
  checked = false,
  shared = false,
): { value: unknown; nodes: Int32Array } | undefined {
  if (!checked && !blockReadable(text.slice(start, end))) return undefined;
  try {
    return new Reader(text, shared).read(start, end);
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  } finally {
    // A huge document grew the scratch array: it is not kept at that size for the next ones.
    if (scratch.length > SCRATCH_NODES * FIELDS * 64) scratch = new Int32Array(SCRATCH_NODES * FIELDS);
  }
}

/** A document read by readBlock: its locations come from the node array, walked with the value. */
export class BlockDocument implements ManifestDocument {
  readonly syntaxError = undefined;
  /** The block subset has no aliases. */
  readonly tree = true;

  constructor(
    readonly index: number,
    readonly range: Range,
    readonly value: unknown,
    readonly templated: boolean,
    private readonly nodes: Int32Array,
  ) {}

  locate(path: Path): NodeLocation | undefined {
    const { nodes } = this;
    let node = 0;
    let value = this.value;
    let keyed = false;
    for (const segment of path) {
      if (Array.isArray(value)) {
        if (
          typeof segment !== 'number' ||
          !Number.isInteger(segment) ||
          segment < 0 ||
          segment >= value.length
        ) {
          return undefined;
        }
        let child = node + 1;
        for (let i = 0; i < segment; i++) child += nodes[child * FIELDS + SIZE]!;
        node = child;
        value = value[segment];
        keyed = false;
      } else if (typeof value === 'object' && value !== null) {
        const name = String(segment);
        if (!Object.prototype.hasOwnProperty.call(value, name)) return undefined;
        let child = node + 1;
        for (const key in value) {
          if (key === name) break;
          child += nodes[child * FIELDS + SIZE]!;
        }
        node = child;
        value = (value as Record<string, unknown>)[name];
        keyed = true;
      } else {
        return undefined;
      }
    }
    const base = node * FIELDS;
    const range = { start: nodes[base + START]!, end: nodes[base + END]! };
    return keyed
      ? { key: { start: nodes[base + KEY_START]!, end: nodes[base + KEY_END]! }, value: range }
      : { value: range };
  }

  nodeAt(offset: number): { path: Path; on: 'key' | 'value' } | undefined {
    const { nodes } = this;
    if (!within(nodes, 0, START, offset)) return undefined;
    const path: Array<string | number> = [];
    let node = 0;
    let value = this.value;
    for (;;) {
      let next = -1;
      let nextValue: unknown;
      let child = node + 1;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (within(nodes, child, START, offset)) {
            path.push(i);
            next = child;
            nextValue = value[i];
            break;
          }
          child += nodes[child * FIELDS + SIZE]!;
        }
      } else if (typeof value === 'object' && value !== null) {
        for (const key in value) {
          if (within(nodes, child, KEY_START, offset)) {
            path.push(key);
            return { path, on: 'key' };
          }
          if (within(nodes, child, START, offset)) {
            path.push(key);
            next = child;
            nextValue = (value as Record<string, unknown>)[key];
            break;
          }
          child += nodes[child * FIELDS + SIZE]!;
        }
      }
      if (next < 0) return path.length > 0 ? { path, on: 'value' } : undefined;
      node = next;
      value = nextValue;
    }
  }
}

/** Whether `offset` lies in the node's key (field KEY_START) or value (field START) range, ends included. */
function within(
  nodes: Int32Array,
  node: number,
  field: typeof KEY_START | typeof START,
  offset: number,
): boolean {
  const start = nodes[node * FIELDS + field]!;
  return start >= 0 && offset >= start && offset <= nodes[node * FIELDS + field + 1]!;
}
