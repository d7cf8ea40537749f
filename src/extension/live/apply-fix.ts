import * as vscode from 'vscode';
import { applyEdits } from '../../core/fix';
import type { Fix } from '../../core/lint/types';
import type { Ctx } from '../ctx';

/** The URI scheme of fix previews: read-only documents holding a manifest with a fix applied. */
export const FIX_PREVIEW_SCHEME = 'pod-doctor-fix';

/** One fix waiting for the user: the manifest, the text it was planned on, and its edits. */
interface Preview {
  readonly target: vscode.Uri;
  readonly planned: string;
  readonly proposed: string;
  readonly fix: Fix;
}

/**
 * "Apply fix" as a preview the user confirms: a diff between the manifest and a read-only document
 * holding the whole file with the fix applied, whose title bar offers "Apply fix" and "Discard". A
 * fix rewrites a manifest the user may deploy, so the user sees the change before it is made; it is
 * made only if the manifest is still the text it was planned on, as one plain workspace edit (one
 * Undo reverts it). Only the local file changes: nothing is sent to a cluster.
 */
export class FixPreviews implements vscode.TextDocumentContentProvider {
  private readonly previews = new Map<string, Preview>();
  private count = 0;

  constructor(ctx: Ctx) {
    ctx.push(vscode.workspace.registerTextDocumentContentProvider(FIX_PREVIEW_SCHEME, this));
    // A preview closed by hand (its tab's ×) is as good as discarded.
    ctx.push(vscode.workspace.onDidCloseTextDocument((d) => this.previews.delete(d.uri.toString())));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.previews.get(uri.toString())?.proposed ??
      '# This fix preview is no longer available: run "Apply fix" again.\n'
    );
  }

  /** Opens the diff of `fix` (planned on `text`, the manifest's current text); false if it could not. */
  async open(target: vscode.Uri, text: string, fix: Fix): Promise<boolean> {
    const name = target.path.slice(target.path.lastIndexOf('/') + 1);
    // The file's own name keeps its language (YAML colors); the query makes each preview unique.
    const uri = vscode.Uri.from({ scheme: FIX_PREVIEW_SCHEME, path: `/${name}`, query: `${++this.count}` });
    this.previews.set(uri.toString(), { target, planned: text, proposed: applyEdits(text, fix.edits), fix });
    const first = Math.min(...fix.edits.map((e) => e.range.start));
    const line = Number.isFinite(first) ? lineAt(text, first) : 0;
    await vscode.commands.executeCommand('vscode.diff', target, uri, `${name} ↔ ${fix.title}`, {
      preview: false,
      selection: new vscode.Range(line, 0, line, 0),
    });
    return true;
  }

  /** "Apply fix" in the diff's title bar: makes the change, closes the diff, shows the edited line. */
  async confirm(arg: unknown): Promise<boolean> {
    const key = previewKey(arg);
    const preview = key === undefined ? undefined : this.previews.get(key);
    if (key === undefined || !preview) {
      void vscode.window.showWarningMessage(
        'This fix preview is no longer available: run "Apply fix" again.',
      );
      return false;
    }
    const where = vscode.workspace.asRelativePath(preview.target);
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(preview.target);
    } catch (error) {
      void vscode.window.showWarningMessage(
        `Pod Doctor could not open ${where} to apply the fix: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
    if (document.getText() !== preview.planned) {
      await this.close(key);
      void vscode.window.showWarningMessage(
        `${where} changed since this fix was previewed, so it was not applied: run "Apply fix" again.`,
      );
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of preview.fix.edits) {
      const range = new vscode.Range(document.positionAt(e.range.start), document.positionAt(e.range.end));
      edit.replace(preview.target, range, e.newText);
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showWarningMessage(
        `VS Code did not apply the fix to ${where}; the file is unchanged.`,
      );
      return false;
    }
    await this.close(key);
    const first = Math.min(...preview.fix.edits.map((e) => e.range.start));
    const at = document.positionAt(Number.isFinite(first) ? first : 0);
    const shown = new vscode.Range(at.line, 0, at.line, 0);
    // Where the manifest is already shown (the panel's button opened the diff beside it), else here.
    const viewColumn = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn;
    const editor = await vscode.window.showTextDocument(document, {
      preview: false,
      selection: shown,
      ...(viewColumn === undefined ? {} : { viewColumn }),
    });
    editor.revealRange(shown, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  /** "Discard" in the diff's title bar: closes the diff; the manifest stays as it is. */
  async discard(arg: unknown): Promise<boolean> {
    const key = previewKey(arg);
    if (key === undefined) return false;
    await this.close(key);
    return true;
  }

  private async close(key: string): Promise<void> {
    this.previews.delete(key);
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === key);
    await vscode.window.tabGroups.close(tabs);
  }
}

/**
 * The preview a title-bar action is about: VS Code passes the editor's resource (the diff's right
 * side); from elsewhere (a keybinding), the active diff tab's.
 */
function previewKey(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri && arg.scheme === FIX_PREVIEW_SCHEME) return arg.toString();
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputTextDiff && input.modified.scheme === FIX_PREVIEW_SCHEME) {
    return input.modified.toString();
  }
  return undefined;
}

/** The 0-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
