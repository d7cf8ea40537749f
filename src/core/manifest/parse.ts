import {
  EVENT_ALIAS,
  EVENT_DOCUMENT,
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  EVENT_SEQUENCE,
  SCALAR_STYLE,
  Schema,
  YAML11_SCHEMA,
  constructFromEvents,
  getScalarValue,
  parseEvents,
  timestampTag,
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

/**
 * The API server decodes YAML 1.1 (sigs.k8s.io/yaml over go-yaml v2): `yes`/`on`/`y` are booleans and
 * `0755` is octal. Timestamps stay strings, as they do when decoded into JSON.
 */
const KUBERNETES_YAML_SCHEMA = new Schema(YAML11_SCHEMA.tags.filter((tag) => tag !== timestampTag));

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
 * Consecutive documents are read by one js-yaml call (each call has a set-up cost that dominates on
 * small documents); a batch that fails or does not split back into its documents is read one
 * document at a time, so every document keeps its own result and error.
 */
export function* iterateDocuments(text: string, batched = true): Generator<ManifestDocument> {
  let index = 0;
  const chunks = splitDocuments(text);
  // Directives (`%YAML`, `%TAG`) belong to the document that follows; those files go one by one.
  const canBatch = batched && !text.startsWith('%') && !text.includes('\n%');
  for (let i = 0; i < chunks.length;) {
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
    for (const [start, end] of chunks.slice(done, next)) {
      const document = parseDocument(text, start, end, index);
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
    const built = constructPlain(own, source, base);
    if (built) {
      yield new SourceDocument(
        index + d,
        { start, end },
        built.value,
        templated,
        [],
        '',
        undefined,
        built.tree,
        base,
      );
      continue;
    }
    let value: unknown;
    try {
      value = constructWithJsYaml(own, source);
    } catch {
      return;
    }
    yield new SourceDocument(
      index + d,
      { start, end },
      value,
      templated,
      own,
      source,
      undefined,
      undefined,
      base,
    );
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

const HAS_CONTENT = /^(?!\s*#)(?!---\s*(?:#.*)?$)(?!\.\.\.)\s*\S/m;
const TEMPLATE_MARKUP = /\{\{/;

export function parseDocument(
  text: string,
  start: number,
  end: number,
  index: number,
): ManifestDocument | undefined {
  const source = text.slice(start, end);
  if (!HAS_CONTENT.test(source)) return undefined;
  const templated = TEMPLATE_MARKUP.test(source);
  let events: Event[];
  let value: unknown;
  try {
    events = parseEvents(source, { maxDepth: MAX_DEPTH });
    // Most manifests use no tags, anchors or merge keys: one walk then builds the value and the
    // position tree together, and the events can go at once.
    const built = constructPlain(events, source, start);
    if (built)
      return new SourceDocument(
        index,
        { start, end },
        built.value,
        templated,
        [],
        source,
        undefined,
        built.tree,
      );
    value = constructWithJsYaml(events, source);
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

interface PositionNode {
  readonly kind: 'mapping' | 'sequence' | 'scalar' | 'alias';
  readonly start: number;
  end: number;
  readonly entries?: Map<string, { key: PositionNode; value: PositionNode }>;
  readonly items?: PositionNode[];
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
    /** The position tree, when it was built with the value; else it is built from the events on first use. */
    private tree: PositionNode | null | undefined = undefined,
    /** Where `source` starts in the file (a batch of documents may share one source). */
    private readonly base: number = range.start,
  ) {}

  locate(path: Path): NodeLocation | undefined {
    let node = this.root();
    if (!node) return undefined;
    let key: PositionNode | undefined;
    for (const segment of path) {
      if (node.kind === 'mapping') {
        const entry: { key: PositionNode; value: PositionNode } | undefined = node.entries?.get(
          String(segment),
        );
        if (!entry) return undefined;
        key = entry.key;
        node = entry.value;
      } else if (node.kind === 'sequence' && typeof segment === 'number') {
        const item: PositionNode | undefined = node.items?.[segment];
        if (!item) return undefined;
        key = undefined;
        node = item;
      } else {
        return undefined;
      }
    }
    const value = { start: node.start, end: node.end };
    return key ? { key: { start: key.start, end: key.end }, value } : { value };
  }

  nodeAt(offset: number): { path: Path; on: 'key' | 'value' } | undefined {
    let node = this.root();
    if (!node || offset < node.start || offset > node.end) return undefined;
    const path: Array<string | number> = [];
    for (;;) {
      let next: PositionNode | undefined;
      if (node.entries) {
        for (const [name, entry] of node.entries) {
          if (offset >= entry.key.start && offset <= entry.key.end) {
            path.push(name);
            return { path, on: 'key' };
          }
          if (offset >= entry.value.start && offset <= entry.value.end) {
            path.push(name);
            next = entry.value;
            break;
          }
        }
      } else if (node.items) {
        const index = node.items.findIndex((item) => offset >= item.start && offset <= item.end);
        if (index >= 0) {
          path.push(index);
          next = node.items[index];
        }
      }
      if (!next) return path.length > 0 ? { path, on: 'value' } : undefined;
      node = next;
    }
  }

  private root(): PositionNode | undefined {
    if (this.tree === undefined) this.tree = buildPositionTree(this.events, this.source, this.base);
    return this.tree ?? undefined;
  }
}

const MERGE_TAG = 'tag:yaml.org,2002:merge';
const STRING_TAG = KUBERNETES_YAML_SCHEMA.defaultScalarTag;

/** The source range of a scalar event, quotes included (so that a fix replaces the whole value). */
function scalarRange(event: Extract<Event, { type: typeof EVENT_SCALAR }>, base: number): PositionNode {
  let start = event.valueStart < 0 ? (event.tagEnd >= 0 ? event.tagEnd : event.anchorEnd) : event.valueStart;
  let end = event.valueEnd < 0 ? start : event.valueEnd;
  if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) {
    start -= 1;
    end += 1;
  }
  return { kind: 'scalar', start: base + Math.max(start, 0), end: base + Math.max(end, 0) };
}

const MERGE_KEY = Symbol('merge key');
/** Plain scalars repeat (keys, `true`, `http`): their YAML 1.1 values, which are primitives. */
const plainValues = new Map<string, unknown>();
const PLAIN_CACHE_LIMIT = 10_000;

function resolvePlain(text: string): unknown {
  let value = plainValues.get(text);
  if (value === undefined && !plainValues.has(text)) {
    const resolved = KUBERNETES_YAML_SCHEMA.resolveImplicitScalarTag(text);
    value = resolved.tag.tagName === MERGE_TAG ? MERGE_KEY : resolved.value;
    // Only primitives are shared between documents; an object would be one value in two places.
    if (typeof value === 'object' && value !== null) return value;
    if (plainValues.size >= PLAIN_CACHE_LIMIT) plainValues.clear();
    plainValues.set(text, value);
  }
  return value;
}

interface PlainFrame {
  readonly node: PositionNode;
  readonly value: Record<string, unknown> | unknown[];
  /** In a mapping: the key read, waiting for its value. */
  key: string | undefined;
  keyNode: PositionNode | undefined;
  keyText: string;
}

/**
 * The value and the position tree of a one-document event stream, in one walk, as
 * constructFromEvents and buildPositionTree would build them; undefined (leave it to js-yaml) for
 * anything but untagged scalars, mappings with scalar keys and sequences: tags, anchors, aliases,
 * merge keys, duplicate keys (js-yaml's error) and `__proto__` keys.
 */
/** The first document of `events` as js-yaml constructs it (tags, anchors, merge keys and all). */
export function constructWithJsYaml(events: readonly Event[], source: string): unknown {
  return constructFromEvents(events as Event[], {
    source,
    schema: KUBERNETES_YAML_SCHEMA,
    maxAliases: MAX_ALIASES,
  })[0];
}

export function constructPlain(
  events: readonly Event[],
  source: string,
  base: number,
): { value: unknown; tree: PositionNode | null } | undefined {
  const stack: PlainFrame[] = [];
  let value: unknown;
  let tree: PositionNode | null = null;
  let documents = 0;
  /** Adds a finished child to the open collection; false when js-yaml must decide. */
  const add = (child: unknown, node: PositionNode, keyText: string | undefined): boolean => {
    const top = stack[stack.length - 1];
    if (!top) {
      value = child;
      tree ??= node;
      return true;
    }
    if (node.end > top.node.end) (top.node as { end: number }).end = node.end;
    if (Array.isArray(top.value)) {
      top.value.push(child);
      top.node.items?.push(node);
    } else if (top.keyNode === undefined) {
      if (keyText === undefined) return false; // a collection as a key
      const key = String(child);
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(top.value, key)) return false;
      top.key = key;
      top.keyNode = node;
      top.keyText = keyText;
    } else {
      top.value[top.key as string] = child;
      if (!top.node.entries?.has(top.keyText))
        top.node.entries?.set(top.keyText, { key: top.keyNode, value: node });
      top.keyNode = undefined;
    }
    return true;
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_SCALAR: {
        if (event.tagStart >= 0 || event.anchorStart >= 0) return undefined;
        const text = getScalarValue(source, event);
        let child: unknown;
        if (event.style === SCALAR_STYLE.PLAIN) {
          const resolved = resolvePlain(text);
          if (resolved === MERGE_KEY) return undefined;
          child = resolved;
        } else {
          child = STRING_TAG.resolve(text, false, STRING_TAG.tagName);
        }
        if (!add(child, scalarRange(event, base), text)) return undefined;
        break;
      }
      case EVENT_MAPPING:
      case EVENT_SEQUENCE: {
        if (event.tagStart >= 0 || event.anchorStart >= 0) return undefined;
        const mapping = event.type === EVENT_MAPPING;
        const start = base + event.start;
        stack.push({
          node: mapping
            ? { kind: 'mapping', start, end: start + 1, entries: new Map() }
            : { kind: 'sequence', start, end: start + 1, items: [] },
          value: mapping ? {} : [],
          key: undefined,
          keyNode: undefined,
          keyText: '',
        });
        break;
      }
      case EVENT_POP: {
        const top = stack.pop();
        if (top) {
          if (top.keyNode !== undefined) return undefined;
          if (!add(top.value, top.node, undefined)) return undefined;
        }
        break;
      }
      case EVENT_ALIAS:
        return undefined;
      default:
        // A document start; a chunk holding a second document is left to js-yaml.
        if (++documents > 1) return undefined;
        break;
    }
  }
  // No node at all (an empty document): js-yaml's own value for it.
  return tree === null ? undefined : { value, tree };
}

/** Builds the source-position tree of the first document of `events` (offsets shifted by `base`). */
export function buildPositionTree(
  events: readonly Event[],
  source: string,
  base: number,
): PositionNode | null {
  const stack: Array<{ node: PositionNode; pendingKey: PositionNode | undefined }> = [];
  const keyNames = new Map<PositionNode, string>();
  let root: PositionNode | null = null;
  const attach = (child: PositionNode): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root ??= child;
      return;
    }
    const parent = top.node;
    if (child.end > parent.end) parent.end = child.end;
    if (parent.items) {
      parent.items.push(child);
    } else if (parent.entries) {
      if (top.pendingKey === undefined) {
        top.pendingKey = child;
      } else {
        const keyText = keyNames.get(top.pendingKey) ?? '';
        if (!parent.entries.has(keyText)) parent.entries.set(keyText, { key: top.pendingKey, value: child });
        top.pendingKey = undefined;
      }
    }
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_MAPPING:
        stack.push({
          node: {
            kind: 'mapping',
            start: base + event.start,
            end: base + event.start + 1,
            entries: new Map(),
          },
          pendingKey: undefined,
        });
        break;
      case EVENT_SEQUENCE:
        stack.push({
          node: { kind: 'sequence', start: base + event.start, end: base + event.start + 1, items: [] },
          pendingKey: undefined,
        });
        break;
      case EVENT_SCALAR: {
        let start =
          event.valueStart < 0 ? (event.tagEnd >= 0 ? event.tagEnd : event.anchorEnd) : event.valueStart;
        let end = event.valueEnd < 0 ? start : event.valueEnd;
        // Quoted scalars: the range covers the quotes, so that a fix replaces the whole value.
        if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) {
          start -= 1;
          end += 1;
        }
        const node: PositionNode = {
          kind: 'scalar',
          start: base + Math.max(start, 0),
          end: base + Math.max(end, 0),
        };
        if (stack[stack.length - 1]?.node.entries) keyNames.set(node, getScalarValue(source, event));
        attach(node);
        break;
      }
      case EVENT_ALIAS:
        attach({ kind: 'alias', start: base + event.anchorStart - 1, end: base + event.anchorEnd });
        break;
      case EVENT_POP: {
        const top = stack.pop();
        if (top) {
          attach(top.node);
          if (stack.length === 0 && root !== null) return root;
        }
        break;
      }
      default:
        break;
    }
  }
  return root;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
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
