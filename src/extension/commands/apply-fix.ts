import * as vscode from 'vscode';
import { editsFit, planFix } from '../../core/fix';
import type { Fix, TextEdit } from '../../core/lint/types';
import { parseManifests } from '../../core/manifest/parse';
import { workloadDocument, type WorkloadRef } from '../explain/manifests';
import type { Command } from './command';

/** What the explain panel passes: the manifest, its workload, and the diagnosis' fix. */
export interface ApplyFixArgs {
  readonly uri: string;
  readonly workload: WorkloadRef;
  readonly specPath: string;
  readonly value: string;
}

/** What a live finding's quick fix passes: the manifest, the text its fix was planned on, the fix. */
export interface PlannedFixArgs {
  readonly uri: string;
  readonly text: string;
  readonly fix: Fix;
}

/**
 * "Apply fix" from a live finding's quick fix or the explain panel: opens the preview of the fix
 * (a diff of the manifest the user confirms with "Apply fix" in its title bar). The panel's fix is
 * planned here on the manifest's current text; the quick fix's was planned by the live findings.
 * It edits the local file only: nothing is sent to the cluster.
 */
export const applyFix: Command = {
  id: 'podDoctor.applyFix',
  async run({ fixes }, arg) {
    const args = applyFixArgs(arg) ?? plannedFixArgs(arg);
    if (!args) return false;
    const uri = vscode.Uri.parse(args.uri);
    const where = vscode.workspace.asRelativePath(uri);
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      void vscode.window.showWarningMessage(
        `Pod Doctor could not open ${where} to apply the fix: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
    const text = document.getText();
    const plan = 'fix' in args ? plannedOn(args, text, where) : planned(args, text, where);
    if (!plan.ok) {
      void vscode.window.showWarningMessage(plan.reason);
      return false;
    }
    return fixes.open(uri, text, plan.fix);
  },
};

type Planned = { readonly ok: true; readonly fix: Fix } | { readonly ok: false; readonly reason: string };

function planned(args: ApplyFixArgs, text: string, where: string): Planned {
  const file = parseManifests(text);
  const found = workloadDocument(file, args.workload);
  if (!found) {
    return {
      ok: false,
      reason: `${where} no longer defines ${args.workload.kind} ${args.workload.name}; set ${args.specPath} to ${args.value} by hand.`,
    };
  }
  const plan = planFix(file, found.document, { specPath: args.specPath, value: args.value });
  return plan.ok ? { ok: true, fix: { title: plan.title, edits: plan.edits } } : plan;
}

/** A quick fix planned on an earlier text applies only to that text (the user typed since). */
function plannedOn(args: PlannedFixArgs, text: string, where: string): Planned {
  return args.text === text && editsFit(text, args.fix.edits)
    ? { ok: true, fix: args.fix }
    : { ok: false, reason: `${where} changed since this fix was planned: run "Apply fix" again.` };
}

function applyFixArgs(arg: unknown): ApplyFixArgs | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, workload, specPath, value } = arg as Partial<Record<keyof ApplyFixArgs, unknown>>;
  if (typeof uri !== 'string' || typeof specPath !== 'string' || typeof value !== 'string') return undefined;
  if (typeof workload !== 'object' || workload === null) return undefined;
  const { kind, name, namespace } = workload as Partial<Record<keyof WorkloadRef, unknown>>;
  if (typeof kind !== 'string' || typeof name !== 'string' || typeof namespace !== 'string') return undefined;
  return { uri, workload: { kind, name, namespace }, specPath, value };
}

function plannedFixArgs(arg: unknown): PlannedFixArgs | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, text, fix } = arg as Partial<Record<keyof PlannedFixArgs, unknown>>;
  if (typeof uri !== 'string' || typeof text !== 'string') return undefined;
  if (typeof fix !== 'object' || fix === null) return undefined;
  const { title, edits } = fix as Partial<Record<keyof Fix, unknown>>;
  if (typeof title !== 'string' || !Array.isArray(edits) || edits.length === 0) return undefined;
  return edits.every(isTextEdit) ? { uri, text, fix: { title, edits } } : undefined;
}

function isTextEdit(value: unknown): value is TextEdit {
  if (typeof value !== 'object' || value === null) return false;
  const { range, newText } = value as Partial<Record<keyof TextEdit, unknown>>;
  if (typeof newText !== 'string' || typeof range !== 'object' || range === null) return false;
  const { start, end } = range as Partial<Record<'start' | 'end', unknown>>;
  return typeof start === 'number' && typeof end === 'number';
}
