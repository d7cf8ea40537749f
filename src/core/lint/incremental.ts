import { parseManifests, splitDocuments } from '../manifest/parse';
import type { ManifestDocument } from '../manifest/types';
import { lintParsed, type LintEngineOptions } from './engine';
import type { Finding, LintResult, TextEdit } from './types';

/**
 * One `---` chunk of a file as the editor sees it after a lint. Its document was parsed from a
 * padded text (the chunk preceded by one newline per line above it), so its line numbers are the
 * file's and its offsets are the file's minus `shift`.
 */
export interface LintedChunk {
  /** Offset of the chunk in the file text. */
  readonly start: number;
  readonly end: number;
  /** Add to an offset of `documents` to get an offset of the file; subtract to go the other way. */
  readonly shift: number;
  readonly documents: readonly ManifestDocument[];
  /** This chunk's findings, in file offsets and positions. */
  readonly findings: readonly Finding[];
}

export interface IncrementalLintResult extends LintResult {
  readonly chunks: readonly LintedChunk[];
}

interface CachedChunk {
  /** The line the chunk started at when it was linted: its documents and findings are in that text's coordinates. */
  readonly line: number;
  readonly documents: readonly ManifestDocument[];
  /** Findings in padded-text offsets and lines. */
  readonly findings: readonly Finding[];
  readonly objects: number;
  /** A Helm template that does not parse: the file reports it once, at its first such chunk. */
  readonly templateSyntaxError: boolean;
  /** A message may cite a line of the file ("first declared at line 12"): reuse only at the same line. */
  readonly citesLines: boolean;
}

/**
 * Findings of the chunks of one text, keyed by the chunk's text: an edit re-lints only the chunk it
 * touched, and the chunks after it move with it. A chunk whose messages may cite lines of the file
 * ("first declared at line 12") is linted again when it moves.
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

/**
 * `lintText` chunk by chunk, reusing `cache` for chunks whose text and position did not change.
 * Gives the same findings as `lintText(text, options)`.
 */
export function lintTextIncremental(
  text: string,
  options: LintEngineOptions = {},
  cache: LintCache = new LintCache(),
): IncrementalLintResult {
  const optionsKey = JSON.stringify(options.rules ?? {});
  const next = new Map<string, CachedChunk>();
  const chunks: LintedChunk[] = [];
  const findings: Finding[] = [];
  let objects = 0;
  let documentIndex = 0;
  let line = 0;
  let lineCountedTo = 0;
  let reportedTemplateSyntax = false;
  cache.hits = 0;
  for (const [start, end] of splitDocuments(text)) {
    line += countNewlines(text, lineCountedTo, start);
    lineCountedTo = start;
    const chunkText = text.slice(start, end);
    const reusable = cache.lookup(optionsKey, chunkText);
    const fresh =
      reusable && (reusable.line === line || !reusable.citesLines)
        ? undefined
        : lintChunk(chunkText, line, options);
    if (!fresh) cache.hits++;
    const cached = fresh ?? (reusable as CachedChunk);
    next.set(chunkText, cached);
    const shift = start - cached.line;
    const skipSyntax = cached.templateSyntaxError && reportedTemplateSyntax;
    reportedTemplateSyntax ||= cached.templateSyntaxError;
    const chunkFindings = cached.findings
      .filter((f) => !(skipSyntax && f.ruleId === 'yaml-syntax'))
      .map((f) => shiftFinding(f, shift, line - cached.line, documentIndex));
    findings.push(...chunkFindings);
    chunks.push({ start, end, shift, documents: cached.documents, findings: chunkFindings });
    objects += cached.objects;
    documentIndex += cached.documents.length;
  }
  cache.replace(next);
  return { findings, objects, chunks };
}

function lintChunk(chunkText: string, line: number, options: LintEngineOptions): CachedChunk {
  // Padding puts the chunk at its line, so that positions and any line a message cites are the file's.
  const file = parseManifests('\n'.repeat(line) + chunkText);
  const result = lintParsed(file, options);
  const lastLine = line + countNewlines(chunkText, 0, chunkText.length);
  return {
    line,
    documents: file.documents,
    findings: result.findings,
    objects: result.objects,
    templateSyntaxError: file.documents.some((d) => d.templated && d.syntaxError !== undefined),
    citesLines: result.findings.some((f) => citesLineBetween(f.message, line + 1, lastLine + 1)),
  };
}

/** Whether `message` holds a number that could be a 1-based line of the chunk (a port may look like one too). */
function citesLineBetween(message: string, first: number, last: number): boolean {
  return (message.match(/\d+/g) ?? []).some((digits) => {
    const n = Number(digits);
    return n >= first && n <= last;
  });
}

function shiftFinding(finding: Finding, shift: number, lines: number, firstDocumentIndex: number): Finding {
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
    documentIndex: finding.documentIndex + firstDocumentIndex,
    ...(fix ? { fix } : {}),
  };
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
