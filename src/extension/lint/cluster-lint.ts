import * as vscode from 'vscode';
import { isKubernetesObject } from '../../core/lint/engine';
import type { Finding } from '../../core/lint/types';
import type { ParsedFile } from '../../core/manifest/types';
import type { ClusterState } from '../cluster/state';
import type { Ctx } from '../ctx';
import { toDiagnostic } from './diagnostics';
import { isLintable } from './document-cache';
import { lintSettings } from './settings';

/**
 * Cluster-aware lint in the editor: when the Pods view is connected to a context
 * (`podDoctor.lint.cluster: auto`), open manifests are also checked against that context and
 * namespace. Reads go through the session the tree uses and its short-lived snapshot cache, so
 * typing never costs a request per keystroke; findings say which cluster they come from.
 */

/** Answers younger than this are reused by every open manifest and every edit. */
export const CLUSTER_CACHE_MS = 30_000;
/** Cluster findings change only when references do: wait for a pause in typing. */
const DEBOUNCE_MS = 750;
const MAX_CHECKED_CHARACTERS = 2 * 1024 * 1024;

export type ClusterLintMode = 'auto' | 'off';

export function clusterLintMode(scope?: vscode.ConfigurationScope): ClusterLintMode {
  return vscode.workspace.getConfiguration('podDoctor.lint', scope).get<string>('cluster', 'auto') === 'off'
    ? 'off'
    : 'auto';
}

interface Target {
  context: string;
  namespace: string;
}

interface Checked {
  version: number;
  findings: Finding[];
}

/** `(cluster prod-eu/shop)`: the context and the namespace the finding's object lands in. */
export function clusterLabel(context: string, namespace: string): string {
  return `(cluster ${context}/${namespace})`;
}

/** The namespace of the object around each finding (its own, else the default). */
function namespacesOf(
  file: ParsedFile | undefined,
  findings: readonly Finding[],
  fallback: string,
): string[] {
  const documents = file?.documents ?? [];
  return findings.map((f) => {
    const doc = documents.find((d) => d.range.start <= f.range.start && f.range.start <= d.range.end);
    const value = doc?.value;
    if (!isKubernetesObject(value)) return fallback;
    const metadata = value['metadata'];
    const own =
      metadata && typeof metadata === 'object'
        ? (metadata as Record<string, unknown>)['namespace']
        : undefined;
    return typeof own === 'string' && own !== '' ? own : fallback;
  });
}

export class ClusterLint implements vscode.Disposable {
  private readonly collection: vscode.DiagnosticCollection;
  private readonly checked = new Map<string, Checked>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly status: vscode.StatusBarItem;
  private lastTarget = '';
  private readonly told = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after the cluster findings of a document were published (tests wait on it). */
  readonly onDidCheck = this.changed.event;

  constructor(
    private readonly ctx: Ctx,
    private readonly state: ClusterState,
  ) {
    this.collection = vscode.languages.createDiagnosticCollection('pod-doctor-cluster');
    this.status = vscode.window.createStatusBarItem(
      'podDoctor.lintCluster',
      vscode.StatusBarAlignment.Left,
      9,
    );
    this.status.name = 'Pod Doctor: cluster lint';
  }

  /** The context and namespace lint checks against, when the Pods view is connected and the setting allows. */
  async target(): Promise<Target | undefined> {
    // Connected means the Pods view has shown a context; until then lint never opens a connection.
    if (!this.state.shownContext || clusterLintMode() === 'off') return undefined;
    const context = await this.state.contextName();
    return context ? { context, namespace: await this.state.namespace(context) } : undefined;
  }

  /** Findings last published for `uri`, with their fixes (for quick fixes and tests). */
  findings(uri: vscode.Uri): readonly Finding[] {
    return this.checked.get(uri.toString())?.findings ?? [];
  }

  schedule(document: vscode.TextDocument): void {
    this.cancel(document.uri);
    this.timers.set(
      document.uri.toString(),
      setTimeout(() => void this.check(document), DEBOUNCE_MS),
    );
  }

  cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  forget(uri: vscode.Uri): void {
    this.cancel(uri);
    this.checked.delete(uri.toString());
    this.collection.delete(uri);
  }

