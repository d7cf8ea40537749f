import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ClusterState } from './state';
import { switchContext } from '../commands/switch-context';

/**
 * The status-bar item showing the current context and namespace; clicking it switches context. It
 * appears once `view` has been opened, so activation never loads the cluster code.
 */
export function registerContextStatus(ctx: Ctx, state: ClusterState, view: vscode.TreeView<unknown>): void {
  const status = ctx.push(
    vscode.window.createStatusBarItem('podDoctor.context', vscode.StatusBarAlignment.Left, 10),
  );
  status.name = 'Pod Doctor: Kubernetes context';
  status.command = switchContext.id;
  const update = async (): Promise<void> => {
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
  ctx.push(view.onDidChangeVisibility((e) => e.visible && void update()));
  ctx.push(state.onDidChange(() => void update()));
  if (view.visible) void update();
}
