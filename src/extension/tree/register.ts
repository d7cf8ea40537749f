import * as vscode from 'vscode';
import type { Pod } from '../../core/k8s';
import type { ClusterState } from '../cluster/state';
import type { Ctx } from '../ctx';
import type { LintedDocuments } from '../lint/document-cache';
import { DOCUMENT_SCHEME, PodDocuments, podDocumentUri } from './documents';
import type { PodNode, PodsNode } from './model';
import { registerLivePodsLens } from './live-lens';
import { PodProblemDecorations, PodsTreeProvider } from './pods-tree';

export interface PodsTreeApi {
  readonly provider: PodsTreeProvider;
  readonly view: vscode.TreeView<PodsNode>;
}

/** The Pods view, its commands, the status-bar item and the read-only log/YAML documents. */
export function registerPodsTree(ctx: Ctx, state: ClusterState, lintDocuments: LintedDocuments): PodsTreeApi {
  const provider = new PodsTreeProvider(ctx, state);
  const view = ctx.push(
    vscode.window.createTreeView('podDoctor.pods', { treeDataProvider: provider, showCollapseAll: true }),
  );
  ctx.push(view.onDidCollapseElement((e) => provider.collapsed(e.element)));
  ctx.push(view.onDidExpandElement((e) => provider.expandedNode(e.element)));
  ctx.push(vscode.window.registerFileDecorationProvider(new PodProblemDecorations()));
  registerLivePodsLens(ctx, state, provider, lintDocuments);
  const documents = new PodDocuments(state);
  ctx.push(documents);
  ctx.push(vscode.workspace.registerTextDocumentContentProvider(DOCUMENT_SCHEME, documents));

  const status = ctx.push(
    vscode.window.createStatusBarItem('podDoctor.context', vscode.StatusBarAlignment.Left, 10),
  );
  status.name = 'Pod Doctor: Kubernetes context';
  status.command = 'podDoctor.switchContext';
  const updateStatus = async (): Promise<void> => {
    try {
      const context = await state.contextName();
      if (!context) {
        status.hide();
        return;
      }
      const namespace = state.allNamespaces ? 'all namespaces' : await state.namespace(context);
      status.text = `$(server-environment) ${context} · ${namespace}`;
      status.tooltip = `Pod Doctor: context ${context}, namespace ${namespace}. Click to switch context.`;
      status.show();
    } catch {
      status.hide();
    }
  };
  // The status bar appears once the view has been opened, so activation never loads the cluster code.
  ctx.push(view.onDidChangeVisibility((e) => e.visible && void updateStatus()));
  ctx.push(state.onDidChange(() => void updateStatus()));
  if (view.visible) void updateStatus();

  const updateMessage = (): void => {
    const parts: string[] = [];
    if (provider.filter.text) parts.push(`Filter: "${provider.filter.text}"`);
    if (provider.filter.onlyUnhealthy) parts.push('only unhealthy pods');
    view.message = parts.length > 0 ? `Showing ${parts.join(', ')}.` : '';
    void vscode.commands.executeCommand('setContext', 'podDoctor.filtered', provider.filter.text !== '');
    void vscode.commands.executeCommand(
      'setContext',
      'podDoctor.onlyUnhealthy',
      provider.filter.onlyUnhealthy,
    );
  };

  ctx.command('podDoctor.refreshPods', () => provider.relist());
  ctx.command('podDoctor.filterPods', async () => {
    const text = await vscode.window.showInputBox({
      title: 'Filter pods',
      prompt: 'Matches pod name, STATUS, namespace or node (empty clears the filter)',
      value: provider.filter.text,
    });
    if (text === undefined) return;
    provider.filter = { ...provider.filter, text: text.trim() };
    updateMessage();
    provider.refresh(undefined);
  });
  ctx.command('podDoctor.clearPodFilter', () => {
    provider.filter = { ...provider.filter, text: '' };
    updateMessage();
    provider.refresh(undefined);
  });
  const setOnlyUnhealthy = (on: boolean): void => {
    provider.filter = { ...provider.filter, onlyUnhealthy: on };
    updateMessage();
    provider.refresh(undefined);
  };
  ctx.command('podDoctor.showOnlyUnhealthy', () => setOnlyUnhealthy(true));
  ctx.command('podDoctor.showAllPods', () => setOnlyUnhealthy(false));
  void vscode.commands.executeCommand('setContext', 'podDoctor.onlyUnhealthy', false);

  ctx.command('podDoctor.switchContext', async (node?: PodsNode) => {
    if (node?.kind === 'context') {
      await state.setContext(node.context);
      return;
    }
    const loaded = await state.kubeconfig();
    if (loaded.contexts.length === 0) {
      const choice = await vscode.window.showInformationMessage(
        'No kubeconfig found: set KUBECONFIG or create ~/.kube/config, or open the demo cluster.',
        'Open the Demo Cluster',
      );
      if (choice) await vscode.commands.executeCommand('podDoctor.openDemoCluster');
      return;
    }
    const current = await state.contextName();
    const pick = await vscode.window.showQuickPick(
      loaded.contexts.map((c) => ({
        label: c.name,
        description: c.name === current ? 'current' : '',
        detail: `${c.server} · namespace ${c.namespace} · user ${c.user}`,
      })),
      { title: 'Switch Kubernetes context (your kubeconfig is not changed)', matchOnDetail: true },
    );
    if (pick) await state.setContext(pick.label);
  });

  ctx.command('podDoctor.switchNamespace', async (node?: PodsNode) => {
    const context = node && 'context' in node ? node.context : await state.contextName();
    if (!context) return;
    if (node?.kind === 'namespace') {
      await state.setNamespace(context, node.namespace);
      return;
    }
    const session = await state.session(context);
    let names: string[] = [];
    let note = '';
    try {
      names = (await session?.listNamespaces()) ?? [];
    } catch (error) {
      note = session?.fault(error, { action: 'list namespaces' }).message ?? '';
    }
    const ALL = '$(list-tree) All namespaces';
    const OTHER = '$(edit) Type a namespace…';
    const current = state.allNamespaces ? ALL : await state.namespace(context);
    const pick = await vscode.window.showQuickPick(
      [ALL, ...names, OTHER].map((label) => ({ label, description: label === current ? 'current' : '' })),
      { title: `Namespace in ${context}`, ...(note ? { placeHolder: note } : {}) },
    );
    if (!pick) return;
    if (pick.label === ALL) return state.setAllNamespaces(true);
    const name =
      pick.label === OTHER
        ? await vscode.window.showInputBox({
            title: 'Namespace',
            validateInput: (v) =>
              /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) ? undefined : 'Not a valid namespace name',
          })
        : pick.label;
    if (name) await state.setNamespace(context, name);
  });
  ctx.command('podDoctor.allNamespaces', () => state.setAllNamespaces(true));

  ctx.command('podDoctor.openDemoCluster', async () => {
    await vscode.window.withProgress(
      { location: { viewId: 'podDoctor.pods' }, title: 'Starting the demo cluster…' },
      async () => {
        try {
          await state.openDemoCluster();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          void vscode.window.showErrorMessage(`Pod Doctor could not start the demo cluster: ${message}`);
        }
      },
    );
  });

  const podOf = (node: unknown): PodNode | undefined =>
    typeof node === 'object' && node !== null && (node as PodsNode).kind === 'pod'
      ? (node as PodNode)
      : undefined;

  const openLog = async (node: unknown, previous: boolean): Promise<void> => {
    const pod = podOf(node);
    if (!pod) return;
    const containers = containerNames(pod.pod);
    const container =
      containers.length === 1
        ? containers[0]
        : await vscode.window.showQuickPick(containers, {
            title: `${previous ? 'Previous log' : 'Log'} of which container?`,
          });
    if (!container) return;
    const uri = podDocumentUri({
      context: pod.context,
      namespace: pod.row.namespace,
      pod: pod.row.name,
      container,
      previous,
    });
    documents.reload(uri);
    await vscode.window.showTextDocument(uri, { preview: false });
  };
  ctx.command('podDoctor.showLogs', (node: unknown) => openLog(node, false));
  ctx.command('podDoctor.showPreviousLogs', (node: unknown) => openLog(node, true));
  ctx.command('podDoctor.copyPodName', async (node: unknown) => {
    const pod = podOf(node);
    if (pod) await vscode.env.clipboard.writeText(pod.row.name);
  });
  ctx.command('podDoctor.openPodManifest', async (node: unknown) => {
    const pod = podOf(node);
    if (!pod) return;
    const uri = podDocumentUri({ context: pod.context, namespace: pod.row.namespace, pod: pod.row.name });
    documents.reload(uri);
    await vscode.window.showTextDocument(uri, { preview: false });
  });

  // Ages in the descriptions move on; re-render from the cache (no request) while the view is visible.
  const ageTimer = setInterval(() => {
    if (view.visible) provider.refresh(undefined);
  }, 30_000);
  ctx.push({ dispose: () => clearInterval(ageTimer) });

  return { provider, view };
}

function containerNames(pod: Pod): string[] {
  const spec = pod.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]
    .map((c) => c.name)
    .filter((n): n is string => typeof n === 'string');
}
