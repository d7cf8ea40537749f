import {
  EVENT_ALIAS,
  EVENT_DOCUMENT,
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  EVENT_SEQUENCE,
  SCALAR_STYLE,
  constructFromEvents,
  getScalarValue,
  parseEvents,
  type Event,
} from 'js-yaml';
import type {
  ManifestDocument,
  NodeLocation,
  ParsedFile,
  Path,
  Position,
  Range,
  YamlSyntaxError,
} from './types';
import { BlockDocument, blockReadable, readBlock } from './block';
import { KUBERNETES_YAML_SCHEMA, MERGE_KEY, resolvePlain } from './scalars';

/** Aliases are rare in manifests; a cap keeps alias bombs from exploding anything that walks the value. */
const MAX_ALIASES = 200;
const MAX_DEPTH = 100;

/** A line that starts a new YAML document (`---`) or ends one (`...`); never legal inside content. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

export function parseManifests(text: string): ParsedFile {
  return { text, documents: [...iterateDocuments(text)], lineStarts: computeLineStarts(text) };
}

/**
 * Parses the documents a few at a time, so that a caller that is done with a document (the CLI's
 * lint) lets it go before the next are parsed: large files then never hold every document's events.
 * Each document is read by the block reader (block.ts) when it is in the subset that reader covers,
 * which is nearly every manifest; the others go to js-yaml. Consecutive documents are read by one
 * js-yaml call (each call has a set-up cost that dominates on
 * small documents); a batch that fails or does not split back into its documents is read one
 * document at a time, so every document keeps its own result and error.
 */
export function* iterateDocuments(
  text: string,
  batched = true,
  /** Read what the block reader covers with it (false: js-yaml reads everything, as tests compare). */
  block = true,
): Generator<ManifestDocument> {
  let index = 0;
  const chunks = splitDocuments(text);
  // Directives (`%YAML`, `%TAG`) belong to the document that follows; those files go one by one.
  // Looked for only when a document is left to js-yaml.
  let canBatch: boolean | undefined;
  // Most documents are read by the block reader, without js-yaml's events; the rest by js-yaml.
  const readable = block && blockReadable(text);
  const templated = templateFinder(text);
  for (let i = 0; i < chunks.length;) {
    if (readable) {
      const [start, end] = chunks[i]!;
      const read = readBlock(text, start, end, true, true);
      if (read) {
        yield new BlockDocument(index++, { start, end }, read.value, templated(start, end), read.nodes);
        i++;
        continue;
      }
    }
    canBatch ??= batched && !text.startsWith('%') && !text.includes('\n%');
    let j = i;
    while (canBatch && j < chunks.length && chunkEnd(chunks, j) - chunkStart(chunks, i) <= BATCH_CHARS) {
      if (!HAS_CONTENT.test(text.slice(chunkStart(chunks, j), chunkEnd(chunks, j)))) break;
      j++;
    }
    const next = Math.max(j, i + 1);
    let done = i;
    const batch = j - i >= 2 ? readBatch(text, chunks.slice(i, j)) : undefined;
    if (batch) {
      for (const document of batchDocuments(text, batch, index)) {
        index++;
        done++;
        yield document;
      }
    }
    // One chunk at a time: without a batch, or from where the batch's constructor failed.
    for (let k = done; k < next; k++) {
      const [start, end] = chunks[k]!;
      // Chunk i has been offered to the block reader above (when the text is readable): not again.
      const document = parseDocument(text, start, end, index, block && !(readable && k === i));
      if (document) {
        index++;
        yield document;
      }
    }
    i = next;
  }
}

/** About this much text is read by one js-yaml call; its documents' events live until the last is linted. */
const BATCH_CHARS = 16 * 1024;

function chunkStart(chunks: ReadonlyArray<readonly [number, number]>, i: number): number {
  return chunks[i]?.[0] ?? 0;
}

function chunkEnd(chunks: ReadonlyArray<readonly [number, number]>, i: number): number {
  return chunks[i]?.[1] ?? 0;
}

