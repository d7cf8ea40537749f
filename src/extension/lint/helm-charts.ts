import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { applyLevels, effectiveRules } from '../../core/config';
import { configRelativePath } from '../../node/config-file';
import { chartOfTemplateSync, findHelm, lintChart } from '../../node/helm';
import type { Ctx } from '../ctx';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';
import { isLintable } from './document-cache';
import { lintSettings } from './settings';
import type { WorkspaceConfigs } from './workspace-config';

/** Saves come in bursts (save all); one render per chart is enough. */
const RENDER_DEBOUNCE_MS = 300;

/**
 * Helm charts in the editor: when a template of a chart (a folder with Chart.yaml) is opened or
 * saved and helm is found (the config's `helm.bin`, else PATH), the chart is rendered in a child
 * process with `helm template` and the findings land on the template lines. Such templates are
 * then not linted as plain YAML (that gives only the "render it first" note).
 */
export function registerHelmCharts(ctx: Ctx, configs: WorkspaceConfigs): void {
  const collection = ctx.push(vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-helm`));
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const published = new Map<string, vscode.Uri[]>();
  ctx.push({ dispose: () => timers.forEach((t) => clearTimeout(t)) });

  const render = async (chart: string, template: vscode.Uri): Promise<void> => {
    // helm.bin from a workspace's config file is a program to run: not in an untrusted workspace.
    if (!vscode.workspace.isTrusted) return;
    const loaded = configs.configFor(template);
    if (loaded?.config.helm.enabled === false) return;
    const helm = await findHelm(loaded?.config.helm.bin, process.env['PATH'], loaded?.dir);
    if (helm === undefined) {
      configs.setRenderedChart(chart, false);
      return;
    }
    const values = (loaded?.config.helm.values ?? []).map((v) => resolve(loaded?.dir ?? chart, v));
    const linted = await lintChart(helm, chart, values, {
      kubernetesVersion: loaded?.config.kubernetesVersion,
    });
    for (const uri of published.get(chart) ?? []) collection.delete(uri);
    const uris: vscode.Uri[] = [];
    for (const [path, findings] of linted.findings) {
      const uri = vscode.Uri.file(join(chart, path));
      const rules = effectiveRules({
        config: loaded?.config,
        relativePath: loaded ? configRelativePath(loaded, uri.fsPath) : undefined,
        editor: lintSettings(uri).rules,
      });
      collection.set(uri, applyLevels(findings, rules).map(toDiagnostic));
      uris.push(uri);
    }
    published.set(chart, uris);
    configs.setRenderedChart(chart, true);
    ctx.output.debug(`Rendered ${chart} with ${helm}: ${linted.objects} objects.`);
  };

  const schedule = (document: vscode.TextDocument): void => {
    if (!isLintable(document) || document.uri.scheme !== 'file') return;
    const chart = chartOfTemplateSync(document.uri.fsPath);
    if (chart === undefined) return;
    const pending = timers.get(chart);
    if (pending !== undefined) clearTimeout(pending);
    timers.set(
      chart,
      setTimeout(() => {
        timers.delete(chart);
        render(chart, document.uri).catch((error: unknown) =>
          ctx.output.error(
            `Rendering ${chart} failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }, RENDER_DEBOUNCE_MS),
    );
  };
  ctx.push(vscode.workspace.onDidOpenTextDocument(schedule));
  ctx.push(vscode.workspace.onDidSaveTextDocument(schedule));
  const initial = setTimeout(() => vscode.workspace.textDocuments.forEach(schedule), 0);
  ctx.push({ dispose: () => clearTimeout(initial) });
}
