import type { TextEdit } from '../lint/types';
import { parseDocument } from '../manifest/parse';
import { parseFieldPath, resolvePodField, type FieldSegment } from '../manifest/spec-path';
import type { JsonObject, ManifestDocument, ParsedFile, Path } from '../manifest/types';
import { deepEqual, getPath, isObject, podTemplates } from '../manifest/workloads';
import { resolveField } from '../schema/catalog';
import {
  decodeYaml,
  entryLines,
  itemLines,
  layoutOf,
  renderFlow,
  renderScalar,
  type Layout,
  type Quote,
} from './yaml-text';

/**
 * "Apply fix": the text edits that set a diagnosis' fix (a spec path and a value) in the manifest
 * that made the pod. Edits touch only the spot that changes, so comments, quoting, indentation and
 * line endings stay as the author wrote them; every plan is re-parsed and checked to change exactly
 * that field before it is offered.
 */

export interface FixTarget {
  /** The pod field, as diagnoses write it: `spec.containers[checkout].resources.limits.memory`. */
  readonly specPath: string;
  /** YAML text: a scalar (`1408Mi`), a mapping entry, a list item (`- name: regcred`) or a JSON object. */
  readonly value: string;
}

export type FixPlan =
  | { readonly ok: true; readonly title: string; readonly edits: readonly TextEdit[] }
  | { readonly ok: false; readonly reason: string };

/** What the fix does to the field: set it, merge entries into a mapping, or add items to a list. */
type Change =
  | { readonly kind: 'set'; readonly value: unknown }
  | { readonly kind: 'merge'; readonly value: JsonObject }
  | { readonly kind: 'append'; readonly items: readonly unknown[] };

interface Context {
  readonly text: string;
  readonly document: ManifestDocument;
  readonly object: JsonObject;
  readonly layout: Layout;
  /** The whole document is one flow mapping (a JSON manifest): write JSON, so that it stays JSON. */
  readonly json: boolean;
}

/** A value written inside a flow collection: JSON in a JSON manifest, else flow YAML. */
function flowText(ctx: Context, value: unknown): string {
  return ctx.json ? JSON.stringify(value) : renderFlow(value);
}

const refuse = (reason: string): FixPlan => ({ ok: false, reason });

/** Values longer than this (a whole probe) are not repeated in a refusal. */
const QUOTED_VALUE_MAX = 40;

export function planFix(file: ParsedFile, document: ManifestDocument, fix: FixTarget): FixPlan {
  const object = document.value;
  const shown = oneLine(fix.value);
  const by =
    shown.length <= QUOTED_VALUE_MAX
      ? `set ${fix.specPath} to ${shown} by hand`
      : `set ${fix.specPath} by hand`;
  if (document.templated) {
    return refuse(`This manifest is a template ({{ … }}); ${by} in the chart or its values.`);
  }
  if (document.syntaxError !== undefined || !isObject(object)) {
    return refuse('This document is not valid YAML; correct its syntax, then apply the fix.');
  }
  const kind = typeof object['kind'] === 'string' ? object['kind'] : 'object';
  const template = podTemplates(object)[0];
  if (!template) return refuse(`This ${kind} has no pod template; ${by} where the pod is defined.`);
  if (typeof object['apiVersion'] !== 'string' || !hasName(object)) {
    return refuse(`This ${kind} is a partial object (a patch); ${by} in the manifest that defines it.`);
  }
  const resolved = resolvePodField(fix.specPath, template, object);
  if (!resolved) {
    const named = fix.specPath.trim() === '' ? '' : ` (${fix.specPath})`;
    return refuse(`This fix names no field of the pod${named}; apply it by hand.`);
  }
  if (resolved.ambiguous !== undefined) {
    return refuse(`More than one item of this ${kind} is named ${resolved.ambiguous}; ${by}.`);
  }
  const missing = resolved.missing.filter((s): s is string => typeof s === 'string');
  const absent = resolved.missing.find((s): s is { name: string } => typeof s !== 'string');
  if (absent) {
    return refuse(
      `This ${kind} has no ${itemNoun(parseFieldPath(fix.specPath), absent.name)} named ${absent.name}; ${by} where it is defined.`,
    );
  }
  const path = [...resolved.path, ...missing];
  const apiVersion = object['apiVersion'];
  const change = changeOf(fix.value, kind, apiVersion, path, getPath(object, path));
  if (!change) return refuse(`${shown} is not a value ${fix.specPath} can take; ${by}.`);
  const expected = applied(object, path, change);
  const label = labelOf(fix.specPath);
  if (deepEqual(expected, object)) return refuse(`${label.field}${label.of} already has this value.`);
  const edits = fieldEdits(file.text, document, object, resolved.path, missing, change, expected);
  if (!edits) return refuse(`Pod Doctor cannot edit this spot of the manifest safely; ${by}.`);
  return { ok: true, title: titleOf(label, change, getPath(object, path) !== undefined), edits };
}

