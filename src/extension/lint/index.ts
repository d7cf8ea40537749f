import type { Ctx } from '../ctx';
import { registerCodeActions } from './code-actions';
import { registerCodeLens } from './codelens';
import { registerDiagnostics } from './diagnostics';
import { LintedDocuments } from './document-cache';
import { registerHelmCharts } from './helm-charts';
import { registerHover } from './hover';
import { KustomizeOverlays } from './kustomize-overlays';
import { lintSettings } from './settings';
import { registerConfigFileSupport, WorkspaceConfigs } from './workspace-config';

/** The editor side of the linter: diagnostics, hovers, CodeLens and quick fixes over one shared lint per document. */
export function registerLint(ctx: Ctx): LintedDocuments {
  const configs = new WorkspaceConfigs(ctx);
  const overlays = ctx.push(new KustomizeOverlays(ctx.output, (uri) => lintSettings(uri).rules));
  const documents = new LintedDocuments(ctx.output, (uri) => overlays.isPatch(uri), configs);
  const onDidLint = registerDiagnostics(ctx, documents, overlays, configs.onDidChange);
  registerConfigFileSupport(ctx);
  registerHelmCharts(ctx, configs);
  registerHover(ctx, documents);
  registerCodeLens(ctx, documents, onDidLint);
  registerCodeActions(ctx, documents);
  return documents;
}