  async check(document: vscode.TextDocument): Promise<void> {
    this.cancel(document.uri);
    if (document.isClosed || !isLintable(document)) return;
    const target = await this.target();
    const settings = lintSettings(document.uri);
    const text = document.getText();
    if (!target || !settings.enable || text.length > MAX_CHECKED_CHARACTERS) {
      this.forget(document.uri);
      this.changed.fire(document.uri);
      return;
    }
    const version = document.version;
    const session = await this.state.session(target.context);
    if (!session) return;
    try {
      const result = await session.lintAgainstCluster([text], {
        namespace: target.namespace,
        rules: settings.rules,
        maxAgeMs: CLUSTER_CACHE_MS,
      });
      // A newer edit is on its way (or the document closed): its own check will publish.
      if (document.isClosed || document.version !== version) return;
      const findings = result.findings[0] ?? [];
      // The run's own parse of the text: parsing 2,000 lines again here would hold up keystrokes.
      const namespaces = namespacesOf(result.files[0], findings, target.namespace);
      this.checked.set(document.uri.toString(), { version, findings });
      this.collection.set(
        document.uri,
        findings.map((f, i) => {
          const diagnostic = toDiagnostic(f);
          diagnostic.message = `${f.message} ${clusterLabel(target.context, namespaces[i] ?? target.namespace)}`;
          return diagnostic;
        }),
      );
      this.showStatus(target);
    } catch (error) {
      const fault = session.fault(error, { namespace: target.namespace, action: 'read what lint checks' });
      if (!this.told.has(fault.message)) {
        this.told.add(fault.message);
        this.ctx.output.warn(`Cluster lint skipped: ${fault.message}`);
      }
      this.collection.delete(document.uri);
      this.checked.delete(document.uri.toString());
      this.showStatus(target, fault.message);
    }
    this.changed.fire(document.uri);
  }

  /** Re-checks every open manifest when the context, namespace or setting changed. */
  async checkAllIfTargetChanged(force = false): Promise<void> {
    const target = await this.target();
    const key = target ? `${target.context}/${target.namespace}` : '';
    if (!force && key === this.lastTarget) return;
    this.lastTarget = key;
    this.told.clear();
    if (!target) this.status.hide();
    await Promise.all(vscode.workspace.textDocuments.filter(isLintable).map((d) => this.check(d)));
  }

  private showStatus(target: Target, problem?: string): void {
    this.status.text = problem
      ? `$(warning) lint: ${target.context}`
      : `$(checklist) lint: ${target.context}/${target.namespace}`;
    this.status.tooltip = problem
      ? `Pod Doctor could not check manifests against context ${target.context}: ${problem}`
      : `Pod Doctor checks open manifests against context ${target.context}, namespace ${target.namespace} (objects that name no namespace). Set podDoctor.lint.cluster to "off" to stop.`;
    this.status.command = {
      title: 'Pod Doctor settings',
      command: 'workbench.action.openSettings',
      arguments: ['podDoctor.lint.cluster'],
    };
    this.status.show();
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.collection.dispose();
    this.status.dispose();
    this.changed.dispose();
  }
}

/**
 * Wires cluster lint to the editor: open, edit (debounced, cached reads), save and close of
 * manifests; the Pods view connecting or switching context or namespace; the setting. Quick fixes
 * come from the findings' own fixes.
 */
export function registerClusterLint(
  ctx: Ctx,
  state: ClusterState,
  onTreeChanged: vscode.Event<unknown>,
): ClusterLint {
  const lint = ctx.push(new ClusterLint(ctx, state));
  ctx.push(
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (isLintable(d)) void lint.check(d);
    }),
  );
  ctx.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && isLintable(e.document)) lint.schedule(e.document);
    }),
  );
  ctx.push(
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (isLintable(d)) void lint.check(d);
    }),
  );
  ctx.push(vscode.workspace.onDidCloseTextDocument((d) => lint.forget(d.uri)));
  ctx.push(
    state.onDidChange(() => {
      // Another context or namespace, or a reloaded kubeconfig: what was read before no longer applies.
      void state.session().then(
        (s) => s?.clearClusterSnapshot(),
        () => undefined,
      );
      void lint.checkAllIfTargetChanged(true);
    }),
  );
  // The tree connecting (its first render) is the moment lint can start checking against it.
  ctx.push(onTreeChanged(() => void lint.checkAllIfTargetChanged()));
  ctx.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('podDoctor.lint')) void lint.checkAllIfTargetChanged(true);
    }),
  );
  ctx.push(
    vscode.languages.registerCodeActionsProvider(
      { language: 'yaml' },
      { provideCodeActions: (document, _range, context) => clusterQuickFixes(lint, document, context) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  return lint;
}

function clusterQuickFixes(
  lint: ClusterLint,
  document: vscode.TextDocument,
  context: vscode.CodeActionContext,
): vscode.CodeAction[] {
  if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
  const actions: vscode.CodeAction[] = [];
  const findings = lint.findings(document.uri);
  for (const diagnostic of context.diagnostics) {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    const finding = findings.find(
      (f) =>
        f.ruleId === code &&
        f.fix !== undefined &&
        f.start.line === diagnostic.range.start.line &&
        f.start.character === diagnostic.range.start.character,
    );
    if (!finding?.fix) continue;
    const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    for (const edit of finding.fix.edits) {
      action.edit.replace(
        document.uri,
        new vscode.Range(document.positionAt(edit.range.start), document.positionAt(edit.range.end)),
        edit.newText,
      );
    }
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    actions.push(action);
  }
  return actions;
}
