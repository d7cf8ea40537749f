import * as vscode from 'vscode';
import {
  KUBERNETES_EXTENSION_ID,
  brokerApi,
  podOfNode,
  type ClusterExplorerV1,
  type ConfigurationV1_1,
} from '../kubernetes-extension-api';
import type { Command } from './command';

/**
 * "Explain with Pod Doctor" on pod nodes of the Kubernetes extension's Cluster Explorer. The node is
 * resolved through that extension's published API, and the pod is read with its kubeconfig and that
 * kubeconfig's current context (the one its explorer shows), so the explanation is of the pod the
 * user clicked. Without that extension the command does nothing (its menu entry only shows in that
 * extension's view).
 */
export const explainClusterExplorerPod: Command = {
  id: 'podDoctor.explainClusterExplorerPod',
  async run({ cluster, explain }, target) {
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
    const pod = podOfNode(explorer.api.resolveCommandTarget(target));
    if (!pod) return;
    const path = configuration.api.getKubeconfigPath();
    if (path.pathType !== 'host') {
      void vscode.window.showWarningMessage(
        `Pod Doctor cannot read the kubeconfig ${path.wslPath} inside WSL; open the pod from the Pod Doctor view instead.`,
      );
      return;
    }
    const module = await cluster.module();
    const loaded = module.loadKubeconfig({ kubeconfig: path.hostPath });
    if (loaded.sources.length === 0) {
      void vscode.window.showWarningMessage(
        `Pod Doctor cannot read the Kubernetes extension's kubeconfig ${path.hostPath}${loaded.warnings[0] ? ` (${loaded.warnings[0]})` : ''}; check the file, then try again.`,
      );
      return;
    }
    const context = loaded.currentContext;
    if (!context) {
      void vscode.window.showWarningMessage(
        `The kubeconfig ${path.hostPath} of the Kubernetes extension sets no current context; pick one in its Cluster Explorer, then try again.`,
      );
      return;
    }
    const namespace =
      pod.namespace ?? loaded.contexts.find((c) => c.name === context)?.namespace ?? 'default';
    explain.open({ context, namespace, name: pod.name, kubeconfig: path.hostPath });
  },
};
