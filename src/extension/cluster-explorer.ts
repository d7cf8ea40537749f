import * as vscode from 'vscode';
import type { ClusterState } from './cluster/state';
import type { Ctx } from './ctx';
import type { ExplainPanels } from './explain/panel';
import {
  KUBERNETES_EXTENSION_ID,
  brokerApi,
  podOfNode,
  type ClusterExplorerV1,
  type ConfigurationV1_1,
} from './kubernetes-extension-api';

export const EXPLAIN_EXPLORER_POD = 'podDoctor.explainClusterExplorerPod';

/**
 * "Explain with Pod Doctor" on pod nodes of the Kubernetes extension's Cluster Explorer. The node is
 * resolved through that extension's published API, and the pod is read with its kubeconfig and
 * current context, so the explanation is of the pod the user clicked. Without that extension the
 * command does nothing (its menu entry only shows in that extension's view).
 */
export function registerClusterExplorer(ctx: Ctx, state: ClusterState, panels: ExplainPanels): void {
  /** The context the Kubernetes extension last reported switching to; its kubeconfig's otherwise. */
  let reportedContext: string | undefined;
  let listening = false;

  ctx.command(EXPLAIN_EXPLORER_POD, async (target?: unknown) => {
    const extension = vscode.extensions.getExtension(KUBERNETES_EXTENSION_ID);
    if (!extension) return;
    const exports: unknown = extension.isActive ? extension.exports : await extension.activate();
    const explorer = brokerApi<ClusterExplorerV1>(exports, 'clusterexplorer', 'v1');
    const configuration = brokerApi<ConfigurationV1_1>(exports, 'configuration', 'v1_1');
    if (!explorer.available || !configuration.available) {
      void vscode.window.showWarningMessage(
        'Pod Doctor cannot read this Cluster Explorer node: the installed Kubernetes extension does not offer the API it needs (Cluster Explorer v1, Configuration v1.1). Update the Kubernetes extension.',
      );
      return;
    }
    if (!listening && configuration.api.onDidChangeContext) {
      listening = true;
      ctx.push(
        configuration.api.onDidChangeContext((context) => {
          reportedContext = context ?? undefined;
        }) as vscode.Disposable,
      );
    }
    const pod = podOfNode(explorer.api.resolveCommandTarget(target));
    if (!pod) return;
    const path = configuration.api.getKubeconfigPath();
    if (path.pathType !== 'host') {
      void vscode.window.showWarningMessage(
        `Pod Doctor cannot read the kubeconfig ${path.wslPath} inside WSL; open the pod from the Pod Doctor view instead.`,
      );
      return;
    }
    const cluster = await state.module();
    const loaded = cluster.loadKubeconfig({ kubeconfig: path.hostPath });
    if (loaded.sources.length === 0) {
      void vscode.window.showWarningMessage(
        `Pod Doctor cannot read the Kubernetes extension's kubeconfig ${path.hostPath}${loaded.warnings[0] ? ` (${loaded.warnings[0]})` : ''}; check the file, then try again.`,
      );
      return;
    }
    const context =
      reportedContext && loaded.contexts.some((c) => c.name === reportedContext)
        ? reportedContext
        : loaded.currentContext;
    if (!context) {
      void vscode.window.showWarningMessage(
        `The kubeconfig ${path.hostPath} of the Kubernetes extension sets no current context; pick one in its Cluster Explorer, then try again.`,
      );
      return;
    }
    const namespace =
      pod.namespace ?? loaded.contexts.find((c) => c.name === context)?.namespace ?? 'default';
    panels.open({ context, namespace, name: pod.name, kubeconfig: path.hostPath });
  });
}
