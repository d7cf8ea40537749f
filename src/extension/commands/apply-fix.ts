import * as vscode from 'vscode';
import { planFix } from '../../core/fix';
import { parseManifests } from '../../core/manifest/parse';
import { workloadDocument, type WorkloadRef } from '../explain/manifests';
import { fixWorkspaceEdit } from '../live/apply-fix';
import type { Command } from './command';

/** What the explain panel passes: the manifest, its workload, and the diagnosis' fix. */
export interface ApplyFixArgs {
  readonly uri: string;
  readonly workload: WorkloadRef;
  readonly specPath: string;
  readonly value: string;
}

/**
 * "Apply fix" from the explain panel: sets the fix's field in the workspace manifest of the pod's
 * workload, as a workspace edit that VS Code previews for the user to confirm (and Undo reverts).
 * It edits the file only: nothing is sent to the cluster.
 */
export const applyFix: Command = {
  id: 'podDoctor.applyFix',
  async run(_features, arg) {
    const args = applyFixArgs(arg);
    if (!args) return false;
    const uri = vscode.Uri.parse(args.uri);
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      void vscode.window.showWarningMessage(
        `Pod Doctor could not open ${vscode.workspace.asRelativePath(uri)} to apply the fix: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
    const text = document.getText();
    const file = parseManifests(text);
    const found = workloadDocument(file, args.workload);
    const plan = found
      ? planFix(file, found.document, { specPath: args.specPath, value: args.value })
      : {
          ok: false as const,
          reason: `${vscode.workspace.asRelativePath(uri)} no longer defines ${args.workload.kind} ${args.workload.name}; set ${args.specPath} to ${args.value} by hand.`,
        };
    if (!plan.ok) {
      void vscode.window.showWarningMessage(plan.reason);
      return false;
    }
    return vscode.workspace.applyEdit(fixWorkspaceEdit(uri, text, plan.edits, plan.title));
  },
};

function applyFixArgs(arg: unknown): ApplyFixArgs | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, workload, specPath, value } = arg as Partial<Record<keyof ApplyFixArgs, unknown>>;
  if (typeof uri !== 'string' || typeof specPath !== 'string' || typeof value !== 'string') return undefined;
  if (typeof workload !== 'object' || workload === null) return undefined;
  const { kind, name, namespace } = workload as Partial<Record<keyof WorkloadRef, unknown>>;
  if (typeof kind !== 'string' || typeof name !== 'string' || typeof namespace !== 'string') return undefined;
  return { uri, workload: { kind, name, namespace }, specPath, value };
}
