import type { Finding } from '../lint/types';
import { computeLineStarts, positionAt, splitDocuments } from '../manifest/parse';
import type { Path, Range } from '../manifest/types';

/** The finding for a chart that `helm template` cannot render. */
export const HELM_TEMPLATE_RULE = 'helm-template';

/** Helm writes `---`, then `# Source: CHART/templates/x.yaml`, then the object, for each rendered document. */
const SOURCE_COMMENT = /^# Source: (.+?)\s*$/m;
const VALUES_REFERENCE = /\.Values((?:\.[A-Za-z_][\w-]*)+)/g;

/** One document of `helm template`'s output and the template file that produced it. */
export interface RenderedDocument {
  readonly range: Range;
  /** The template path below the chart folder (`templates/deployment.yaml`, `charts/db/templates/x.yaml`). */
  readonly template: string | undefined;
  /** Position of this document among those rendered from the same template (0-based). */
  readonly indexInTemplate: number;
}

/** Splits `helm template` output into its documents, each with the template its `# Source:` names. */
export function renderedDocuments(rendered: string): RenderedDocument[] {
  const seen = new Map<string, number>();
  return splitDocuments(rendered).map(([start, end]) => {
    const source = SOURCE_COMMENT.exec(rendered.slice(start, end))?.[1];
    const template = source === undefined ? undefined : chartRelative(source);
    const indexInTemplate = template === undefined ? 0 : (seen.get(template) ?? 0);
    if (template !== undefined) seen.set(template, indexInTemplate + 1);
    return { range: { start, end }, template, indexInTemplate };
  });
}

/** `mychart/templates/x.yaml` → `templates/x.yaml`: Helm prefixes the chart's name. */
function chartRelative(source: string): string {
  const slash = source.indexOf('/');
  return slash === -1 ? source : source.slice(slash + 1);
}

/** A finding on the rendered output placed in the template file that produced it. */
export interface TemplateFinding {
  readonly template: string;
  readonly finding: Finding;
}

/**
 * Places each finding on rendered output at the template line that holds its key (best effort: the
 * deepest key of the finding's path that the template spells out, searched under its parent keys).
 * When that line reads a value (`{{ .Values.resources.limits.memory }}` or `{{ toYaml .Values.resources }}`),
 * the message names the values key. Findings whose template is unknown keep the rendered position
 * and are returned with `template` undefined by the caller's choice (they are dropped here).
 */
export function mapToTemplates(
  rendered: string,
  findings: readonly Finding[],
  templates: ReadonlyMap<string, string>,
): TemplateFinding[] {
  const documents = renderedDocuments(rendered);
  const out: TemplateFinding[] = [];
  for (const finding of findings) {
    const document = documents.find(
      (d) => finding.range.start >= d.range.start && finding.range.start < d.range.end,
    );
    const template = document?.template;
    const text = template === undefined ? undefined : templates.get(template);
    if (template === undefined || text === undefined || document === undefined) continue;
    out.push({ template, finding: placeInTemplate(finding, text, document.indexInTemplate) });
  }
  return out;
}

interface Line {
  readonly number: number;
  readonly indent: number;
  readonly key: string | undefined;
  readonly text: string;
}

function placeInTemplate(finding: Finding, text: string, indexInTemplate: number): Finding {
  const lineStarts = computeLineStarts(text);
  const chunks = splitDocuments(text);
  // A template that renders several documents usually writes them one after another.
  const [chunkStart, chunkEnd] = chunks[chunks.length > indexInTemplate ? indexInTemplate : -1] ?? [
    0,
    text.length,
  ];
  const first = positionAt(lineStarts, chunkStart).line;
  const last = positionAt(lineStarts, Math.max(chunkStart, chunkEnd - 1)).line;
  const lines: Line[] = [];
  for (let n = first; n <= last; n++) {
    const lineText = text.slice(lineStarts[n] ?? 0, (lineStarts[n + 1] ?? text.length + 1) - 1);
    const match = /^(\s*)(?:-\s+)?([\w.$/-]+|"[^"]*"|'[^']*')\s*:(?:\s|$)/.exec(lineText);
    const indent = /^\s*(?:-\s+)?/.exec(lineText)?.[0].length ?? 0;
    lines.push({ number: n, indent, key: match?.[2]?.replace(/^["']|["']$/g, ''), text: lineText });
  }
  const keys = finding.path.filter((segment): segment is string => typeof segment === 'string');
  const { line, depth } = deepestKeyLine(lines, keys);
  const target = line ?? lines.find((l) => l.key === 'kind') ?? lines.find((l) => l.text.trim() !== '');
  if (!target) return finding;
  const start = (lineStarts[target.number] ?? 0) + target.indent;
  const end = (lineStarts[target.number] ?? 0) + target.text.trimEnd().length;
  const valuesKeys = line
    ? valuesKeysOf(lines, lines.indexOf(target), pathBelowKeys(finding.path, depth))
    : [];
  // A fix computed on the rendered text cannot be applied to the template: it is dropped.
  const { fix: _fix, ...rest } = finding;
  return {
    ...rest,
    message:
      valuesKeys.length > 0
        ? `${finding.message} (value from ${valuesKeys.map((k) => `.Values.${k}`).join(', ')})`
        : finding.message,
    range: { start, end },
    start: positionAt(lineStarts, start),
    end: positionAt(lineStarts, end),
  };
}

/**
 * The line of the deepest key of `keys` (a finding's path without list indexes) found in order, each
 * key below the previous one (greater indent, later line). `depth` counts the keys matched.
 */
function deepestKeyLine(
  lines: readonly Line[],
  keys: readonly string[],
): { line: Line | undefined; depth: number } {
  let best: { line: Line | undefined; depth: number } = { line: undefined, depth: 0 };
  const search = (from: number, parentIndent: number, depth: number): void => {
    if (depth > best.depth) best = { line: lines[from - 1], depth };
    if (depth === keys.length) return;
    for (let i = from; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.key === undefined) continue;
      if (depth > 0 && line.indent <= parentIndent) break;
      if (line.key === keys[depth]) {
        search(i + 1, line.indent, depth + 1);
        if (best.depth === keys.length) return;
      }
    }
  };
  search(0, -1, 0);
  return best;
}

/** The part of `path` below its `depth`-th mapping key, written as a values path (`.image`, `[0].image`). */
function pathBelowKeys(path: Path, depth: number): string {
  let seen = 0;
  let at = 0;
  while (at < path.length && seen < depth) if (typeof path[at++] === 'string') seen++;
  return path
    .slice(at)
    .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
    .join('');
}

/**
 * The values keys the template line at `index` reads; for a key whose value the next lines write
 * (`resources:` then `{{- toYaml .Values.resources | nindent 12 }}`), the key those lines read,
 * extended by the path below it (`resources.limits.memory`).
 */
function valuesKeysOf(lines: readonly Line[], index: number, rest: string): string[] {
  const line = lines[index];
  if (!line) return [];
  const own = [...line.text.matchAll(VALUES_REFERENCE)].map((m) => (m[1] ?? '').slice(1));
  if (own.length === 1 && own[0] !== undefined) return [`${own[0]}${rest}`];
  if (own.length > 0 || rest === '') return own;
  for (const next of lines.slice(index + 1)) {
    if (next.key !== undefined || (next.indent <= line.indent && next.text.trim() !== '')) break;
    const [reference] = next.text.matchAll(VALUES_REFERENCE);
    if (reference?.[1]) return [`${reference[1].slice(1)}${rest}`];
  }
  return [];
}
