import * as vscode from 'vscode';
import type { ReportedFinding } from '../../core/kustomize/merge';
import type { Finding, Severity } from '../../core/lint/types';
import { ruleDocUrl } from '../../core/summary';
import type { Ctx } from '../ctx';
import { isLintable, type LintedDocuments } from './document-cache';
import type { KustomizeOverlays } from './kustomize-overlays';
import { affectsLintSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'pod-doctor';

/** Long enough to skip the intermediate states of a word being typed, short enough to feel live. */
const DEBOUNCE_MS = 200;

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function findingRange(finding: Finding): vscode.Range {
  return new vscode.Range(
    finding.start.line,
    finding.start.character,
    finding.end.line,
    finding.end.character,
  );
}

export function toDiagnostic(finding: ReportedFinding): vscode.Diagnostic {
  const via = finding.via ?? [];
  const diagnostic = new vscode.Diagnostic(
    findingRange(finding),
    via.length > 0 ? `${finding.message} (via ${via.map(shortDir).join(', ')})` : finding.message,
    SEVERITY[finding.severity],
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocUrl(finding.ruleId)) };
  if (via.length > 0) {
    diagnostic.relatedInformation = via.map(
      (dir) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.file(dir), new vscode.Position(0, 0)),
          `Rendered by the kustomization in ${shortDir(dir)}`,
        ),
    );
  }
  return diagnostic;
}

/** A kustomization directory as the workspace names it. */
function shortDir(dir: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.file(dir), false);
}

/**
 * Publishes the findings of every open YAML document: at once on open and save, debounced while
 * typing, again for all documents when `podDoctor.lint.*` changes; cleared on close.
 * `onDidLint` fires after each publication so that CodeLens can refresh.
 */
export function registerDiagnostics(
  ctx: Ctx,
  documents: LintedDocuments,
  overlays?: KustomizeOverlays,
  /** Fires when a `.pod-doctor.yaml` changes: every open document is linted again. */
  onDidChangeConfig?: vscode.Event<void>,
): vscode.Event<vscode.Uri> {
  const collection = ctx.push(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));
  const linted = ctx.push(new vscode.EventEmitter<vscode.Uri>());
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const cancel = (uri: vscode.Uri): void => {
    const timer = timers.get(uri.toString());
    if (timer !== undefined) clearTimeout(timer);
    timers.delete(uri.toString());
  };
  const publish = (document: vscode.TextDocument): void => {
    cancel(document.uri);
    if (document.isClosed) return;
    try {
      const result = documents.get(document);
      if (result) {
        const findings = overlays
          ? overlays.findingsFor(document, result.result.findings)
          : result.result.findings;
        collection.set(document.uri, findings.map(toDiagnostic));
      } else collection.delete(document.uri);
      linted.fire(document.uri);
    } catch (error) {
      ctx.output.error(
        `Publishing diagnostics for ${document.uri.toString()} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const schedule = (document: vscode.TextDocument): void => {
    cancel(document.uri);
    timers.set(
      document.uri.toString(),
      setTimeout(() => publish(document), DEBOUNCE_MS),
    );
  };

  ctx.push({ dispose: () => timers.forEach((timer) => clearTimeout(timer)) });
  ctx.push(
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (!isLintable(document)) return;
      publish(document);
      overlays?.schedule(document);
    }),
  );
  ctx.push(
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0 && isLintable(event.document)) schedule(event.document);
    }),
  );
  ctx.push(
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (!isLintable(document)) return;
      publish(document);
      overlays?.schedule(document);
    }),
  );
  ctx.push(
    vscode.workspace.onDidCloseTextDocument((document) => {
      cancel(document.uri);
      collection.delete(document.uri);
      documents.forget(document.uri);
    }),
  );
  const publishAll = (): void => {
    for (const document of vscode.workspace.textDocuments) {
      if (isLintable(document)) publish(document);
    }
  };
  if (overlays) {
    // A render changes the findings of the patch and base files it maps back to.
    ctx.push(
      overlays.onDidRender((files) => {
        const changed = new Set(files);
        for (const document of vscode.workspace.textDocuments) {
          if (isLintable(document) && changed.has(document.uri.fsPath.split('\\').join('/'))) {
            publish(document);
          }
        }
      }),
    );
    // Once the workspace's kustomizations are known, patches are linted as partial objects
    // (looked up after activation, which stays registration only).
    const indexing = setTimeout(() => {
      void overlays.index().then(() => {
        publishAll();
        for (const document of vscode.workspace.textDocuments) {
          if (isLintable(document)) overlays.schedule(document);
        }
      });
    }, 0);
    ctx.push({ dispose: () => clearTimeout(indexing) });
  }
  ctx.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsLintSettings(event)) publishAll();
    }),
  );
  if (onDidChangeConfig) ctx.push(onDidChangeConfig(publishAll));
  // Documents already open when the extension activates (the YAML file that activated it), after
  // activate() has returned so that activation stays registration only.
  const initial = setTimeout(publishAll, 0);
  ctx.push({ dispose: () => clearTimeout(initial) });
  return linted.event;
}