/**
 * The edits that set the field at `path` (a path in the document's object) as `value` (YAML text)
 * asks, as Apply fix does: a scalar or a JSON object is set (a scalar with the field's type), a
 * mapping merged into the mapping, a list's items added to the list, and missing keys added on the
 * way, in the file's own layout. Undefined when the document is a template or not valid YAML, the
 * field already reads so, or the edit cannot be made safely (every edit is re-parsed and checked).
 */
export function planFieldEdit(
  text: string,
  document: ManifestDocument,
  path: Path,
  value: string,
): readonly TextEdit[] | undefined {
  const object = document.value;
  if (document.templated || document.syntaxError !== undefined || !isObject(object)) return undefined;
  let present = path.length;
  while (present > 0 && getPath(object, path.slice(0, present)) === undefined) present--;
  const missing = path.slice(present);
  if (!missing.every((segment): segment is string => typeof segment === 'string')) return undefined;
  const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
  const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '';
  const change = changeOf(value, kind, apiVersion, path, getPath(object, path));
  if (!change) return undefined;
  const expected = applied(object, path, change);
  if (deepEqual(expected, object)) return undefined;
  return fieldEdits(text, document, object, path.slice(0, present), missing, change, expected);
}

/** The edits for a change at `base` + `missing` (keys to add below `base`), checked to give `expected`. */
function fieldEdits(
  text: string,
  document: ManifestDocument,
  object: JsonObject,
  base: Path,
  missing: readonly string[],
  change: Change,
  expected: JsonObject,
): TextEdit[] | undefined {
  const root = document.locate([]);
  const ctx: Context = {
    text,
    document,
    object,
    layout: layoutOf(text, document.range),
    json: root !== undefined && text[root.value.start] === '{',
  };
  const edits =
    missing.length > 0
      ? addEntries(ctx, base, nested(missing, contentOf(change)))
      : editExisting(ctx, [...base], change);
  return edits && verified(ctx, edits, expected) ? edits : undefined;
}

function hasName(object: JsonObject): boolean {
  const metadata = object['metadata'];
  return (
    isObject(metadata) &&
    (typeof metadata['name'] === 'string' || typeof metadata['generateName'] === 'string')
  );
}

const ITEM_NOUNS: Readonly<Record<string, string>> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
  volumes: 'volume',
  env: 'environment variable',
  volumeMounts: 'volume mount',
};

