import * as vscode from 'vscode';
import type { Command } from './command';

/** Asks for text that pod rows must contain (name, STATUS, namespace or node); empty clears it. */
export const filterPods: Command = {
  id: 'podDoctor.filterPods',
  async run({ pods }) {
    const text = await vscode.window.showInputBox({
      title: 'Filter pods',
      prompt: 'Matches pod name, STATUS, namespace or node (empty clears the filter)',
      value: pods.provider.filter.text,
    });
    if (text === undefined) return;
    pods.setFilter({ text: text.trim() });
  },
};
