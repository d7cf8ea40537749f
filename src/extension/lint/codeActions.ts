import * as vscode from 'vscode';
import type { Finding } from '../../core/lint/types';
import type { Ctx } from '../ctx';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { LintedDocuments } from './documentCache';

const DISABLE_COMMENT = /^\s*#\s*pod-doctor-disable-next-line\b/;

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
    const finding = linted.result.findings.find((f) => matches(f, diagnostic));
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
    actions.push(disableForLine(document, finding, diagnostic));
  }
  return actions;
}

function matches(finding: Finding, diagnostic: vscode.Diagnostic): boolean {
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

/** `# pod-doctor-disable-next-line <id>` above the finding's line, indented like it; added to an existing comment there. */
function disableForLine(
  document: vscode.TextDocument,
  finding: Finding,
  diagnostic: vscode.Diagnostic,
): vscode.CodeAction {
  const action = new vscode.CodeAction(
    `Disable ${finding.ruleId} for this line`,
    vscode.CodeActionKind.QuickFix,
  );
  action.diagnostics = [diagnostic];
  action.edit = new vscode.WorkspaceEdit();
  const line = document.lineAt(finding.start.line);
  const above = finding.start.line > 0 ? document.lineAt(finding.start.line - 1) : undefined;
  const existing = above && DISABLE_COMMENT.exec(above.text);
  // A finding under an existing comment is not silenced by it yet: add its rule to the list.
  if (above && existing) {
    action.edit.insert(document.uri, above.range.end, ` ${finding.ruleId}`);
    return action;
  }
  const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  action.edit.insert(
    document.uri,
    line.range.start,
    `${indent}# pod-doctor-disable-next-line ${finding.ruleId}${eol}`,
  );
  return action;
}