/** `container` for the `[checkout]` of `containers[checkout]`. */
function itemNoun(segments: readonly FieldSegment[], name: string): string {
  const index = segments.findIndex((s) => typeof s !== 'string' && s.name === name);
  const list = segments[index - 1];
  const field = typeof list === 'string' ? list : '';
  return ITEM_NOUNS[field] ?? (field ? `${field} item` : 'item');
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * The change a fix value asks for: a list item is added to the list, a mapping entry merged into the
 * mapping, a JSON object set as the field, a scalar set with the type the field has.
 */
function changeOf(
  text: string,
  kind: string,
  apiVersion: string,
  path: Path,
  existing: unknown,
): Change | undefined {
  const decoded = decodeYaml(text);
  if (!decoded) return undefined;
  const { value } = decoded;
  if (Array.isArray(value)) return { kind: 'append', items: value };
  if (isObject(value)) return text.trim().startsWith('{') ? { kind: 'set', value } : { kind: 'merge', value };
  const scalar = typedScalar(text.trim(), value, resolveField(kind, path, apiVersion)?.type, existing);
  return scalar === undefined ? undefined : { kind: 'set', value: scalar };
}

/**
 * The value a scalar fix stands for in its field: `30` is a number for `initialDelaySeconds` but
 * `1408Mi` and `1e3` are strings for a memory limit. Undefined when the field cannot take it.
 */
function typedScalar(text: string, decoded: unknown, type: string | undefined, existing: unknown): unknown {
  switch (type) {
    case 'string':
      return text;
    case 'integer':
    case 'number':
    case 'boolean':
      return typeof decoded === (type === 'boolean' ? 'boolean' : 'number') ? decoded : undefined;
    case 'Quantity':
    case 'IntOrString':
      if (typeof decoded === 'number' && (typeof existing === 'number' || type === 'IntOrString')) {
        return Number.isInteger(decoded) || type === 'Quantity' ? decoded : text;
      }
      return text;
    default:
      if (typeof existing === 'string') return text;
      return isObject(decoded) || Array.isArray(decoded) ? undefined : decoded;
  }
}

/** The value the fix writes below the deepest existing node. */
function contentOf(change: Change): unknown {
  if (change.kind === 'append') return change.items;
  return change.value;
}

/** `['limits', 'memory']` and `1408Mi` → `{ limits: { memory: '1408Mi' } }`. */
function nested(keys: readonly string[], value: unknown): JsonObject {
  let out: unknown = value;
  for (const key of [...keys].reverse()) out = { [key]: out };
  return out as JsonObject;
}

/** The decoded object as it should read after the fix, to check the edit against. */
function applied(object: JsonObject, path: Path, change: Change): JsonObject {
  const copy = structuredClone(object);
  let parent: unknown = copy;
  for (const segment of path.slice(0, -1)) {
    const node = (parent as Record<string | number, unknown>)[segment];
    // A scalar on the way (`resources: none`) cannot hold the field: the edits for it are refused.
    if (!isObject(node) && !Array.isArray(node)) (parent as Record<string | number, unknown>)[segment] = {};
    parent = (parent as Record<string | number, unknown>)[segment];
  }
  const last = path[path.length - 1] ?? '';
  const holder = parent as Record<string | number, unknown>;
  const current = holder[last];
  if (change.kind === 'set') holder[last] = structuredClone(change.value);
  else if (change.kind === 'merge') holder[last] = { ...(isObject(current) ? current : {}), ...change.value };
  else {
    const list = Array.isArray(current) ? current : [];
    holder[last] = [...list, ...change.items.filter((item) => !list.some((x) => deepEqual(x, item)))];
  }
  return copy;
}

/** Edits for a field that exists. */
function editExisting(ctx: Context, path: Path, change: Change): TextEdit[] | undefined {
  const node = getPath(ctx.object, path);
  if (change.kind === 'set') {
    if (isObject(change.value) || Array.isArray(change.value)) return replaceNode(ctx, path, change.value);
    return replaceScalar(ctx, path, change.value);
  }
  if (node === null) return fillEmpty(ctx, path, contentOf(change));
  if (change.kind === 'append') {
    if (!Array.isArray(node)) return undefined;
    return appendItems(
      ctx,
      path,
      change.items.filter((item) => !node.some((x) => deepEqual(x, item))),
    );
  }
  if (!isObject(node)) return undefined;
  const edits: TextEdit[] = [];
  const added: JsonObject = {};
  for (const [key, value] of Object.entries(change.value)) {
    if (!(key in node)) added[key] = value;
    else if (!deepEqual(node[key], value)) {
      const edit =
        isObject(value) || Array.isArray(value)
          ? replaceNode(ctx, [...path, key], value)
          : replaceScalar(ctx, [...path, key], value);
      if (!edit) return undefined;
      edits.push(...edit);
    }
  }
  if (Object.keys(added).length === 0) return edits;
  const more = addEntries(ctx, path, added);
  return more && [...edits, ...more];
}

/** Replaces a scalar in place, keeping its quoting (a trailing comment stays after it). */
function replaceScalar(ctx: Context, path: Path, value: unknown): TextEdit[] | undefined {
  const node = getPath(ctx.object, path);
  const location = ctx.document.locate(path);
  if (!location || isObject(node) || Array.isArray(node)) return undefined;
  const flow = inFlow(ctx, path);
  const { start, end } = location.value;
  if (node === null && start === end) return insertAfterColon(ctx, path, flowText(ctx, value));
  const old = ctx.text.slice(start, end);
  if (old.startsWith('*') || old.startsWith('&') || old.startsWith('!')) return undefined;
  const quote: Quote = old.startsWith('"') ? '"' : old.startsWith("'") ? "'" : '';
  return [{ range: location.value, newText: renderScalar(value, flow, ctx.json ? '"' : quote) }];
}

/** `memory:` with nothing after it: the value goes after the colon. */
function insertAfterColon(ctx: Context, path: Path, text: string): TextEdit[] | undefined {
  const key = ctx.document.locate(path)?.key;
  if (!key) return undefined;
  const colon = ctx.text.indexOf(':', key.end);
  if (colon < 0 || ctx.text.slice(key.end, colon).trim() !== '') return undefined;
  return [{ range: { start: colon + 1, end: colon + 1 }, newText: ` ${text}` }];
}

/** Replaces a whole mapping or list (a startupProbe that exists) with the new one, in its style. */
function replaceNode(ctx: Context, path: Path, value: unknown): TextEdit[] | undefined {
  const node = getPath(ctx.object, path);
  const location = ctx.document.locate(path);
  if (!location) return undefined;
  if (node === null) return fillEmpty(ctx, path, value);
  const range = { start: location.value.start, end: nodeEnd(ctx.text, location.value) };
  const opener = ctx.text[range.start];
  const block = (isObject(node) || Array.isArray(node)) && opener !== '{' && opener !== '[';
  if (!block || inFlow(ctx, path) || !(isObject(value) || Array.isArray(value))) {
    return [{ range, newText: flowText(ctx, value) }];
  }
  const column = columnOf(ctx.text, range.start);
  const lines = isObject(value)
    ? Object.entries(value).flatMap(([k, v]) => entryLines(k, v, column, ctx.layout))
    : value.flatMap((item) => itemLines(item, column, ctx.layout));
  if (lines.length === 0) return [{ range, newText: flowText(ctx, value) }];
  return [{ range, newText: lines.join(ctx.layout.eol).slice(column) }];
}

/** A key with an empty value (`resources:`): the content goes on new lines below it. */
function fillEmpty(ctx: Context, path: Path, value: unknown): TextEdit[] | undefined {
  const location = ctx.document.locate(path);
  if (!location?.key) return undefined;
  if (location.value.start !== location.value.end || inFlow(ctx, path)) {
    // `nodeSelector: ~` or inside a flow collection: write the value where the null was.
    const range = location.value.start === location.value.end ? undefined : location.value;
    return range ? [{ range, newText: flowText(ctx, value) }] : undefined;
  }
  const column = columnOf(ctx.text, location.key.start);
  let lines: string[];
  if (isObject(value) && Object.keys(value).length > 0) {
    lines = Object.entries(value).flatMap(([k, v]) => entryLines(k, v, column + ctx.layout.unit, ctx.layout));
  } else if (Array.isArray(value) && value.length > 0) {
    lines = value.flatMap((item) => itemLines(item, column + ctx.layout.sequenceOffset, ctx.layout));
  } else {
    return insertAfterColon(ctx, path, flowText(ctx, value));
  }
  return [insertLines(ctx, lineEndAfter(ctx, location.key.end, column), lines)];
}

/** Entries this fix prefers after another one (a startupProbe beside the livenessProbe). */
const PLACE_AFTER: Readonly<Record<string, readonly string[]>> = {
  startupProbe: ['livenessProbe'],
};

/** Adds new entries to the mapping at `path` (block or flow), after its last entry. */
function addEntries(ctx: Context, path: Path, entries: JsonObject): TextEdit[] | undefined {
  const node = getPath(ctx.object, path);
  if (node === null) return fillEmpty(ctx, path, entries);
  const location = ctx.document.locate(path);
  if (!isObject(node) || !location) return undefined;
  const keys = Object.keys(node);
  const start = location.value.start;
  if (ctx.text[start] === '{') {
    const pairs = Object.entries(entries).map(([k, v]) => flowText(ctx, { [k]: v }).slice(1, -1));
    const last = keys[keys.length - 1];
    const lastAt = last === undefined ? undefined : ctx.document.locate([...path, last]);
    if (!lastAt) return [{ range: { start: start + 1, end: start + 1 }, newText: pairs.join(', ') }];
    const at = nodeEnd(ctx.text, lastAt.value);
    return [{ range: { start: at, end: at }, newText: `, ${pairs.join(', ')}` }];
  }
  const first = keys[0] === undefined ? undefined : ctx.document.locate([...path, keys[0]]);
  if (!first?.key || inFlow(ctx, path)) return undefined;
  const column = columnOf(ctx.text, first.key.start);
  const preferred = (PLACE_AFTER[Object.keys(entries)[0] ?? ''] ?? []).find((k) => k in node);
  const after = ctx.document.locate([...path, preferred ?? keys[keys.length - 1] ?? ''])?.value;
  if (!after) return undefined;
  const lines = Object.entries(entries).flatMap(([k, v]) => entryLines(k, v, column, ctx.layout));
  return [insertLines(ctx, lineEndAfter(ctx, nodeEnd(ctx.text, after), column), lines)];
}

/** Adds items to the end of the list at `path`. */
function appendItems(ctx: Context, path: Path, items: readonly unknown[]): TextEdit[] | undefined {
  const location = ctx.document.locate(path);
  const list = getPath(ctx.object, path);
  if (!location || !Array.isArray(list)) return undefined;
  const start = location.value.start;
  const lastAt = list.length > 0 ? ctx.document.locate([...path, list.length - 1]) : undefined;
  if (ctx.text[start] === '[') {
    const flow = items.map((item) => flowText(ctx, item)).join(', ');
    if (!lastAt) return [{ range: { start: start + 1, end: start + 1 }, newText: flow }];
    const at = nodeEnd(ctx.text, lastAt.value);
    return [{ range: { start: at, end: at }, newText: `, ${flow}` }];
  }
  if (!lastAt || ctx.text[start] !== '-' || inFlow(ctx, path)) return undefined;
  const column = columnOf(ctx.text, start);
  const lines = items.flatMap((item) => itemLines(item, column, ctx.layout));
  return [insertLines(ctx, lineEndAfter(ctx, nodeEnd(ctx.text, lastAt.value), column), lines)];
}

/** Whether the node at `path` sits inside a flow collection, where plain scalars are more limited. */
function inFlow(ctx: Context, path: Path): boolean {
  for (let i = path.length - 1; i >= 0; i--) {
    const at = ctx.document.locate(path.slice(0, i));
    const c = at ? ctx.text[at.value.start] : undefined;
    if (c === '{' || c === '[') return true;
  }
  return false;
}

/** The end of a node including the closing bracket of a flow collection. */
function nodeEnd(text: string, range: { start: number; end: number }): number {
  const open = text[range.start];
  if (open !== '{' && open !== '[') return range.end;
  let depth = 0;
  let quote = '';
  for (let i = range.start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = text[i + 1] === quote && quote === "'" ? (i++, quote) : '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return range.end;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * Where lines go after the line holding `offset`: past its end of line, and past comment lines
 * indented deeper than `column` that belong to the block just ended.
 */
function lineEndAfter(ctx: Context, offset: number, column: number): number {
  const limit = ctx.document.range.end;
  let at = offset > 0 && ctx.text[offset - 1] === '\n' ? offset : ctx.text.indexOf('\n', offset) + 1;
  if (at === 0 || at > limit) return limit;
  for (;;) {
    const next = ctx.text.indexOf('\n', at);
    const line = ctx.text.slice(at, next < 0 ? limit : next);
    const m = /^( *)#/.exec(line);
    if (!m || (m[1]?.length ?? 0) <= column || next < 0 || next >= limit) return at;
    at = next + 1;
  }
}

function insertLines(ctx: Context, offset: number, lines: readonly string[]): TextEdit {
  const eol = ctx.layout.eol;
  const atLineStart = offset === 0 || ctx.text[offset - 1] === '\n';
  const newText = atLineStart ? lines.map((l) => `${l}${eol}`).join('') : `${eol}${lines.join(eol)}`;
  return { range: { start: offset, end: offset }, newText };
}

/** Applies the edits and re-parses the document: it must decode to exactly the expected object. */
function verified(ctx: Context, edits: readonly TextEdit[], expected: JsonObject): boolean {
  const { start, end } = ctx.document.range;
  if (edits.some((e) => e.range.start < start || e.range.end > end)) return false;
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start);
  let text = ctx.text;
  for (const edit of sorted) {
    text = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
  }
  const after = parseDocument(text, start, end + text.length - ctx.text.length, ctx.document.index);
  return after !== undefined && after.syntaxError === undefined && deepEqual(after.value, expected);
}

interface Label {
  /** `limits.memory`, `startupProbe`, `nodeSelector`. */
  readonly field: string;
  /** ` of checkout`, or empty for pod-level fields. */
  readonly of: string;
}

/** Lists whose items a field is named after in titles: `limits.memory of checkout`, `… of volume config`. */
const OWNER_LISTS: ReadonlySet<string> = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
  'volumes',
]);

