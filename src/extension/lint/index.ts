import type { Ctx } from '../ctx';
import { registerCodeActions } from './code-actions';
import { registerCodeLens } from './codelens';
import { registerDiagnostics } from './diagnostics';
import { LintedDocuments } from './document-cache';
import { registerHover } from './hover';

/** The editor side of the linter: diagnostics, hovers, CodeLens and quick fixes over one shared lint per document. */
export function registerLint(ctx: Ctx): LintedDocuments {
  const documents = new LintedDocuments(ctx.output);
  const onDidLint = registerDiagnostics(ctx, documents);
  registerHover(ctx, documents);
  registerCodeLens(ctx, documents, onDidLint);
  registerCodeActions(ctx, documents);
  return documents;
}
