import type * as vscode from 'vscode';
import { Ctx } from './ctx';
import { ClusterState } from './cluster/state';
import { registerCommands } from './commands';
import { ExplainPanels } from './explain/panel';
import { registerLint } from './lint';
import { registerClusterLint, type ClusterLint } from './lint/cluster-lint';
import { registerPodsTree, type PodsTreeApi } from './tree/register';

/**
 * Two-phase activation: this function only wires up what the first diagnostic needs and registers
 * lazy entry points; the cluster bundle (and @kubernetes/client-node) loads on first use.
 */
export function activate(context: vscode.ExtensionContext): PodDoctorApi {
  const started = performance.now();
  const ctx = new Ctx(context);
  const linted = registerLint(ctx);
  // Cluster features register views and commands only; nothing talks to a cluster until the view opens.
  const cluster = new ClusterState(ctx);
  const pods = registerPodsTree(ctx, cluster, linted);
  const clusterLint = registerClusterLint(ctx, cluster, pods.provider.onDidChangeTreeData);
  const explain = new ExplainPanels(ctx, cluster);
  registerCommands(ctx, { cluster, pods, explain });
  ctx.output.debug(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return { ctx, cluster, pods, explain, clusterLint };
}

export function deactivate(): void {
  // Disposables registered on the context are disposed by VS Code.
}

/** What `activate` returns; integration tests reach internal state through it. */
export interface PodDoctorApi {
  readonly ctx: Ctx;
  readonly cluster: ClusterState;
  readonly pods: PodsTreeApi;
  readonly explain: ExplainPanels;
  readonly clusterLint: ClusterLint;
}
