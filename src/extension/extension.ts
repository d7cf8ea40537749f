import type * as vscode from 'vscode';
import { Ctx } from './ctx';

/**
 * Two-phase activation: this function only wires up what the first diagnostic needs and registers
 * lazy entry points; the cluster bundle (and @kubernetes/client-node) loads on first use.
 */
export function activate(context: vscode.ExtensionContext): PodDoctorApi {
  const ctx = new Ctx(context);
  return { ctx };
}

export function deactivate(): void {
  // Disposables registered on the context are disposed by VS Code.
}

/** What `activate` returns; integration tests reach internal state through it. */
export interface PodDoctorApi {
  readonly ctx: Ctx;
}
