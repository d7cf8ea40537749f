import { computeLineStarts, parseDocument, parseManifests, splitDocuments } from '../manifest/parse';
import type { ManifestDocument, ParsedFile } from '../manifest/types';
import { isKubernetesObject, lintParsed, type LintEngineOptions } from './engine';
import type { Finding, LintResult, TextEdit } from './types';

/**
 * One `---` chunk of a file as the editor sees it after a lint. Its documents may come from an
 * earlier version of the text in which the chunk sat elsewhere: add `shift` to their offsets to get
 * offsets of the current text (subtract to go the other way).
 */
export interface LintedChunk {
  /** Offset of the chunk in the file text. */
  readonly start: number;
  readonly end: number;
  readonly shift: number;
  readonly documents: readonly ManifestDocument[];
  /** This chunk's findings, in offsets and positions of the current text. */
  readonly findings: readonly Finding[];
}

export interface IncrementalLintResult extends LintResult {
  readonly chunks: readonly LintedChunk[];
}

interface CachedChunk {
  /** Offset, first line and first document index of the chunk in the text it was linted in. */
  readonly start: number;
  readonly line: number;
  readonly documentIndex: number;
  readonly documents: readonly ManifestDocument[];
  /** Findings in the coordinates of the text the chunk was linted in. */
  readonly findings: readonly Finding[];
  readonly objects: number;
  /** A Helm template that does not parse: the file reports it once, at its first such chunk. */
  readonly templateSyntaxError: boolean;
  /** A message may cite a line of the file ("first declared at line 12"): reuse only at the same line. */
  readonly citesLines: boolean;
}

/**
 * Above this many changed chunks one lint of the whole text is cheaper than linting them one by
 * one (each single-chunk lint scans the whole text for disable comments).
 */
const MAX_CHUNKS_LINTED_ONE_BY_ONE = 8;

/**
 * Findings of the chunks of one text, keyed by the chunk's text: an edit re-lints only the chunk it
 * touched, and the chunks after it move with it. A chunk whose messages may cite lines of the file
 * is linted again when it moves.
 */
export class LintCache {
  private entries = new Map<string, CachedChunk>();
  private optionsKey: string | undefined;

  /** Chunks reused by the last lint through this cache (for tests and benchmarks). */
  hits = 0;

  lookup(optionsKey: string, key: string): CachedChunk | undefined {
    if (optionsKey !== this.optionsKey) {
      this.entries.clear();
      this.optionsKey = optionsKey;
    }
    return this.entries.get(key);
  }

  /** Keeps exactly the chunks of the latest text, so memory follows the document's size. */
  replace(entries: Map<string, CachedChunk>): void {
    this.entries = entries;
  }
}

interface Slot {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly text: string;
}

/**
 * `lintText` chunk by chunk, reusing `cache` for chunks whose text did not change. Gives the same
 * findings as `lintText(text, options)`, in time linear in the text's length.
 */
export function lintTextIncremental(
  text: string,
  options: LintEngineOptions = {},
  cache: LintCache = new LintCache(),
): IncrementalLintResult {
  const optionsKey = JSON.stringify([
    options.rules ?? {},
    options.partial === true,
    options.kubernetesVersion,
  ]);
  const slots = chunkSlots(text);
  const reusable = slots.map((slot) => {
    const entry = cache.lookup(optionsKey, slot.text);
    return entry && (entry.line === slot.line || !entry.citesLines) ? entry : undefined;
  });
  const misses = reusable.filter((entry) => entry === undefined).length;
  const whole = misses > MAX_CHUNKS_LINTED_ONE_BY_ONE ? lintWhole(text, slots, options) : undefined;
  let lineStarts: number[] | undefined;

  const next = new Map<string, CachedChunk>();
  const chunks: LintedChunk[] = [];
  const findings: Finding[] = [];
  let objects = 0;
  let documentIndex = 0;
  let reportedTemplateSyntax = false;
  cache.hits = 0;
  slots.forEach((slot, i) => {
    let entry = whole?.[i] ?? reusable[i];
    if (entry && !whole) cache.hits++;
    if (!entry) {
      lineStarts ??= computeLineStarts(text);
      entry = lintChunk({ text, documents: [], lineStarts }, slot, documentIndex, options);
    }
    // A later templated chunk linted with the whole file lost its yaml-syntax finding to the first one.
    if (!(whole && entry.templateSyntaxError && reportedTemplateSyntax)) next.set(slot.text, entry);
    const skipSyntax = entry.templateSyntaxError && reportedTemplateSyntax;
    reportedTemplateSyntax ||= entry.templateSyntaxError;
    const shift = slot.start - entry.start;
    const lines = slot.line - entry.line;
    const documentShift = documentIndex - entry.documentIndex;
    const chunkFindings = entry.findings
      .filter((f) => !(skipSyntax && f.ruleId === 'yaml-syntax'))
      .map((f) => shiftFinding(f, shift, lines, documentShift));
    findings.push(...chunkFindings);
    chunks.push({
      start: slot.start,
      end: slot.end,
      shift,
      documents: entry.documents,
      findings: chunkFindings,
    });
    objects += entry.objects;
    documentIndex += entry.documents.length;
  });
  cache.replace(next);
  return { findings, objects, chunks };
}

