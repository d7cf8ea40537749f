import * as vscode from 'vscode';
import { treeNodeOf } from '../tree/model';
import type { TriageScope } from '../triage/panel';
import type { Command } from './command';

/**
 * Opens the triage panel: of the clicked namespace row, of every namespace for a context row, of
 * `{ context, namespace }` from another command or a test, or from the palette of the namespace
 * the Pods tree shows (every namespace when it shows all).
 */
export const triage: Command = {
  id: 'podDoctor.triage',
  async run({ cluster, triage: panels }, arg) {
    const scope = scopeOf(arg) ?? (await currentScope(cluster));
    if (scope) panels.open(scope);
  },
};

function scopeOf(arg: unknown): TriageScope | undefined {
  const node = treeNodeOf(arg);
  if (node?.kind === 'namespace') return { context: node.context, namespace: node.namespace };
  if (node?.kind === 'context') return { context: node.context, namespace: undefined };
  if (node || typeof arg !== 'object' || arg === null) return undefined;
  const { context, namespace } = arg as { context?: unknown; namespace?: unknown };
  if (typeof context !== 'string') return undefined;
  return { context, namespace: typeof namespace === 'string' ? namespace : undefined };
}

async function currentScope(
  cluster: Parameters<Command['run']>[0]['cluster'],
): Promise<TriageScope | undefined> {
  const context = await cluster.contextName();
  if (!context) {
    void vscode.window.showInformationMessage(
      'No Kubernetes context: open the Pods view to connect or start the demo cluster.',
    );
    return undefined;
  }
  return { context, namespace: cluster.allNamespaces ? undefined : await cluster.namespace(context) };
}
