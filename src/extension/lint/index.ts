import type { Ctx } from '../ctx';
import { registerCodeActions } from './code-actions';
import { registerCodeLens } from './codelens';
import { registerDiagnostics } from './diagnostics';
import { LintedDocuments } from './document-cache';
import { registerHelmCharts } from './helm-charts';
import { registerHover } from './hover';
import { registerConfigFileSupport, WorkspaceConfigs } from './workspace-config';

/** The editor side of the linter: diagnostics, hovers, CodeLens and quick fixes over one shared lint per document. */
export function registerLint(ctx: Ctx): LintedDocuments {
  const configs = new WorkspaceConfigs(ctx);
  const documents = new LintedDocuments(ctx.output, configs);
  const onDidLint = registerDiagnostics(ctx, documents, configs.onDidChange);
  registerConfigFileSupport(ctx);
  registerHelmCharts(ctx, configs);
  registerHover(ctx, documents);
  registerCodeLens(ctx, documents, onDidLint);
  registerCodeActions(ctx, documents);
  return documents;
}
