import type * as vscode from 'vscode';
import type { ClusterState } from '../cluster/state';
import type { Ctx } from '../ctx';
import type { LintedDocuments } from '../lint/document-cache';
import type { PodsTreeApi } from '../tree/register';
import { registerLiveActions } from './live-actions';
import { LiveDiagnostics } from './live-diagnostics';

/**
 * Live findings in the editor and their quick fixes. They follow what the Pods tree watches: its
 * pods changing, a namespace collapsing (its watch goes), a context or namespace switch.
 */
export function registerLiveFindings(
  ctx: Ctx,
  state: ClusterState,
  pods: PodsTreeApi,
  documents: LintedDocuments,
): LiveDiagnostics {
  const onDidChangeWatches: vscode.Event<unknown> = (listener, thisArgs, disposables) => {
    const subscriptions = [
      pods.provider.onDidChangeTreeData(listener, thisArgs),
      pods.view.onDidCollapseElement(listener, thisArgs),
      state.onDidChange(listener, thisArgs),
    ];
    const disposable = { dispose: () => subscriptions.forEach((s) => s.dispose()) };
    disposables?.push(disposable);
    return disposable;
  };
  const live = new LiveDiagnostics(ctx, state, pods.provider, documents, onDidChangeWatches);
  registerLiveActions(ctx, live);
  return live;
}