/**
 * `spec.containers[checkout].resources.limits.memory` → `limits.memory` of `checkout`;
 * `spec.volumes[config].configMap.optional` → `configMap.optional` of `volume config`.
 */
function labelOf(specPath: string): Label {
  const segments = parseFieldPath(specPath);
  const at = segments.findIndex((s, i) => typeof s !== 'string' && OWNER_LISTS.has(String(segments[i - 1])));
  const owner = segments[at];
  const rest = segments.slice(at < 0 ? (segments[0] === 'spec' ? 1 : 0) : at + 1);
  const field = rest
    .map((s) => (typeof s === 'string' ? `.${s}` : `[${s.name}]`))
    .join('')
    .replace(/^\./, '')
    .replace(/^resources\./, '');
  if (typeof owner === 'string' || owner === undefined) return { field, of: '' };
  const list = String(segments[at - 1]);
  return { field, of: ` of ${list === 'containers' ? '' : `${ITEM_NOUNS[list] ?? list} `}${owner.name}` };
}

/** `Set limits.memory of checkout to 1408Mi`, `Add a startupProbe to app`, `Add name: regcred to imagePullSecrets`. */
function titleOf(label: Label, change: Change, existed: boolean): string {
  const owner = label.of.replace(/^ of /, '');
  if (change.kind === 'set' && isObject(change.value)) {
    const noun = `${/^[aeiou]/i.test(label.field) ? 'an' : 'a'} ${label.field}`;
    return existed ? `Replace the ${label.field}${label.of}` : `Add ${noun}${owner ? ` to ${owner}` : ''}`;
  }
  if (change.kind === 'set') return `Set ${label.field}${label.of} to ${renderScalar(change.value, false)}`;
  const items = change.kind === 'append' ? change.items : [change.value];
  const what = items.map((item) => renderFlow(item).replace(/^\{(.*)\}$/, '$1')).join(', ');
  return `Add ${what} to ${label.field}${label.of}`;
}
