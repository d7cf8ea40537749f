import type { ReportedFinding } from '../core/kustomize/merge';
import type { Rule, Severity } from '../core/lint/types';
import { terminalLine } from '../core/render/escape';
import { plural } from '../core/text/plural';

export interface FileFindings {
  readonly file: string;
  /** `via`: the kustomization directories, relative to the current directory, a finding came through. */
  readonly findings: readonly ReportedFinding[];
}

export const RULES_DOC_URL = 'https://github.com/pod-doctor/pod-doctor/blob/main/docs/rules.md';

/** `lint --format json`: one JSON array, 1-based lines and columns, `file` as given. */
export function toJson(results: readonly FileFindings[]): string {
  const rows = results.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      file,
      line: f.start.line + 1,
      column: f.start.character + 1,
      endLine: f.end.line + 1,
      endColumn: f.end.character + 1,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...(f.via && f.via.length > 0 ? { via: f.via } : {}),
    })),
  );
  return JSON.stringify(rows, null, 2);
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** SARIF 2.1.0 as GitHub code scanning accepts it (relative URIs against %SRCROOT%). */
export function toSarif(results: readonly FileFindings[], rules: readonly Rule[], version: string): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pod-doctor',
            informationUri: 'https://github.com/pod-doctor/pod-doctor',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.rationale },
              help: { text: rule.remediation, markdown: rule.remediation },
              helpUri: `${RULES_DOC_URL}#${rule.id}`,
              defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap(({ file, findings }) =>
          findings.map((f) => ({
            ruleId: f.ruleId,
            ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: sarifUri(file), uriBaseId: '%SRCROOT%' },
                  region: {
                    startLine: f.start.line + 1,
                    startColumn: f.start.character + 1,
                    endLine: f.end.line + 1,
                    endColumn: f.end.character + 1,
                  },
                },
              },
            ],
            ...(f.via && f.via.length > 0
              ? {
                  relatedLocations: f.via.map((dir, id) => ({
                    id,
                    physicalLocation: { artifactLocation: { uri: sarifUri(dir), uriBaseId: '%SRCROOT%' } },
                    message: { text: `Rendered by the kustomization in ${dir}` },
                  })),
                }
              : {}),
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function sarifUri(file: string): string {
  const normalized = file.replace(/\\/g, '/').replace(/^\.\//, '');
  return normalized
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

export interface TextStyle {
  readonly color: boolean;
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };

/** Compiler-style lines `file:line:col severity message [rule-id]` and a summary line. */
export function toText(results: readonly FileFindings[], objects: number, style: TextStyle): string {
  const paint = (severity: Severity, text: string): string =>
    style.color ? `${COLORS[severity]}${text}\x1b[0m` : text;
  const dim = (text: string): string => (style.color ? `\x1b[2m${text}\x1b[0m` : text);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let filesWithFindings = 0;
  for (const { file, findings } of results) {
    if (findings.length > 0) filesWithFindings++;
    for (const f of findings) {
      counts[f.severity]++;
      // Messages quote manifest values: only our own colors reach the terminal, one line per finding.
      const via = f.via && f.via.length > 0 ? ` (via ${terminalLine(f.via.join(', '))})` : '';
      lines.push(
        `${terminalLine(file)}:${f.start.line + 1}:${f.start.character + 1} ${paint(f.severity, f.severity)} ${terminalLine(f.message)} ${dim(`[${f.ruleId}]`)}${via}`,
      );
    }
  }
  const total = counts.error + counts.warning + counts.info;
  const checked = `${plural(results.length, 'file')} checked, ${plural(objects, 'Kubernetes object')}`;
  if (total === 0) {
    lines.push(`No problems found (${checked}).`);
  } else {
    const breakdown = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`;
    lines.push('', `${plural(total, 'problem')} (${breakdown}) in ${filesWithFindings} of ${checked}.`);
  }
  return lines.join('\n');
}
