import * as vscode from 'vscode';
import { treeNodeOf } from '../tree/model';
import type { Command } from './command';

const ALL = '$(list-tree) All namespaces';
const OTHER = '$(edit) Type a namespace…';
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Switches the namespace of a context: the clicked namespace row, or a quick pick of the namespaces
 * the user may list. When listing is denied, the pick still offers "All namespaces" and typing a name.
 */
export const switchNamespace: Command = {
  id: 'podDoctor.switchNamespace',
  async run({ cluster }, arg) {
    const node = treeNodeOf(arg);
    const context = node && 'context' in node ? node.context : await cluster.contextName();
    if (!context) return;
    if (node?.kind === 'namespace') {
      await cluster.setNamespace(context, node.namespace);
      return;
    }
    const session = await cluster.session(context);
    let names: string[] = [];
    let note = '';
    try {
      names = (await session?.listNamespaces()) ?? [];
    } catch (error) {
      note = session?.fault(error, { action: 'list namespaces' }).message ?? '';
    }
    const current = cluster.allNamespaces ? ALL : await cluster.namespace(context);
    const pick = await vscode.window.showQuickPick(
      [ALL, ...names, OTHER].map((label) => ({ label, description: label === current ? 'current' : '' })),
      { title: `Namespace in ${context}`, ...(note ? { placeHolder: note } : {}) },
    );
    if (!pick) return;
    if (pick.label === ALL) return cluster.setAllNamespaces(true);
    const name =
      pick.label === OTHER
        ? await vscode.window.showInputBox({
            title: 'Namespace',
            validateInput: (v) => (NAMESPACE_NAME.test(v) ? undefined : 'Not a valid namespace name'),
          })
        : pick.label;
    if (name) await cluster.setNamespace(context, name);
  },
};
