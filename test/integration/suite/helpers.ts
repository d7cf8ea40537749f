// Shared helpers for the in-host integration tests (mocha bdd, see index.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PodDoctorApi } from '../../../src/extension/extension';

const EXTENSION_ID = 'pod-doctor.pod-doctor';

/** The extension under test; fails with a sentence when VS Code did not load it. */
export function extension(): vscode.Extension<PodDoctorApi> {
  const ext = vscode.extensions.getExtension<PodDoctorApi>(EXTENSION_ID);
  if (!ext) {
    throw new Error(
      `VS Code did not load ${EXTENSION_ID}; check extensionDevelopmentPath in test/integration/run.mjs.`,
    );
  }
  return ext;
}

/** Activates the extension (if needed) and returns what `activate()` returned. */
export async function activateExtension(): Promise<PodDoctorApi> {
  const ext = extension();
  return ext.isActive ? ext.exports : ext.activate();
}

/** The fixtures workspace folder the test window opened (test/fixtures/workspace). */
function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder)
    throw new Error('The test window has no workspace folder; run.mjs opens test/fixtures/workspace.');
  return folder.uri;
}

export function fixtureUri(relPath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relPath.split('/'));
}

/** Opens a file of the fixtures workspace in an editor and waits until it is the active one. */
export async function openFixture(
  relPath: string,
): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relPath));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

/** Polls `predicate` until it returns a truthy value, which it returns; fails with `message` after `timeoutMs`. */
export async function waitFor<T>(
  predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 5000,
  message: string | (() => string) = 'a condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      const what = typeof message === 'function' ? message() : message;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}.`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until the diagnostics of `uri` satisfy `predicate` (default: there are some) and returns them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = 5000,
): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    },
    timeoutMs,
    () =>
      `the diagnostics of ${path.basename(uri.path)} (it has: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))})`,
  );
}

/** `3:7 image-latest-tag, 9:1 yaml-syntax`: line:column (1-based) and code of each diagnostic. */
export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return 'none';
  return diagnostics
    .map((d) => {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      return `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(code ?? d.message)}`;
    })
    .join(', ');
}

/**
 * Sets a setting in the workspace and returns a function that puts back the value it had.
 * `setSetting('podDoctor.lint', 'enable', false)`.
 */
export async function setSetting(section: string, key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration(section);
  const previous = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace
      .getConfiguration(section)
      .update(key, previous, vscode.ConfigurationTarget.Workspace);
  };
}

/** Closes every editor, so that one test's open files do not change the next one's. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The demo cluster's kubeconfig context. */
export const DEMO_CONTEXT = 'pod-doctor-demo';

export type DemoCluster = NonNullable<PodDoctorApi['cluster']['demoCluster']>;

/** Activates the extension and starts the demo cluster (the suites close it in their `after`). */
export async function startDemo(): Promise<{ api: PodDoctorApi; demo: DemoCluster }> {
  const api = await activateExtension();
  await api.cluster.openDemoCluster();
  const demo = api.cluster.demoCluster;
  if (!demo) throw new Error('The demo cluster did not start.');
  return { api, demo };
}

/** Starts the demo cluster and shows the Pods view on it, as a user does from the welcome view. */
export async function openDemoInTree(): Promise<{ api: PodDoctorApi; demo: DemoCluster }> {
  const api = await activateExtension();
  await vscode.commands.executeCommand('podDoctor.openDemoCluster');
  const demo = api.cluster.demoCluster;
  if (!demo) throw new Error('podDoctor.openDemoCluster did not start the demo cluster.');
  await vscode.commands.executeCommand('podDoctor.pods.focus');
  await api.pods.provider.getChildren();
  return { api, demo };
}

/** Heals a demo pod on the server, as a fixed rollout would: Running, ready, no restarts, no last state. */
export function healDemoPod(demo: DemoCluster, namespace: string, name: string): void {
  demo.updatePod(namespace, name, (pod) => {
    const status = pod.status;
    if (!status) return;
    const now = new Date(demo.now()).toISOString();
    status.phase = 'Running';
    status.conditions = (status.conditions ?? []).map((c) => ({ ...c, status: 'True' }));
    status.containerStatuses = (status.containerStatuses ?? []).map((c) => ({
      ...c,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: now } },
      lastState: {},
    }));
  });
}
