import * as vscode from 'vscode';
import type { Command } from './command';

/**
 * The container CodeLens's click: selects the container's first problem in the editor and opens the
 * Problems panel, which reveals the selected problem. Arguments: document URI, line, character.
 */
export const showProblemsForContainer: Command = {
  id: 'podDoctor.showProblemsForContainer',
  async run(_features, uri, line, character) {
    if (typeof uri !== 'string' || typeof line !== 'number' || typeof character !== 'number') return;
    const position = new vscode.Position(line, character);
    await vscode.window.showTextDocument(vscode.Uri.parse(uri), {
      selection: new vscode.Range(position, position),
      preserveFocus: true,
    });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  },
};
