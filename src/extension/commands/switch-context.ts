import * as vscode from 'vscode';
import { treeNodeOf } from '../tree/model';
import type { Command } from './command';
import { openDemoCluster } from './open-demo-cluster';

/**
 * Switches the context Pod Doctor uses: the clicked context row, or a quick pick of the kubeconfig's
 * contexts. Only Pod Doctor's choice changes; the kubeconfig file is never rewritten.
 */
export const switchContext: Command = {
  id: 'podDoctor.switchContext',
  async run({ cluster }, arg) {
    const node = treeNodeOf(arg);
    if (node?.kind === 'context') {
      await cluster.setContext(node.context);
      return;
    }
    const loaded = await cluster.kubeconfig();
    if (loaded.contexts.length === 0) {
      const choice = await vscode.window.showInformationMessage(
        'No kubeconfig found: set KUBECONFIG or create ~/.kube/config, or open the demo cluster.',
        'Open the Demo Cluster',
      );
      if (choice) await vscode.commands.executeCommand(openDemoCluster.id);
      return;
    }
    const current = await cluster.contextName();
    const pick = await vscode.window.showQuickPick(
      loaded.contexts.map((c) => ({
        label: c.name,
        description: c.name === current ? 'current' : '',
        detail: `${c.server} · namespace ${c.namespace} · user ${c.user}`,
      })),
      { title: 'Switch Kubernetes context (your kubeconfig is not changed)', matchOnDetail: true },
    );
    if (pick) await cluster.setContext(pick.label);
  },
};
