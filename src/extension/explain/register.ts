import * as vscode from 'vscode';
import type { ClusterState } from '../cluster/state';
import type { Ctx } from '../ctx';
import type { PodsNode } from '../tree/model';
import type { PodsTreeProvider } from '../tree/pods-tree';
import { ExplainPanels, type PodRef } from './panel';

/** `podDoctor.explainPod`: from a tree click, the tree's context menu, or the palette with a quick pick. */
export function registerExplain(ctx: Ctx, state: ClusterState, tree: PodsTreeProvider): ExplainPanels {
  const panels = new ExplainPanels(ctx, state);
  ctx.command('podDoctor.explainPod', async (arg?: PodsNode | PodRef) => {
    const ref = await resolveRef(arg, state, tree);
    if (ref) panels.open(ref);
  });
  return panels;
}

async function resolveRef(
  arg: PodsNode | PodRef | undefined,
  state: ClusterState,
  tree: PodsTreeProvider,
): Promise<PodRef | undefined> {
  if (arg && 'kind' in arg && arg.kind === 'pod') {
    return { context: arg.context, namespace: arg.row.namespace, name: arg.row.name };
  }
  if (arg && !('kind' in arg) && typeof arg.name === 'string') return arg;
  const context = await state.contextName();
  if (!context) {
    void vscode.window.showInformationMessage(
      'No Kubernetes context: open the Pods view to connect or start the demo cluster.',
    );
    return undefined;
  }
  const session = await state.session(context);
  if (!session) return undefined;
  const namespace = state.allNamespaces ? undefined : await state.namespace(context);
  const pick = await vscode.window.showQuickPick(
    (async () => {
      const known = tree.knownPods().filter((p) => p.context === context);
      const pods = known.length > 0 ? known.map((p) => p.pod) : await session.listPods(namespace);
      const { kubectlPodRow } = await import('../../core/status');
      const now = Date.now();
      return pods
        .map((pod) => kubectlPodRow(pod, now))
        .sort((a, b) => Number(b.problem) - Number(a.problem) || a.name.localeCompare(b.name))
        .map((row) => ({
          label: row.name,
          description: `${row.status}  ${row.ready}  ${row.restarts}  ${row.age}`,
          detail: row.namespace,
          namespace: row.namespace,
        }));
    })(),
    { title: `Explain which pod? (${context})`, matchOnDescription: true, matchOnDetail: true },
  );
  return pick ? { context, namespace: pick.namespace, name: pick.label } : undefined;
}
