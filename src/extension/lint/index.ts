import type { Ctx } from '../ctx';
import { registerCodeActions } from './code-actions';
import { registerCodeLens } from './codelens';
import { registerDiagnostics } from './diagnostics';
import { LintedDocuments } from './document-cache';
import { registerHover } from './hover';
import { KustomizeOverlays } from './kustomize-overlays';
import { lintSettings } from './settings';

/** The editor side of the linter: diagnostics, hovers, CodeLens and quick fixes over one shared lint per document. */
export function registerLint(ctx: Ctx): LintedDocuments {
  const overlays = ctx.push(new KustomizeOverlays(ctx.output, (uri) => lintSettings(uri).rules));
  const documents = new LintedDocuments(ctx.output, (uri) => overlays.isPatch(uri));
  const onDidLint = registerDiagnostics(ctx, documents, overlays);
  registerHover(ctx, documents);
  registerCodeLens(ctx, documents, onDidLint);
  registerCodeActions(ctx, documents);
  return documents;
}
