import * as vscode from 'vscode';
import type { Finding } from '../../core/lint/types';
import type { Ctx } from '../ctx';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { disableCommentInsertion } from './disable-comment';
import type { LintedDocuments } from './document-cache';

/** Quick fixes: each finding's own fix (preferred), and a comment that silences its rule for that line. */
export function registerCodeActions(ctx: Ctx, documents: LintedDocuments): void {
  ctx.push(
    vscode.languages.registerCodeActionsProvider(
      { language: 'yaml' },
      {
        provideCodeActions(document, _range, context) {
          try {
            return quickFixes(documents, document, context);
          } catch (error) {
            ctx.output.error(`Quick fixes failed: ${error instanceof Error ? error.message : String(error)}`);
            return [];
          }
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
}

function quickFixes(
  documents: LintedDocuments,
  document: vscode.TextDocument,
  context: vscode.CodeActionContext,
): vscode.CodeAction[] {
  if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
  const linted = documents.get(document);
  if (!linted) return [];
  const actions: vscode.CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const finding = linted.result.findings.find((f) => findingMatches(f, diagnostic));
    if (!finding) continue;
    if (finding.fix) {
      const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of finding.fix.edits) {
        const range = new vscode.Range(
          document.positionAt(edit.range.start),
          document.positionAt(edit.range.end),
        );
        action.edit.replace(document.uri, range, edit.newText);
      }
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    const disable = disableForLine(document, finding, diagnostic);
    if (disable) actions.push(disable);
  }
  return actions;
}

/** The diagnostic was published for this finding (same rule, same range). */
export function findingMatches(finding: Finding, diagnostic: vscode.Diagnostic): boolean {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  const { start, end } = diagnostic.range;
  return (
    code === finding.ruleId &&
    start.line === finding.start.line &&
    start.character === finding.start.character &&
    end.line === finding.end.line &&
    end.character === finding.end.character
  );
}

/** "Disable <rule> for this line": a `# pod-doctor-disable-next-line` comment where the engine reads it. */
function disableForLine(
  document: vscode.TextDocument,
  finding: Finding,
  diagnostic: vscode.Diagnostic,
): vscode.CodeAction | undefined {
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const insertion = disableCommentInsertion(
    (line) => document.lineAt(line).text,
    finding.start.line,
    finding.start.character,
    finding.ruleId,
    eol,
  );
  if (!insertion) return undefined;
  const action = new vscode.CodeAction(
    `Disable ${finding.ruleId} for this line`,
    vscode.CodeActionKind.QuickFix,
  );
  action.diagnostics = [diagnostic];
  action.edit = new vscode.WorkspaceEdit();
  action.edit.insert(document.uri, new vscode.Position(insertion.line, insertion.character), insertion.text);
  return action;
}
