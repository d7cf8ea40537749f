import * as vscode from 'vscode';
import type { TextEdit } from '../../core/lint/types';
import { computeLineStarts, positionAt } from '../../core/manifest/parse';

/**
 * A fix's text edits (offset ranges into `text`, the document's text they were planned on) as one
 * workspace edit that VS Code shows as a refactor preview before applying it: a fix from a live
 * finding rewrites a manifest the user may deploy, so the user sees and confirms it first. It is a
 * normal workspace edit, so Undo reverts it.
 */
export function fixWorkspaceEdit(
  uri: vscode.Uri,
  text: string,
  edits: readonly TextEdit[],
  label: string,
): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fixEntries(uri, text, edits, label)) edit.replace(uri, e.range, e.newText, e.metadata);
  return edit;
}

/** The edits of `fixWorkspaceEdit` as ranges with their metadata (tests check what the preview gets). */
export function fixEntries(
  uri: vscode.Uri,
  text: string,
  edits: readonly TextEdit[],
  label: string,
): Array<{ range: vscode.Range; newText: string; metadata: vscode.WorkspaceEditEntryMetadata }> {
  const lineStarts = computeLineStarts(text);
  const position = (offset: number): vscode.Position => {
    const { line, character } = positionAt(lineStarts, offset);
    return new vscode.Position(line, character);
  };
  const metadata: vscode.WorkspaceEditEntryMetadata = {
    needsConfirmation: true,
    label,
    description: vscode.workspace.asRelativePath(uri),
    iconPath: new vscode.ThemeIcon('wrench'),
  };
  return edits.map((e) => ({
    range: new vscode.Range(position(e.range.start), position(e.range.end)),
    newText: e.newText,
    metadata,
  }));
}
