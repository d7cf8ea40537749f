import type { ClusterState } from '../cluster/state';
import type { ExplainPanels } from '../explain/panel';
import type { FixPreviews } from '../live/apply-fix';
import type { PodsTreeApi } from '../tree/register';
import type { TriagePanels } from '../triage/panel';

/** What commands act on: the features `activate` built. Commands keep no state of their own. */
export interface Features {
  readonly cluster: ClusterState;
  readonly pods: PodsTreeApi;
  readonly explain: ExplainPanels;
  readonly triage: TriagePanels;
  /** Fix previews waiting for the user's "Apply fix" or "Discard". */
  readonly fixes: FixPreviews;
}

/**
 * One command of the extension. Its id is declared in package.json's `contributes.commands`; a unit
 * test checks both lists agree.
 */
export interface Command {
  readonly id: string;
  /**
   * `args` are whatever VS Code passes: a tree node from a menu, CodeLens arguments, a value from
   * another extension or nothing from the palette. A command checks them and ignores what it does not
   * understand.
   */
  run(features: Features, ...args: unknown[]): unknown;
}