interface Batch {
  readonly chunks: ReadonlyArray<readonly [number, number]>;
  /** The text of all the chunks, read by one js-yaml call; it starts at `base` in the file. */
  readonly source: string;
  readonly base: number;
  /** Each chunk's events, starting with its document event. */
  readonly events: readonly Event[][];
}

/**
 * The events of consecutive chunks (each with content) read by one js-yaml call; undefined when the
 * chunks must be read one at a time (an error anywhere, or events that do not split into one
 * document per chunk, each starting inside its chunk).
 */
function readBatch(text: string, chunks: ReadonlyArray<readonly [number, number]>): Batch | undefined {
  const base = chunkStart(chunks, 0);
  const source = text.slice(base, chunkEnd(chunks, chunks.length - 1));
  let events: Event[];
  try {
    events = parseEvents(source, { maxDepth: MAX_DEPTH });
  } catch {
    return undefined;
  }
  const perDocument: Event[][] = [];
  let from = 0;
  for (let k = 1; k <= events.length; k++) {
    if (k === events.length || events[k]?.type === EVENT_DOCUMENT) {
      perDocument.push(events.slice(from, k));
      from = k;
    }
  }
  if (perDocument.length !== chunks.length) return undefined;
  for (let d = 0; d < chunks.length; d++) {
    const first = perDocument[d]?.[1];
    const at = first === undefined ? -1 : eventStart(first);
    if (at < chunkStart(chunks, d) - base || at >= chunkEnd(chunks, d) - base) return undefined;
  }
  return { chunks, source, base, events: perDocument };
}

/**
 * The batch's documents, each built when it is asked for (as parseDocument would build it alone);
 * stops before a document js-yaml's constructor rejects, which is then read alone for its error.
 */
function* batchDocuments(text: string, batch: Batch, index: number): Generator<ManifestDocument> {
  const { source, base } = batch;
  for (let d = 0; d < batch.chunks.length; d++) {
    const start = chunkStart(batch.chunks, d);
    const end = chunkEnd(batch.chunks, d);
    const own = batch.events[d] ?? [];
    const templated = TEMPLATE_MARKUP.test(text.slice(start, end));
    let value: unknown;
    const built = constructPlain(own, source);
    if (built) {
      value = built.value;
    } else {
      try {
        value = constructWithJsYaml(own, source);
      } catch {
        return;
      }
    }
    yield new SourceDocument(index + d, { start, end }, value, templated, own, source, undefined, base);
  }
}

/** Where a document's first node event starts in its source, or -1 when the event does not say. */
function eventStart(event: Event): number {
  if (event.type === EVENT_MAPPING || event.type === EVENT_SEQUENCE) return event.start;
  if (event.type === EVENT_SCALAR) {
    for (const at of [event.anchorStart, event.tagStart, event.valueStart]) if (at >= 0) return at;
  }
  if (event.type === EVENT_ALIAS) return event.anchorStart - 1;
  return -1;
}

/** Splits the text at document markers; each chunk keeps its own `---` line. */
export function splitDocuments(text: string): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  let chunkStart = 0;
  DOCUMENT_MARKER.lastIndex = 0;
  for (let m = DOCUMENT_MARKER.exec(text); m !== null; m = DOCUMENT_MARKER.exec(text)) {
    if (m[0] === '---') {
      if (m.index > chunkStart) chunks.push([chunkStart, m.index]);
      chunkStart = m.index;
    } else {
      // `...` closes the current document; it stays with it.
      const lineEnd = text.indexOf('\n', m.index);
      const end = lineEnd === -1 ? text.length : lineEnd + 1;
      chunks.push([chunkStart, end]);
      chunkStart = end;
    }
  }
  if (chunkStart < text.length) chunks.push([chunkStart, text.length]);
  return chunks;
}

/** Whether the text between two offsets holds template markup, asked in increasing order of offsets. */
function templateFinder(text: string): (start: number, end: number) => boolean {
  let next = text.indexOf('{{');
  return (start, end) => {
    if (next !== -1 && next < start) next = text.indexOf('{{', start);
    return next !== -1 && next + 2 <= end;
  };
}

