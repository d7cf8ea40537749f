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
  readonly documents: readonly ManifestDocument[];
  /** Findings in padded-text offsets (lines are already the file's). */
  readonly findings: readonly Finding[];
  readonly objects: number;
  /** A Helm template that does not parse: the file reports it once, at its first such chunk. */
  readonly templateSyntaxError: boolean;
}

/**
 * Findings of the chunks of one text, keyed by the chunk's text and first line: an edit re-lints
 * only the chunk it touched. Keys include the line because messages may cite absolute lines
 * ("first declared at line 12"), so a chunk that moved is linted again.
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
    const key = `${line}\n${chunkText}`;
    let cached = cache.lookup(optionsKey, key);
    if (cached) cache.hits++;
    else cached = lintChunk(chunkText, line, options);
    next.set(key, cached);
    const shift = start - line;
    const skipSyntax = cached.templateSyntaxError && reportedTemplateSyntax;
    reportedTemplateSyntax ||= cached.templateSyntaxError;
    const chunkFindings = cached.findings
      .filter((f) => !(skipSyntax && f.ruleId === 'yaml-syntax'))
      .map((f) => shiftFinding(f, shift, documentIndex));
    findings.push(...chunkFindings);
    chunks.push({ start, end, shift, documents: cached.documents, findings: chunkFindings });
    objects += cached.objects;
    documentIndex += cached.documents.length;
  }
  cache.replace(next);
  return { findings, objects, chunks };
}

function lintChunk(chunkText: string, line: number, options: LintEngineOptions): CachedChunk {
  const file = parseManifests('\n'.repeat(line) + chunkText);
  const result = lintParsed(file, options);
  return {
    documents: file.documents,
    findings: result.findings,
    objects: result.objects,
    templateSyntaxError: file.documents.some((d) => d.templated && d.syntaxError !== undefined),
  };
}

function shiftFinding(finding: Finding, shift: number, firstDocumentIndex: number): Finding {
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
    documentIndex: finding.documentIndex + firstDocumentIndex,
    ...(fix ? { fix } : {}),
  };
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
