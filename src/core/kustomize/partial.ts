import { lintText } from '../lint/engine';
import type { Finding, LintOptions } from '../lint/types';
import { computeLineStarts, parseManifests, positionAt } from '../manifest/parse';
import type { JsonObject, ManifestDocument, Path, Range } from '../manifest/types';
import { isObject } from '../manifest/workloads';
import { apiVersionOfKind } from '../schema/catalog';
import { isJson6902, type Kustomization } from './kustomization';

/** How a kustomization uses a file it names as a patch. */
export interface PatchUse {
  /** `target.kind` of the patch, for JSON 6902 operation lists (which do not name their object). */
  readonly targetKind?: string;
}

/**
 * Lints a patch file as a partial object: a strategic-merge patch with the rules that judge values
 * that are present, a JSON 6902 operation list by the values its add/replace operations write.
 */
export function lintPatchText(text: string, use: PatchUse, options: LintOptions = {}): Finding[] {
  const parsed = parseManifests(text);
  const first = parsed.documents.find((d) => d.value !== undefined && d.value !== null);
  if (first && isJson6902(first.value)) return lintJson6902(text, first, use.targetKind, options);
  return [...lintText(text, { ...options, partial: true }).findings];
}

/** Findings of the patches written inside a kustomization file, at their lines in that file. */
export function lintInlinePatches(kustomization: Kustomization, options: LintOptions = {}): Finding[] {
  const lineStarts = kustomization.parsed.lineStarts;
  const findings: Finding[] = [];
  for (const patch of kustomization.patches) {
    if (!patch.inline) continue;
    const { inline } = patch;
    const inner = lintPatchText(
      inline.text,
      patch.target?.kind ? { targetKind: patch.target.kind } : {},
      options,
    );
    for (const f of inner) {
      const range = { start: inline.toOuter(f.range.start), end: inline.toOuter(f.range.end) };
      findings.push(moveFinding(f, range, lineStarts));
    }
  }
  return findings;
}

/** A finding placed at `range` of another text (drops its fix, whose edits point elsewhere). */
export function moveFinding(finding: Finding, range: Range, lineStarts: readonly number[]): Finding {
  const { fix: _fix, ...rest } = finding;
  return {
    ...rest,
    range,
    start: positionAt(lineStarts, range.start),
    end: positionAt(lineStarts, Math.max(range.start, range.end)),
  };
}

/** `/spec/template/spec/containers/0/image` → its keys, `~1` and `~0` unescaped. */
export function pointerSegments(pointer: string): string[] | undefined {
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** More empty list entries than this are not worth building for a message. */
const MAX_PLACEHOLDERS = 64;

function isIndexSegment(segment: string): boolean {
  return segment === '-' || /^\d+$/.test(segment);
}

/**
 * Each add/replace operation writes its value at a path of the target object: the value is linted in
 * place, inside an otherwise empty object of the target kind, and findings go back to the operation.
 */
function lintJson6902(
  text: string,
  document: ManifestDocument,
  targetKind: string | undefined,
  options: LintOptions,
): Finding[] {
  const ops = document.value as unknown[];
  const kind = targetKind ?? 'Deployment';
  const lineStarts = computeLineStarts(text);
  const findings: Finding[] = [];
  ops.forEach((op, index) => {
    if (!isObject(op) || (op['op'] !== 'add' && op['op'] !== 'replace') || !('value' in op)) return;
    const segments = typeof op['path'] === 'string' ? pointerSegments(op['path']) : undefined;
    if (!segments || segments.length === 0) return;
    const synthetic = syntheticObject(kind, segments, op['value']);
    const inner = JSON.stringify(synthetic.object, null, 2);
    const innerDoc = parseManifests(inner).documents[0];
    for (const f of lintText(inner, { ...options, partial: true }).findings) {
      const range = opRange(document, index, synthetic.path, f, innerDoc);
      if (range) findings.push(moveFinding(f, range, lineStarts));
    }
  });
  return findings;
}

function syntheticObject(
  kind: string,
  segments: readonly string[],
  value: unknown,
): { object: JsonObject; path: Path } {
  const object: JsonObject = {
    apiVersion: apiVersionOfKind(kind) ?? 'v1',
    kind,
    metadata: { name: 'patch' },
  };
  const path: (string | number)[] = [];
  let parent: JsonObject | unknown[] = object;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const nextIsIndex = !last && isIndexSegment(segments[i + 1]!);
    const child = last ? value : nextIsIndex ? [] : {};
    if (Array.isArray(parent)) {
      // Empty entries before the written one keep its index (and the messages that name it) true.
      const index = segment === '-' ? 0 : Math.min(Number(segment), MAX_PLACEHOLDERS);
      for (let k = 0; k < index; k++) parent.push({});
      parent.push(child);
      path.push(index);
    } else {
      const key = segment === '-' ? '0' : segment;
      if (i === 0 && (key === 'apiVersion' || key === 'kind')) return;
      parent[key] = child;
      path.push(key);
    }
    if (!last) parent = child as JsonObject | unknown[];
  });
  return { object, path };
}

/** Where a finding on the synthetic object belongs in the operation list. */
function opRange(
  document: ManifestDocument,
  index: number,
  opPath: Path,
  finding: Finding,
  innerDoc: ManifestDocument | undefined,
): Range | undefined {
  const within = opPath.every((p, i) => finding.path[i] === p) && finding.path.length >= opPath.length;
  if (within) {
    const rest = finding.path.slice(opPath.length);
    const innerLocation = innerDoc?.locate(finding.path);
    const onKey = innerLocation?.key !== undefined && innerLocation.key.start === finding.range.start;
    // A finding on the key the operation writes (a misspelt field) belongs to its path.
    if (onKey && rest.length === 0) return document.locate([index, 'path'])?.value;
    for (let length = rest.length; length >= 0; length--) {
      const location = document.locate([index, 'value', ...rest.slice(0, length)]);
      if (!location) continue;
      return onKey && length === rest.length && location.key ? location.key : location.value;
    }
    return undefined;
  }
  // A finding on a key the operation's path names (a misspelt field): the path is where to fix it.
  const onPath = finding.path.length > 2 && finding.path.every((p, i) => opPath[i] === p);
  return onPath ? document.locate([index, 'path'])?.value : undefined;
}
