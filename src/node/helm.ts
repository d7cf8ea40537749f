import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, constants, readFile, stat } from 'node:fs/promises';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { HELM_TEMPLATE_RULE, mapToTemplates } from '../core/helm/source-map';
import { lintText } from '../core/lint/engine';
import type { Finding, LintOptions } from '../core/lint/types';
import { computeLineStarts, positionAt } from '../core/manifest/parse';
import { readableEntries } from './directory';

const RENDER_TIMEOUT_MS = 60_000;

/** The chart a file is a template of (see `chartOfTemplate`), looked up synchronously for the editor. */
export function chartOfTemplateSync(file: string): string | undefined {
  let dir = dirname(resolve(file));
  for (;;) {
    if (existsSync(join(dir, 'Chart.yaml'))) {
      return relative(dir, resolve(file)).split(sep)[0] === 'templates' ? dir : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** True when `dir` holds a Chart.yaml (then it is a Helm chart). */
async function isChart(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'Chart.yaml'))).isFile();
  } catch {
    return false;
  }
}

/**
 * The chart a file is a template of: the nearest folder above it holding Chart.yaml, when the file
 * sits below its `templates/` (a subchart's templates belong to the subchart).
 */
export async function chartOfTemplate(file: string): Promise<string | undefined> {
  let dir = dirname(resolve(file));
  for (;;) {
    if (await isChart(dir)) {
      const inside = relative(dir, resolve(file)).split(sep);
      return inside[0] === 'templates' ? dir : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The helm executable: `bin` from the config file when given, else `helm` on PATH; undefined when none. */
export async function findHelm(
  bin?: string,
  path = process.env['PATH'] ?? '',
  /** The folder a relative `bin` is relative to (the config file's). */
  base = '.',
): Promise<string | undefined> {
  const candidates = bin?.includes('/')
    ? [resolve(base, bin)]
    : path
        .split(delimiter)
        .filter((d) => d !== '')
        .map((d) => join(d, bin ?? 'helm'));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next folder of PATH
    }
  }
  return undefined;
}

type RenderResult = { readonly rendered: string } | { readonly error: string };

/** Runs `helm template CHART [--values FILE]...`; Helm's own message when it fails, never a stack trace. */
function renderChart(helm: string, chart: string, values: readonly string[]): Promise<RenderResult> {
  const args = ['template', chart, ...values.flatMap((v) => ['--values', v])];
  return new Promise((done) => {
    execFile(
      helm,
      args,
      { timeout: RENDER_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return done({ rendered: stdout });
        const said = stderr.trim().replace(/^Error:\s*/, '');
        const why =
          said || (error.killed ? `it did not finish within ${RENDER_TIMEOUT_MS / 1000} s` : error.message);
        done({ error: why });
      },
    );
  });
}

/** The chart's template files by path below the chart folder (`templates/deployment.yaml`). */
async function readTemplates(chart: string): Promise<Map<string, string>> {
  const templates = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readableEntries(dir)) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        templates.set(relative(chart, full).split(sep).join('/'), await readFile(full, 'utf8'));
      }
    }
  };
  await walk(join(chart, 'templates'));
  await walk(join(chart, 'charts'));
  return templates;
}

export interface ChartLint {
  /** Findings per template file (path below the chart folder). */
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  /** Kubernetes objects rendered and linted. */
  readonly objects: number;
}

/**
 * Renders a chart with helm and lints the rendered objects; each finding lands on the template line
 * that holds its key. A chart helm cannot render gives one `helm-template` error, on the template
 * line Helm names when it names one, else on Chart.yaml.
 */
export async function lintChart(
  helm: string,
  chart: string,
  values: readonly string[],
  options: LintOptions,
): Promise<ChartLint> {
  const [result, templates] = await Promise.all([renderChart(helm, chart, values), readTemplates(chart)]);
  if ('error' in result) {
    const { file, finding } = await renderFailure(chart, result.error, templates);
    return { findings: new Map([[file, [finding]]]), objects: 0 };
  }
  const linted = lintText(result.rendered, options);
  const findings = new Map<string, Finding[]>();
  const seen = new Set<string>();
  for (const { template, finding } of mapToTemplates(result.rendered, linted.findings, templates)) {
    // A template rendered several times (a range, two containers from one toYaml) reports once per line.
    const key = `${template}:${finding.start.line}:${finding.ruleId}:${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.set(template, [...(findings.get(template) ?? []), finding]);
  }
  for (const list of findings.values()) list.sort((a, b) => a.range.start - b.range.start);
  return { findings, objects: linted.objects };
}

/** Helm names the failing template as `template: CHART/templates/x.yaml:LINE:COL: …`. */
const FAILED_AT = /template: [^/\s]+\/([^:\s]+):(\d+)(?::(\d+))?/;

async function renderFailure(
  chart: string,
  error: string,
  templates: ReadonlyMap<string, string>,
): Promise<{ file: string; finding: Finding }> {
  const message = `helm template failed: ${error.split('\n')[0]}`;
  const at = FAILED_AT.exec(error);
  const named = at?.[1] === undefined ? undefined : templates.get(at[1]);
  let file = 'Chart.yaml';
  let text: string;
  let line = 0;
  let character = 0;
  if (at && named !== undefined) {
    file = at[1]!;
    text = named;
    line = Number(at[2]) - 1;
    character = Math.max(0, Number(at[3] ?? 1) - 1);
  } else {
    text = await readFile(join(chart, 'Chart.yaml'), 'utf8').catch(() => '');
  }
  const lineStarts = computeLineStarts(text);
  const start = Math.min((lineStarts[line] ?? 0) + character, text.length);
  const lineEnd = text.indexOf('\n', start);
  const end = lineEnd === -1 ? text.length : lineEnd;
  return {
    file,
    finding: {
      ruleId: HELM_TEMPLATE_RULE,
      severity: 'error',
      message: `${message}${message.endsWith('.') ? '' : '.'} Fix the chart so that helm template succeeds.`,
      range: { start, end },
      start: positionAt(lineStarts, start),
      end: positionAt(lineStarts, end),
      documentIndex: 0,
      path: [],
    },
  };
}
