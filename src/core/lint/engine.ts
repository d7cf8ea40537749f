import type { ClusterCheckInput } from '../cluster-lint/context';
import { computeLineStarts, iterateDocuments, positionAt, positionsOf } from '../manifest/parse';
import type { JsonObject, ManifestDocument, NodeLocation, ParsedFile, Path, Range } from '../manifest/types';
import { isObject, podTemplates } from '../manifest/workloads';
import { forgetDocuments } from './helpers/per-document';
import { defaultRegistry } from './rules';
import type { RuleRegistry } from './registry';
import type { Finding, LintOptions, LintResult, Report, Rule, RuleContext, Severity } from './types';

/** Text that suggests a document was meant to be a Kubernetes object, even when it does not parse. */
const LOOKS_LIKE_KUBERNETES = /^\s*apiVersion\s*:/m;
const LOOKS_LIKE_KUBERNETES_KIND = /^\s*kind\s*:/m;
const DISABLE_NEXT_LINE = /#\s*pod-doctor-disable-next-line\b([^\n]*)/g;

export interface LintEngineOptions extends LintOptions {
  readonly registry?: RuleRegistry;
  /** Re-throw exceptions from rules (tests); by default a failing rule is skipped for that document. */
  readonly throwOnRuleError?: boolean;
  /** Check against this cluster too (cluster rules run only when it is given). */
  readonly cluster?: ClusterCheckInput;
}

export function lintText(text: string, options: LintEngineOptions = {}): LintResult {
  // No table of line starts: the findings' positions are found by one walk over the text.
  return lintParsed({ text, documents: iterateDocuments(text) }, options);
}

/**
 * A parsed file whose documents may be produced (and dropped) one at a time. Without its line
 * starts, positions are worked out for the findings only.
 */
export type DocumentStream = Omit<ParsedFile, 'documents' | 'lineStarts'> & {
  readonly documents: Iterable<ManifestDocument>;
  readonly lineStarts?: readonly number[];
};

/** A finding whose positions are filled in when the lint is done. */
type Draft = { -readonly [K in keyof Finding]: Finding[K] };
const UNPLACED: Finding['start'] = { line: 0, character: 0 };

/** True when the parsed value is a Kubernetes object (`apiVersion` and `kind` strings). */
export function isKubernetesObject(value: unknown): value is JsonObject {
  return isObject(value) && typeof value['apiVersion'] === 'string' && typeof value['kind'] === 'string';
}

export function lintParsed(file: DocumentStream, options: LintEngineOptions = {}): LintResult {
  const registry = options.registry ?? defaultRegistry;
  const overrides = options.rules ?? {};
  const findings: Draft[] = [];
  let objects = 0;
  let reportedTemplateSyntax = false;

  const severityOf = (ruleId: string, fallback: Severity): Severity | undefined => {
    const setting = overrides[ruleId];
    if (setting === 'off') return undefined;
    return setting ?? fallback;
  };

  const push = (
    rule: Pick<Rule, 'id' | 'severity' | 'reportsAbsence'>,
    document: ManifestDocument,
    path: Path,
    range: Range,
    report: Omit<Report, 'path'>,
  ): void => {
    const severity = severityOf(rule.id, report.severity ?? rule.severity);
    if (severity === undefined) return;
    findings.push({
      ruleId: rule.id,
      severity,
      message: report.message,
      range,
      start: UNPLACED,
      end: UNPLACED,
      documentIndex: document.index,
      path,
      ...(report.fix ? { fix: report.fix } : {}),
      ...(report.suggestions ? { suggestions: report.suggestions } : {}),
      ...(report.related ? { related: report.related } : {}),
      ...(report.absent === true || rule.reportsAbsence === true ? { absent: true } : {}),
    });
  };

  // The rules that run, chosen once for the file rather than per document.
  const active = registry.rules.filter(
    (rule) =>
      overrides[rule.id] !== 'off' &&
      !(rule.cluster && !options.cluster) &&
      !(options.partial && !runsOnPartialObjects(rule)),
  );
  // Read once: rules are objects of many shapes, so `rule.check` per document is a slow lookup.
  const checks = active.map((rule) => rule.check.bind(rule));
  const syntaxRule = registry.get('yaml-syntax') ?? { id: 'yaml-syntax', severity: 'error' as const };
  try {
    for (const document of file.documents) {
      if (document.syntaxError) {
        const source = file.text.slice(document.range.start, document.range.end);
        const kubernetesLike = LOOKS_LIKE_KUBERNETES.test(source) && LOOKS_LIKE_KUBERNETES_KIND.test(source);
        if (!kubernetesLike && !document.templated) continue;
        if (document.templated) {
          if (reportedTemplateSyntax) continue;
          reportedTemplateSyntax = true;
        }
        const offset = Math.min(document.syntaxError.offset, file.text.length);
        const lineEnd = file.text.indexOf('\n', offset);
        const end = Math.max(offset + 1, lineEnd === -1 ? file.text.length : lineEnd);
        const message = document.templated
          ? 'This looks like a Helm/Go template whose {{ … }} markup is not YAML until rendered; render it first (helm template … | pod-doctor lint -), or install helm to lint charts: Pod Doctor then renders a chart (a folder with Chart.yaml) itself.'
          : `YAML syntax error: ${document.syntaxError.message}.`;
        push(
          syntaxRule,
          document,
          [],
          { start: offset, end: Math.min(end, file.text.length) },
          {
            message,
            ...(document.templated ? { severity: 'warning' as const } : {}),
          },
        );
        continue;
      }
      const object = document.value;
      if (!isKubernetesObject(object)) continue;
      objects++;
      // One context per document; `report` attributes findings to the rule that is running.
      let running: Rule | undefined;
      const ctx = makeContext(file, document, object, options, (report) => {
        const location = locateNearest(document, report.path);
        if (!location || !running) return;
        push(running, document, report.path, rangeFor(location, report.on ?? 'value'), report);
      });
      for (let i = 0; i < active.length; i++) {
        running = active[i];
        try {
          checks[i]!(ctx);
        } catch (error) {
          if (options.throwOnRuleError) throw error;
        }
      }
    }
  } finally {
    forgetDocuments();
  }
  place(file, findings);
  const disabled = disabledRulesByLine(file.text, file.lineStarts);
  const kept =
    disabled.size === 0
      ? findings
      : findings.filter((finding) => {
          const suppressed = disabled.get(finding.start.line - 1);
          return !(suppressed && (suppressed.size === 0 || suppressed.has(finding.ruleId)));
        });
  kept.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return { findings: kept, objects };
}

