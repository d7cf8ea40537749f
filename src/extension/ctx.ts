import * as vscode from 'vscode';

/**
 * Owns the extension's lifetime: every disposable is registered here, nothing registers itself from a
 * module's top level. Features receive the context and add what they create.
 */
export class Ctx {
  readonly output: vscode.LogOutputChannel;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Pod Doctor', { log: true });
    this.push(this.output);
  }

  push<T extends vscode.Disposable>(disposable: T): T {
    this.extension.subscriptions.push(disposable);
    return disposable;
  }

  /** Registers a command handler; the extension's commands come from the table in `commands/index.ts`. */
  command(id: string, run: (...args: never[]) => unknown): void {
    this.push(vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown));
  }

  asAbsolutePath(relative: string): vscode.Uri {
    return vscode.Uri.joinPath(this.extension.extensionUri, relative);
  }
}
