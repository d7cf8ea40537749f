import { parseManifests } from '../manifest/parse';
import type { JsonObject, ManifestDocument, ParsedFile, Path } from '../manifest/types';
import { isObject } from '../manifest/workloads';
import { dirnameOf, isRemoteReference, joinPath } from './paths';

/** The file names Kustomize looks for in a directory, in its order. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

export function isKustomizationFileName(name: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(name);
}

/** Which field of the kustomization declares a patch (Kustomize applies each field as one transformer). */
export type PatchField = 'patchesStrategicMerge' | 'patches' | 'patchesJson6902';

export interface PatchTarget {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
}

/** YAML written inside the kustomization file (`patch: |-`): its text and where each line sits. */
interface InlineText {
  readonly text: string;
  /** Offset in the kustomization file of an offset in `text`. */
  readonly toOuter: (offset: number) => number;
}

export interface PatchEntry {
  readonly field: PatchField;
  /** Position in its field's list. */
  readonly index: number;
  /** Absolute path of the patch file, when the patch is a file. */
  readonly file?: string;
  /** The patch written inline in the kustomization. */
  readonly inline?: InlineText;
  readonly target?: PatchTarget;
}

export interface Kustomization {
  /** Absolute path of the kustomization file. */
  readonly file: string;
  readonly dir: string;
  readonly kind: 'Kustomization' | 'Component';
  readonly parsed: ParsedFile;
  readonly document: ManifestDocument | undefined;
  readonly value: JsonObject;
  /** Local resources and bases (files or directories), absolute; remote ones are left out. */
  readonly resources: readonly string[];
  readonly components: readonly string[];
  readonly patches: readonly PatchEntry[];
}

/** Parses a kustomization file. Never throws: a broken file gives an empty kustomization. */
export function parseKustomization(file: string, text: string): Kustomization {
  const parsed = parseManifests(text);
  const document = parsed.documents.find((d) => isObject(d.value));
  const value = isObject(document?.value) ? document.value : {};
  const dir = dirnameOf(file);
  const local = (field: string): string[] =>
    strings(value[field])
      .filter((reference) => !isRemoteReference(reference))
      .map((reference) => joinPath(dir, reference));
  return {
    file,
    dir,
    kind: value['kind'] === 'Component' ? 'Component' : 'Kustomization',
    parsed,
    document,
    value,
    resources: [...local('resources'), ...local('bases')],
    components: local('components'),
    patches: document ? patchEntries(value, document, text, dir) : [],
  };
}

function patchEntries(
  value: JsonObject,
  document: ManifestDocument,
  text: string,
  dir: string,
): PatchEntry[] {
  const entries: PatchEntry[] = [];
  const add = (field: PatchField, index: number, item: unknown): void => {
    const inlinePath: Path = [field, index, 'patch'];
    if (typeof item === 'string') {
      // `patchesStrategicMerge` takes a file name or, in old kustomizations, the patch itself.
      if (/\n|^\s*(apiVersion|kind)\s*:/.test(item)) {
        const inline = inlineText(text, document, [field, index], item);
        entries.push({ field, index, inline });
      } else entries.push({ field, index, file: joinPath(dir, item) });
      return;
    }
    if (!isObject(item)) return;
    const target = isObject(item['target']) ? patchTarget(item['target']) : undefined;
    const common = { field, index, ...(target ? { target } : {}) };
    if (typeof item['path'] === 'string') entries.push({ ...common, file: joinPath(dir, item['path']) });
    else if (typeof item['patch'] === 'string') {
      entries.push({ ...common, inline: inlineText(text, document, inlinePath, item['patch']) });
    }
  };
  for (const field of ['patchesStrategicMerge', 'patches', 'patchesJson6902'] as const) {
    const list = value[field];
    if (Array.isArray(list)) list.forEach((item, index) => add(field, index, item));
  }
  return entries;
}

function patchTarget(target: JsonObject): PatchTarget {
  const out: Record<string, string> = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector'] as const) {
    const v = target[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Maps the lines of a block scalar (`patch: |-`) to the file: the scalar's content lines are the
 * inner text's lines, each indented by the block's indentation. Other scalar styles map every offset
 * to the start of the value.
 */
function inlineText(text: string, document: ManifestDocument, path: Path, inner: string): InlineText {
  const location = document.locate(path);
  const fallback = location?.value.start ?? document.range.start;
  if (!location) return { text: inner, toOuter: () => fallback };
  // The header (`|-`, `>2`) sits on the key's line, or where the value starts when there is no key.
  const from = location.key?.end ?? headerLineOf(text, location.value.start);
  const headerEnd = text.indexOf('\n', from);
  const header = /^\s*(?:-\s*)?:?\s*([|>][+-]?[1-9]?[+-]?)\s*(?:#.*)?$/.exec(
    text.slice(from, headerEnd === -1 ? text.length : headerEnd),
  );
  if (!header || headerEnd === -1) return { text: inner, toOuter: () => fallback };
  const end = Math.max(location.value.end, headerEnd + 1);
  const body = text.slice(headerEnd + 1, end);
  const explicit = /[1-9]/.exec(header[1] ?? '')?.[0];
  const firstContent = /^( *)\S/m.exec(body);
  const indent = explicit !== undefined ? Number(explicit) : (firstContent?.[1]?.length ?? 0);
  const outerLineStarts: number[] = [];
  for (let at = headerEnd + 1; at <= end;) {
    outerLineStarts.push(at);
    const next = text.indexOf('\n', at);
    if (next === -1) break;
    at = next + 1;
  }
  const innerLineStarts = [0];
  for (let i = inner.indexOf('\n'); i !== -1; i = inner.indexOf('\n', i + 1)) innerLineStarts.push(i + 1);
  return {
    text: inner,
    toOuter(offset) {
      let line = 0;
      while (line + 1 < innerLineStarts.length && (innerLineStarts[line + 1] ?? 0) <= offset) line++;
      const outerStart = outerLineStarts[Math.min(line, outerLineStarts.length - 1)] ?? fallback;
      const column = offset - (innerLineStarts[line] ?? 0);
      return Math.min(outerStart + indent + column, text.length);
    },
  };
}

/** Start of the line holding a sequence item's block header (`- |-`), given where its content starts. */
function headerLineOf(text: string, valueStart: number): number {
  const lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
  if (text.slice(lineStart, valueStart).trim() !== '') return lineStart;
  return text.lastIndexOf('\n', lineStart - 2) + 1;
}

/** True when a patch's YAML is a JSON 6902 operation list rather than a strategic-merge patch. */
export function isJson6902(value: unknown): value is unknown[] {
  return Array.isArray(value);
}
