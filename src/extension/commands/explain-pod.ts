import * as vscode from 'vscode';
import type { ClusterState } from '../cluster/state';
import type { PodRef } from '../explain/panel';
import { treeNodeOf } from '../tree/model';
import type { PodsTreeProvider } from '../tree/pods-tree';
import type { Command } from './command';

/**
 * Opens (or reveals) the explain panel of a pod: the clicked pod row, a `PodRef` from another
 * command or a test, or a quick pick of the current context's pods, problems first.
 */
export const explainPod: Command = {
  id: 'podDoctor.explainPod',
  async run({ cluster, pods, explain }, arg) {
    const ref = podRefOf(arg) ?? (await pickPod(cluster, pods.provider));
    if (ref) explain.open(ref);
  },
};

function podRefOf(arg: unknown): PodRef | undefined {
  const node = treeNodeOf(arg);
  if (node?.kind === 'pod')
    return { context: node.context, namespace: node.row.namespace, name: node.row.name };
  if (node || typeof arg !== 'object' || arg === null) return undefined;
  const { context, namespace, name } = arg as Partial<Record<keyof PodRef, unknown>>;
  return typeof context === 'string' && typeof namespace === 'string' && typeof name === 'string'
    ? { context, namespace, name }
    : undefined;
}

async function pickPod(state: ClusterState, tree: PodsTreeProvider): Promise<PodRef | undefined> {
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
