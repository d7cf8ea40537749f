import { isAbsolute, relative, resolve } from 'node:path';
import { applyLevels } from '../core/config';
import { chartOfTemplate, findHelm, lintChart } from '../node/helm';
import type { ConfiguredFile } from './lint-config';
import type { FileFindings } from './lint-report';

export interface ChartResults {
  /** Files that are not templates of a chart helm renders: linted as they are. */
  readonly rest: readonly ConfiguredFile[];
  /** Findings on chart templates (also templates not named, when Helm's rendering fails there). */
  readonly results: readonly FileFindings[];
  readonly objects: number;
}

/**
 * Renders the charts whose templates are among the files (a folder with Chart.yaml), with the helm
 * of the config file's `helm.bin` or PATH, and lints the rendered objects. Without helm, or with
 * `helm.enabled: false`, their templates stay in `rest` and get the "render it first" note.
 */
export async function lintCharts(files: readonly ConfiguredFile[]): Promise<ChartResults> {
  const byChart = new Map<string, ConfiguredFile[]>();
  const rest: ConfiguredFile[] = [];
  for (const file of files) {
    const chart =
      file.file === '-' || file.config?.helm.enabled === false ? undefined : await chartOfTemplate(file.file);
    if (chart === undefined) rest.push(file);
    else byChart.set(chart, [...(byChart.get(chart) ?? []), file]);
  }
  const results: FileFindings[] = [];
  let objects = 0;
  for (const [chart, templates] of byChart) {
    const first = templates[0]!;
    const helm = await findHelm(first.config?.helm.bin, process.env['PATH'], first.configDir);
    if (helm === undefined) {
      rest.push(...templates);
      continue;
    }
    const values = (first.config?.helm.values ?? []).map((v) => resolve(first.configDir ?? '.', v));
    const linted = await lintChart(helm, chart, values, {
      kubernetesVersion: first.config?.kubernetesVersion,
    });
    objects += linted.objects;
    const given = new Map(templates.map((t) => [resolve(t.file), t]));
    for (const [template, findings] of linted.findings) {
      const absolute = resolve(chart, template);
      const file = given.get(absolute);
      const shown = file?.file ?? (isAbsolute(first.file) ? absolute : relative(process.cwd(), absolute));
      const levels = file?.rules ?? first.rules;
      results.push({ file: shown, findings: applyLevels(findings, levels) });
    }
    // Templates without findings are still files checked.
    for (const t of templates)
      if (!results.some((r) => r.file === t.file)) results.push({ file: t.file, findings: [] });
  }
  return { rest, results, objects };
}