const HAS_CONTENT = /^(?!\s*#)(?!---\s*(?:#.*)?$)(?!\.\.\.)\s*\S/m;
const TEMPLATE_MARKUP = /\{\{/;

export function parseDocument(
  text: string,
  start: number,
  end: number,
  index: number,
  block = true,
): ManifestDocument | undefined {
  const source = text.slice(start, end);
  if (!HAS_CONTENT.test(source)) return undefined;
  const templated = TEMPLATE_MARKUP.test(source);
  const read = block && blockReadable(source) ? readBlock(text, start, end, true) : undefined;
  if (read) return new BlockDocument(index, { start, end }, read.value, templated, read.nodes);
  let events: Event[];
  let value: unknown;
  try {
    events = parseEvents(source, { maxDepth: MAX_DEPTH });
    // Most manifests use no tags, anchors or merge keys: one walk then builds the value.
    const built = constructPlain(events, source);
    value = built ? built.value : constructWithJsYaml(events, source);
  } catch (error) {
    return new SourceDocument(
      index,
      { start, end },
      undefined,
      templated,
      [],
      '',
      toSyntaxError(error, start),
    );
  }
  return new SourceDocument(index, { start, end }, value, templated, events, source, undefined);
}

function toSyntaxError(error: unknown, base: number): YamlSyntaxError {
  const e = error as { reason?: unknown; message?: unknown; mark?: { position?: unknown } };
  const reason =
    typeof e.reason === 'string' && e.reason !== ''
      ? e.reason
      : typeof e.message === 'string'
        ? (e.message.split('\n')[0] ?? 'invalid YAML')
        : 'invalid YAML';
  const position = typeof e.mark?.position === 'number' ? e.mark.position : 0;
  return { message: reason, offset: base + position };
}

class SourceDocument implements ManifestDocument {
  constructor(
    readonly index: number,
    readonly range: Range,
    readonly value: unknown,
    readonly templated: boolean,
    private readonly events: readonly Event[],
    /** The text the events were read from (the document's, or its batch's): event offsets are relative to it. */
    private readonly source: string,
    readonly syntaxError: YamlSyntaxError | undefined,
    /** Where `source` starts in the file (a batch of documents may share one source). */
    private readonly base: number = range.start,
  ) {}

  get tree(): boolean {
    return !this.events.some((event) => event.type === EVENT_ALIAS);
  }

  /**
   * Locations are read from the document's events, which it keeps, rather than from a tree of
   * positions: most documents (those without findings) are never asked, and a path walks past
   * siblings without building anything.
   */
  locate(path: Path): NodeLocation | undefined {
    const { events, source, base } = this;
    let at = firstNode(events);
    if (at < 0) return undefined;
    let key: Range | undefined;
    for (const segment of path) {
      const event = events[at]!;
      if (event.type === EVENT_MAPPING) {
        const name = String(segment);
        let entry = at + 1;
        for (;;) {
          const keyEvent = events[entry];
          if (keyEvent === undefined || keyEvent.type === EVENT_POP) return undefined;
          const valueAt = after(events, entry);
          if (keyText(source, keyEvent) === name) {
            key = rangeOf(events, entry, base);
            at = valueAt;
            break;
          }
          entry = after(events, valueAt);
        }
      } else if (event.type === EVENT_SEQUENCE && Number.isInteger(segment) && (segment as number) >= 0) {
        let item = at + 1;
        for (let n = 0; n < (segment as number) && events[item]?.type !== EVENT_POP; n++)
          item = after(events, item);
        if (events[item] === undefined || events[item]?.type === EVENT_POP) return undefined;
        key = undefined;
        at = item;
      } else {
        return undefined;
      }
    }
    const value = rangeOf(events, at, base);
    return key ? { key, value } : { value };
  }

  nodeAt(offset: number): { path: Path; on: 'key' | 'value' } | undefined {
    const { events, source, base } = this;
    let at = firstNode(events);
    if (at < 0 || !contains(rangeOf(events, at, base), offset)) return undefined;
    const path: Array<string | number> = [];
    for (;;) {
      const event = events[at]!;
      let next = -1;
      if (event.type === EVENT_MAPPING) {
        const seen = new Set<string>();
        for (let entry = at + 1; events[entry] !== undefined && events[entry]?.type !== EVENT_POP;) {
          const valueAt = after(events, entry);
          const name = keyText(source, events[entry]!);
          // A repeated key is not an entry of its own: the first one is (as `locate` finds it).
          if (!seen.has(name)) {
            seen.add(name);
            if (contains(rangeOf(events, entry, base), offset)) {
              path.push(name);
              return { path, on: 'key' };
            }
            if (contains(rangeOf(events, valueAt, base), offset)) {
              path.push(name);
              next = valueAt;
              break;
            }
          }
          entry = after(events, valueAt);
        }
      } else if (event.type === EVENT_SEQUENCE) {
        for (
          let item = at + 1, index = 0;
          events[item] !== undefined && events[item]?.type !== EVENT_POP;
          index++
        ) {
          if (contains(rangeOf(events, item, base), offset)) {
            path.push(index);
            next = item;
            break;
          }
          item = after(events, item);
        }
      }
      if (next < 0) return path.length > 0 ? { path, on: 'value' } : undefined;
      at = next;
    }
  }
}

function contains(range: Range, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}

/** The index of the first node event (the document's root), or -1 when there is none. */
function firstNode(events: readonly Event[]): number {
  for (let i = 0; i < events.length; i++) {
    const type = events[i]!.type;
    if (type === EVENT_POP) return -1;
    if (type !== EVENT_DOCUMENT) return i;
  }
  return -1;
}

/** The index of the event after the node that starts at `at` (after a collection's closing pop). */
function after(events: readonly Event[], at: number): number {
  const type = events[at]?.type;
  if (type !== EVENT_MAPPING && type !== EVENT_SEQUENCE) return at + 1;
  let depth = 0;
  for (let i = at; i < events.length; i++) {
    const t = events[i]!.type;
    if (t === EVENT_MAPPING || t === EVENT_SEQUENCE) depth++;
    else if (t === EVENT_POP && --depth === 0) return i + 1;
  }
  return events.length;
}

/** A mapping key's name as locations use it: a scalar's text, '' for any other key. */
function keyText(source: string, event: Event): string {
  return event.type === EVENT_SCALAR ? getScalarValue(source, event) : '';
}

/**
 * The source range of the node starting at event `at`: a scalar's text (quotes included, so that a
 * fix replaces the whole value), an alias's `*name`, or a collection from its start to the furthest
 * end of what it holds (one character when empty).
 */
function rangeOf(events: readonly Event[], at: number, base: number): Range {
  const event = events[at]!;
  if (event.type === EVENT_SCALAR) return scalarRange(event, base);
  if (event.type === EVENT_ALIAS) return { start: base + event.anchorStart - 1, end: base + event.anchorEnd };
  if (event.type !== EVENT_MAPPING && event.type !== EVENT_SEQUENCE) return { start: base, end: base };
  const start = base + event.start;
  let end = start + 1;
  for (let i = at + 1, stop = after(events, at) - 1; i < stop; i++) {
    const inner = events[i]!;
    let innerEnd = -1;
    if (inner.type === EVENT_SCALAR) innerEnd = scalarRange(inner, base).end;
    else if (inner.type === EVENT_ALIAS) innerEnd = base + inner.anchorEnd;
    else if (inner.type === EVENT_MAPPING || inner.type === EVENT_SEQUENCE) innerEnd = base + inner.start + 1;
    if (innerEnd > end) end = innerEnd;
  }
  return { start, end };
}

const STRING_TAG = KUBERNETES_YAML_SCHEMA.defaultScalarTag;

/** The source range of a scalar event, quotes included (so that a fix replaces the whole value). */
function scalarRange(event: Extract<Event, { type: typeof EVENT_SCALAR }>, base: number): Range {
  let start = event.valueStart < 0 ? (event.tagEnd >= 0 ? event.tagEnd : event.anchorEnd) : event.valueStart;
  let end = event.valueEnd < 0 ? start : event.valueEnd;
  if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) {
    start -= 1;
    end += 1;
  }
  return { start: base + Math.max(start, 0), end: base + Math.max(end, 0) };
}

/** The first document of `events` as js-yaml constructs it (tags, anchors, merge keys and all). */
export function constructWithJsYaml(events: readonly Event[], source: string): unknown {
  return constructFromEvents(events as Event[], {
    source,
    schema: KUBERNETES_YAML_SCHEMA,
    maxAliases: MAX_ALIASES,
  })[0];
}

/** In a mapping of the plain walk: no key read yet, so the next node is a key. */
const NO_KEY = Symbol('no key');

/**
 * The value of a one-document event stream, as constructFromEvents builds it, in one walk without
 * js-yaml's per-node bookkeeping; undefined (leave it to js-yaml) for anything but untagged scalars,
 * mappings with scalar keys and sequences: tags, anchors, aliases, merge keys, duplicate keys
 * (js-yaml's error) and `__proto__` keys. Positions are not built here: most documents never need
 * one, and locations are read from the same events when one is asked for.
 */
export function constructPlain(events: readonly Event[], source: string): { value: unknown } | undefined {
  // The open collections, and for each mapping the key waiting for its value.
  const open: Array<Record<string, unknown> | unknown[]> = [];
  const keys: Array<string | typeof NO_KEY> = [];
  let depth = 0;
  let value: unknown;
  let found = false;
  let documents = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    let child: unknown;
    let scalar = false;
    switch (event.type) {
      case EVENT_SCALAR: {
        if (event.tagStart >= 0 || event.anchorStart >= 0) return undefined;
        const text = getScalarValue(source, event);
        if (event.style === SCALAR_STYLE.PLAIN) {
          child = resolvePlain(text);
          if (child === MERGE_KEY) return undefined;
        } else {
          child = STRING_TAG.resolve(text, false, STRING_TAG.tagName);
        }
        scalar = true;
        break;
      }
      case EVENT_MAPPING:
      case EVENT_SEQUENCE:
        if (event.tagStart >= 0 || event.anchorStart >= 0) return undefined;
        open[depth] = event.type === EVENT_MAPPING ? {} : [];
        keys[depth] = NO_KEY;
        depth++;
        continue;
      case EVENT_POP:
        if (depth === 0) continue;
        depth--;
        if (keys[depth] !== NO_KEY) return undefined; // a key without its value
        child = open[depth];
        break;
      case EVENT_ALIAS:
        return undefined;
      default:
        // A document start; a chunk holding a second document is left to js-yaml.
        if (++documents > 1) return undefined;
        continue;
    }
    if (depth === 0) {
      if (!found) value = child;
      found = true;
      continue;
    }
    const parent = open[depth - 1]!;
    if (Array.isArray(parent)) {
      parent.push(child);
      continue;
    }
    const key = keys[depth - 1]!;
    if (key !== NO_KEY) {
      parent[key] = child;
      keys[depth - 1] = NO_KEY;
      continue;
    }
    if (!scalar) return undefined; // a collection as a key
    const name = String(child);
    if (name === '__proto__' || Object.prototype.hasOwnProperty.call(parent, name)) return undefined;
    keys[depth - 1] = name;
  }
  // No node at all (an empty document): js-yaml's own value for it.
  if (!found) return undefined;
  return { value };
}

export function computeLineStarts(text: string): number[] {
  // One pass: growing the array costs less than a second search for every line break.
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The positions of the offsets (as positionAt gives them), found by one walk forward over the text
 * instead of a table of every line's start: for a few offsets in a large file.
 */
export function positionsOf(text: string, offsets: readonly number[]): Map<number, Position> {
  const positions = new Map<number, Position>();
  let line = 0;
  let lineStart = 0;
  let next = text.indexOf('\n');
  for (const offset of [...new Set(offsets)].sort((a, b) => a - b)) {
    while (next !== -1 && next < offset) {
      line++;
      lineStart = next + 1;
      next = text.indexOf('\n', lineStart);
    }
    positions.set(offset, { line, character: offset - lineStart });
  }
  return positions;
}

export function positionAt(lineStarts: readonly number[], offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - (lineStarts[low] ?? 0) };
}