/** Fills in the findings' start and end positions, from the file's line starts when it has them. */
function place(file: DocumentStream, findings: Draft[]): void {
  const { lineStarts } = file;
  if (lineStarts) {
    for (const finding of findings) {
      finding.start = positionAt(lineStarts, finding.range.start);
      finding.end = positionAt(lineStarts, finding.range.end);
    }
    return;
  }
  const positions = positionsOf(
    file.text,
    findings.flatMap((finding) => [finding.range.start, finding.range.end]),
  );
  for (const finding of findings) {
    finding.start = positions.get(finding.range.start)!;
    finding.end = positions.get(finding.range.end)!;
  }
}

/** False for rules that would report what another file of an overlay provides. */
function runsOnPartialObjects(rule: Pick<Rule, 'reportsAbsence' | 'needsWholeObject'>): boolean {
  return rule.reportsAbsence !== true && rule.needsWholeObject !== true;
}

function makeContext(
  file: DocumentStream,
  document: ManifestDocument,
  object: JsonObject,
  options: Pick<LintEngineOptions, 'cluster' | 'kubernetesVersion'>,
  report: (report: Report) => void,
): RuleContext {
  const ctx: RuleContext = {
    document,
    object,
    kind: object['kind'] as string,
    apiVersion: object['apiVersion'] as string,
    templates: podTemplates(object),
    text: file.text,
    kubernetesVersion: options.kubernetesVersion,
    locate: (path: Path) => document.locate(path),
    report,
  };
  // Without a cluster (the usual case) no intermediate object is spread per document.
  return options.cluster ? { ...ctx, cluster: options.cluster } : ctx;
}

/** The location of `path`, or of its nearest ancestor present in the source (merge keys, aliases). */
function locateNearest(document: ManifestDocument, path: Path): NodeLocation | undefined {
  for (let length = path.length; length >= 0; length--) {
    const location = document.locate(length === path.length ? path : path.slice(0, length));
    if (location) return location;
  }
  return undefined;
}

function rangeFor(location: NodeLocation, on: 'key' | 'value' | 'entry'): Range {
  if (on === 'key') return location.key ?? location.value;
  if (on === 'entry') return { start: (location.key ?? location.value).start, end: location.value.end };
  return location.value;
}

/** Lines holding `# pod-doctor-disable-next-line [RULE…]`: the rules they silence (empty set = all). */
export function disabledRulesByLine(text: string, lineStarts?: readonly number[]): Map<number, Set<string>> {
  const result = new Map<number, Set<string>>();
  if (!text.includes('pod-doctor-disable-next-line')) return result;
  const starts = lineStarts ?? computeLineStarts(text);
  DISABLE_NEXT_LINE.lastIndex = 0;
  for (let m = DISABLE_NEXT_LINE.exec(text); m !== null; m = DISABLE_NEXT_LINE.exec(text)) {
    const ids = (m[1] ?? '').split(/[\s,]+/).filter((id) => /^[a-z][a-z0-9-]*$/.test(id));
    result.set(positionAt(starts, m.index).line, new Set(ids));
  }
  return result;
}