function chunkSlots(text: string): Slot[] {
  const slots: Slot[] = [];
  let line = 0;
  let counted = 0;
  for (const [start, end] of splitDocuments(text)) {
    line += countNewlines(text, counted, start);
    counted = start;
    slots.push({ start, end, line, text: text.slice(start, end) });
  }
  return slots;
}

/** Lints one chunk in place: its documents are parsed alone, but positions and messages are the file's. */
function lintChunk(
  file: ParsedFile,
  slot: Slot,
  documentIndex: number,
  options: LintEngineOptions,
): CachedChunk {
  const document = parseDocument(file.text, slot.start, slot.end, documentIndex);
  const documents = document ? [document] : [];
  const result = lintParsed({ ...file, documents }, options);
  return entryFor(slot, documentIndex, documents, result.findings, result.objects);
}

/** One lint of the whole text, split into cache entries per chunk. */
function lintWhole(text: string, slots: readonly Slot[], options: LintEngineOptions): CachedChunk[] {
  const file = parseManifests(text);
  const { findings } = lintParsed(file, options);
  const byDocument = new Map<number, Finding[]>();
  for (const finding of findings) {
    const list = byDocument.get(finding.documentIndex) ?? [];
    list.push(finding);
    byDocument.set(finding.documentIndex, list);
  }
  let next = 0;
  return slots.map((slot) => {
    const documentIndex = next;
    const documents = file.documents.filter((d) => d.range.start >= slot.start && d.range.start < slot.end);
    next += documents.length;
    const chunkFindings = documents.flatMap((d) => byDocument.get(d.index) ?? []);
    const objects = documents.filter(
      (d) => d.syntaxError === undefined && isKubernetesObject(d.value),
    ).length;
    return entryFor(slot, documentIndex, documents, chunkFindings, objects);
  });
}

function entryFor(
  slot: Slot,
  documentIndex: number,
  documents: readonly ManifestDocument[],
  findings: readonly Finding[],
  objects: number,
): CachedChunk {
  const lastLine = slot.line + countNewlines(slot.text, 0, slot.text.length);
  return {
    start: slot.start,
    line: slot.line,
    documentIndex,
    documents,
    findings,
    objects,
    templateSyntaxError: documents.some((d) => d.templated && d.syntaxError !== undefined),
    citesLines: findings.some((f) => citesLineBetween(f.message, slot.line + 1, lastLine + 1)),
  };
}

/** Whether `message` holds a number that could be a 1-based line of the chunk (a port may look like one too). */
function citesLineBetween(message: string, first: number, last: number): boolean {
  return (message.match(/\d+/g) ?? []).some((digits) => {
    const n = Number(digits);
    return n >= first && n <= last;
  });
}

function shiftFinding(finding: Finding, shift: number, lines: number, documents: number): Finding {
  if (shift === 0 && lines === 0 && documents === 0) return finding;
  const range = { start: finding.range.start + shift, end: finding.range.end + shift };
  const fix = finding.fix && {
    title: finding.fix.title,
    edits: finding.fix.edits.map((edit): TextEdit => ({
      range: { start: edit.range.start + shift, end: edit.range.end + shift },
      newText: edit.newText,
    })),
  };
  return {
    ...finding,
    range,
    start: { line: finding.start.line + lines, character: finding.start.character },
    end: { line: finding.end.line + lines, character: finding.end.character },
    documentIndex: finding.documentIndex + documents,
    ...(fix ? { fix } : {}),
  };
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
