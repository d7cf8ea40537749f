import * as vscode from 'vscode';
import type { ClusterState } from '../cluster/state';
import { registerContextStatus } from '../cluster/status-bar';
import type { Ctx } from '../ctx';
import type { LintedDocuments } from '../lint/document-cache';
import { DOCUMENT_SCHEME, PodDocuments } from './documents';
import { TreeUsage } from './tree-usage';
import { registerLivePodsLens } from './live-lens';
import type { PodFilter, PodsNode } from './model';
import { PodProblemDecorations, PodsTreeProvider } from './pods-tree';

/** The Pods view as commands and tests see it. */
export interface PodsTreeApi {
  readonly provider: PodsTreeProvider;
  readonly view: vscode.TreeView<PodsNode>;
  /** The read-only log and YAML documents opened from pod rows. */
  readonly documents: PodDocuments;
  /** CPU and memory usage from metrics.k8s.io, polled while the view is visible. */
  readonly usage: TreeUsage;
  /** Changes the filter, its message above the tree, the menu context keys, and re-renders. */
  setFilter(change: Partial<PodFilter>): void;
}

/** The Pods view, its decorations and live CodeLens, the status-bar item and the read-only log/YAML documents. */
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
  registerContextStatus(ctx, state, view);

  const setFilter = (change: Partial<PodFilter>): void => {
    provider.filter = { ...provider.filter, ...change };
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
    provider.refresh(undefined);
  };
  void vscode.commands.executeCommand('setContext', 'podDoctor.onlyUnhealthy', false);

  const usage = new TreeUsage(ctx, state);
  provider.usage = usage;
  usage.track(() => provider.watchedNamespaces());
  ctx.push(usage.onDidChange(() => provider.refresh(undefined)));
  ctx.push(view.onDidChangeVisibility((e) => usage.setVisible(e.visible)));
  usage.setVisible(view.visible);
  ctx.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('podDoctor.pods.showUsage')) provider.refresh(undefined);
    }),
  );

  // Ages in the descriptions move on; re-render from the cache (no request) while the view is visible.
  const ageTimer = setInterval(() => {
    if (view.visible) provider.refresh(undefined);
  }, 30_000);
  ctx.push({ dispose: () => clearInterval(ageTimer) });

  return { provider, view, documents, setFilter, usage };
}
