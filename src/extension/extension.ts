import type * as vscode from 'vscode';
import { Ctx } from './ctx';
import { ClusterState } from './cluster/state';
import { registerCommands } from './commands';
import { ExplainPanels } from './explain/panel';
import { registerLint } from './lint';
import { registerClusterLint, type ClusterLint } from './lint/cluster-lint';
import { registerLiveFindings } from './live';
import { FixPreviews } from './live/apply-fix';
import type { LiveDiagnostics } from './live/live-diagnostics';
import { registerPodsTree, type PodsTreeApi } from './tree/register';
import { TriagePanels } from './triage/panel';

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
  const live = registerLiveFindings(ctx, cluster, pods, linted);
  const explain = new ExplainPanels(ctx, cluster);
  const triage = new TriagePanels(ctx, cluster);
  const fixes = new FixPreviews(ctx);
  registerCommands(ctx, { cluster, pods, explain, triage, fixes });
  ctx.output.debug(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return { ctx, cluster, pods, explain, triage, clusterLint, live };
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
  readonly triage: TriagePanels;
  readonly clusterLint: ClusterLint;
  /** Live findings on open manifests, from the pods the tree watches. */
  readonly live: LiveDiagnostics;
}
