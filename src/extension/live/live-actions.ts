import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { PlannedFixArgs } from '../commands/apply-fix';
import type { PodRef } from '../explain/panel';
import { findingMatches } from '../lint/code-actions';
import { LIVE_DIAGNOSTIC_SOURCE, type LiveDiagnostics, type PublishedLive } from './live-diagnostics';

/** More pods than this in one finding: explain the first ones, the tree lists them all. */
const MAX_EXPLAIN_ACTIONS = 3;

/**
 * Quick fixes on live findings: "Apply fix: …" (a preview of the manifest's edit to confirm, when the
 * diagnosis' fix carries a value) and "Explain pod NAME" for the failing pods the finding groups.
 */
export function registerLiveActions(ctx: Ctx, live: LiveDiagnostics): void {
  ctx.push(
    vscode.languages.registerCodeActionsProvider(
      { language: 'yaml' },
      {
        provideCodeActions(document, _range, context) {
          if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
          const published = live.get(document.uri);
          if (!published) return [];
          try {
            return context.diagnostics.flatMap((d) => liveActions(document, published, d));
          } catch (error) {
            ctx.output.error(
              `Live quick fixes failed: ${error instanceof Error ? error.message : String(error)}`,
            );
            return [];
          }
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
}

export function liveActions(
  document: vscode.TextDocument,
  published: PublishedLive,
  diagnostic: vscode.Diagnostic,
): vscode.CodeAction[] {
  if (diagnostic.source !== LIVE_DIAGNOSTIC_SOURCE) return [];
  const finding = published.findings.find((f) => findingMatches(f, diagnostic));
  if (!finding) return [];
  const actions: vscode.CodeAction[] = [];
  // Offsets are into the text the finding was computed on: after an edit, wait for the next pass.
  if (finding.fix && published.version === document.version) {
    const title = finding.fix.title.startsWith('Apply fix')
      ? finding.fix.title
      : `Apply fix: ${finding.fix.title}`;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    // The same command as the explain panel's button: it opens the preview the user confirms.
    const args: PlannedFixArgs = { uri: document.uri.toString(), text: published.text, fix: finding.fix };
    action.command = { command: 'podDoctor.applyFix', title, arguments: [args] };
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    actions.push(action);
  }
  for (const pod of finding.pods.slice(0, MAX_EXPLAIN_ACTIONS)) {
    const action = new vscode.CodeAction(`Explain pod ${pod.name}`, vscode.CodeActionKind.QuickFix);
    const ref: PodRef = { context: published.context, namespace: pod.namespace, name: pod.name };
    action.command = { command: 'podDoctor.explainPod', title: action.title, arguments: [ref] };
    action.diagnostics = [diagnostic];
    actions.push(action);
  }
  return actions;
}
