import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, extension, openFixture, waitFor } from './helpers';

interface Contributes {
  readonly commands?: readonly { readonly command: string }[];
  readonly views?: Readonly<Record<string, readonly { readonly id: string }[]>>;
}

function contributes(): Contributes {
  return (extension().packageJSON as { contributes?: Contributes }).contributes ?? {};
}

function declaredCommands(): string[] {
  return (contributes().commands ?? []).map((c) => c.command);
}

/** VS Code itself registers `<view id>.focus`, `.open`, `.toggleVisibility`, … for every contributed view. */
function isViewCommand(id: string): boolean {
  const viewIds = Object.values(contributes().views ?? {}).flatMap((views) => views.map((v) => v.id));
  return viewIds.some((view) => id.startsWith(`${view}.`));
}

describe('activation', () => {
  after(closeAllEditors);

  it('is installed from the development folder under the id pod-doctor.pod-doctor', () => {
    const ext = extension();
    assert.equal(ext.packageJSON.name, 'pod-doctor');
    assert.equal(ext.packageJSON.publisher, 'pod-doctor');
  });

  it('activates when a YAML file is opened and returns its API', async () => {
    const ext = extension();
    const wasActive = ext.isActive;
    const started = performance.now();
    const { document } = await openFixture('pods/web-mistakes.yaml');
    assert.equal(document.languageId, 'yaml');
    await waitFor(() => ext.isActive, 10_000, 'the extension to activate after opening a YAML file');
    if (!wasActive) {
      console.log(
        `      (activated ${(performance.now() - started).toFixed(0)} ms after the YAML file was opened)`,
      );
    }
    const api = await activateExtension();
    assert.ok(api.ctx, 'activate() returned no ctx');
    assert.equal(api.ctx.extension.extensionMode, vscode.ExtensionMode.Test);
  });

  it('registers every command it declares in package.json, and declares every podDoctor command it registers', async () => {
    await activateExtension();
    const declared = declaredCommands();
    const registered = (await vscode.commands.getCommands(true)).filter(
      (id) => id.startsWith('podDoctor.') && !isViewCommand(id),
    );
    const notRegistered = declared.filter((id) => !registered.includes(id));
    const notDeclared = registered.filter((id) => !declared.includes(id));
    assert.deepEqual(notRegistered, [], 'declared in contributes.commands but never registered');
    assert.deepEqual(notDeclared, [], 'registered but missing from contributes.commands');
  });

  it('declares only podDoctor.* commands', () => {
    assert.deepEqual(
      declaredCommands().filter((id) => !id.startsWith('podDoctor.')),
      [],
    );
  });
});
