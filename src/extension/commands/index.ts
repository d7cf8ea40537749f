import type { Ctx } from '../ctx';
import { allNamespaces } from './all-namespaces';
import { applyFix } from './apply-fix';
import { clearPodFilter } from './clear-pod-filter';
import type { Command, Features } from './command';
import { confirmFix } from './confirm-fix';
import { copyPodName } from './copy-pod-name';
import { discardFix } from './discard-fix';
import { explainClusterExplorerPod } from './explain-cluster-explorer-pod';
import { explainPod } from './explain-pod';
import { filterPods } from './filter-pods';
import { openDemoCluster } from './open-demo-cluster';
import { openPodManifest } from './open-pod-manifest';
import { refreshPods } from './refresh-pods';
import { showAllPods } from './show-all-pods';
import { showLogs } from './show-logs';
import { showOnlyUnhealthy } from './show-only-unhealthy';
import { showPreviousLogs } from './show-previous-logs';
import { showProblemsForContainer } from './show-problems-for-container';
import { switchContext } from './switch-context';
import { switchNamespace } from './switch-namespace';
import { triage } from './triage';

/**
 * Every command of the extension, in the order of package.json's `contributes.commands`. A command
 * is one module in this folder; adding one means adding it here and declaring it in package.json
 * (test/unit/extension/commands.test.ts checks both lists and the menus that name them).
 */
export const COMMANDS: readonly Command[] = [
  showProblemsForContainer,
  explainPod,
  refreshPods,
  filterPods,
  clearPodFilter,
  showOnlyUnhealthy,
  showAllPods,
  switchContext,
  switchNamespace,
  allNamespaces,
  openDemoCluster,
  showLogs,
  showPreviousLogs,
  copyPodName,
  openPodManifest,
  explainClusterExplorerPod,
  triage,
  applyFix,
  confirmFix,
  discardFix,
];

/** Registers the table; `ctx` disposes the registrations with the extension. */
export function registerCommands(ctx: Ctx, features: Features): void {
  for (const command of COMMANDS) {
    ctx.command(command.id, (...args: unknown[]) => command.run(features, ...args));
  }
}
