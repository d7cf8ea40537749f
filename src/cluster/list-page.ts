/**
 * A list response (`{"kind":"PodList","metadata":{…},"items":[…]}`) read in two steps: one scan of
 * the body finds where each item starts and ends, without building anything; each item is then
 * parsed when asked for. A 500-pod page is 1.5 MB of JSON: parsed whole it is one task of 10–20 ms
 * that also makes every pod of the page live at once; parsed a few items at a time the work spreads
 * over short tasks, and each item can be trimmed and let go of before the next is parsed.
 */
interface ListMetadata {
  resourceVersion?: string;
  continue?: string;
}

export interface ListPage<T> {
  readonly metadata: ListMetadata | undefined;
  /** How many items the page holds. */
  readonly length: number;
  /** Item `i` (0 ≤ i < length), parsed now. */
  item(i: number): T;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

class Malformed extends Error {}

/** Reads a list body; a body that is not a JSON object is parsed whole (and throws as `JSON.parse` does). */
export function readListPage<T>(body: Buffer): ListPage<T> {
  let scanned: { envelope: Record<string, unknown>; starts: number[]; ends: number[] };
  try {
    scanned = scan(body);
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    return wholePage<T>(JSON.parse(body.toString('utf8')) as { metadata?: ListMetadata; items?: T[] } | null);
  }
  const { envelope, starts, ends } = scanned;
  return {
    metadata: envelope.metadata as ListMetadata | undefined,
    length: starts.length,
    item: (i) => JSON.parse(body.toString('utf8', starts[i], ends[i])) as T,
  };
}

function wholePage<T>(list: { metadata?: ListMetadata; items?: T[] } | null): ListPage<T> {
  const items = Array.isArray(list?.items) ? list.items : [];
  return {
    metadata: list?.metadata,
    length: items.length,
    item: (i) => items[i]!,
  };
}

/** The top-level object's members but `items` (parsed), and where each element of `items` starts and ends. */
function scan(body: Buffer): { envelope: Record<string, unknown>; starts: number[]; ends: number[] } {
  const envelope: Record<string, unknown> = {};
  const starts: number[] = [];
  const ends: number[] = [];
  let i = skipSpace(body, 0);
  if (body[i] !== OPEN_OBJECT) throw new Malformed();
  i = skipSpace(body, i + 1);
  while (body[i] !== CLOSE_OBJECT) {
    if (body[i] !== QUOTE) throw new Malformed();
    const keyEnd = stringEnd(body, i);
    const key = JSON.parse(body.toString('utf8', i, keyEnd)) as string;
    i = skipSpace(body, keyEnd);
    if (body[i] !== COLON) throw new Malformed();
    i = skipSpace(body, i + 1);
    if (key === 'items' && body[i] === OPEN_ARRAY) {
      starts.length = 0;
      ends.length = 0;
      i = skipSpace(body, i + 1);
      if (body[i] === CLOSE_ARRAY) i++;
      else
        for (;;) {
          const end = valueEnd(body, i);
          starts.push(i);
          ends.push(end);
          i = skipSpace(body, end);
          if (body[i] === CLOSE_ARRAY) {
            i++;
            break;
          }
          if (body[i] !== COMMA) throw new Malformed();
          i = skipSpace(body, i + 1);
        }
    } else {
      const end = valueEnd(body, i);
      envelope[key] = JSON.parse(body.toString('utf8', i, end));
      i = end;
    }
    i = skipSpace(body, i);
    if (body[i] === CLOSE_OBJECT) break;
    if (body[i] !== COMMA) throw new Malformed();
    i = skipSpace(body, i + 1);
    if (body[i] !== QUOTE) throw new Malformed();
  }
  if (skipSpace(body, i + 1) !== body.length) throw new Malformed();
  return { envelope, starts, ends };
}

function skipSpace(body: Buffer, i: number): number {
  while (i < body.length) {
    const c = body[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** Just past the closing quote of the string that opens at `i`. */
function stringEnd(body: Buffer, i: number): number {
  let j = i + 1;
  for (;;) {
    j = body.indexOf(QUOTE, j);
    if (j < 0) throw new Malformed();
    let backslashes = 0;
    while (body[j - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
    j++;
  }
}

/** Just past the value (object, array, string or scalar) that starts at `i`; its insides are not checked. */
function valueEnd(body: Buffer, i: number): number {
  const first = body[i];
  if (first === QUOTE) return stringEnd(body, i);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
    let j = i;
    while (j < body.length) {
      const c = body[j];
      if (
        c === COMMA ||
        c === CLOSE_OBJECT ||
        c === CLOSE_ARRAY ||
        c === 0x20 ||
        c === 0x0a ||
        c === 0x0d ||
        c === 0x09
      )
        break;
      j++;
    }
    if (j === i) throw new Malformed();
    return j;
  }
  let depth = 0;
  for (let j = i; j < body.length; j++) {
    const c = body[j];
    if (c === QUOTE) j = stringEnd(body, j) - 1;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  throw new Malformed();
}
