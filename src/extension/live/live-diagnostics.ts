import * as vscode from 'vscode';
import type { Pod } from '../../core/k8s';
import type { LiveFinding, liveFindings } from '../../core/live-findings';
import { isKubernetesObject } from '../../core/lint/engine';
import { parseManifests } from '../../core/manifest/parse';
import type { JsonObject, ParsedFile } from '../../core/manifest/types';
import { isObject, podTemplates } from '../../core/manifest/workloads';
import { ruleDocUrl } from '../../core/summary';
import type { ClusterState } from '../cluster/state';
import type { Ctx } from '../ctx';
import { findingRange } from '../lint/diagnostics';
import { isLintable, MAX_LINTED_CHARACTERS, type LintedDocuments } from '../lint/document-cache';
import { affectsLintSettings } from '../lint/settings';
import type { PodsTreeProvider } from '../tree/pods-tree';

export const LIVE_DIAGNOSTIC_SOURCE = 'Pod Doctor (live)';

/** Watch events come in bursts (a status, then its neighbours); one pass covers a burst. */
const DEBOUNCE_MS = 300;

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

/** The live findings of one open document, as last published, for code actions and tests. */
export interface PublishedLive {
  readonly version: number;
  readonly context: string;
  readonly text: string;
  readonly file: ParsedFile;
  readonly findings: readonly LiveFinding[];
}

/**
 * `live-*` findings in the editor: open manifests whose workloads run in a namespace the Pods tree
 * watches get their failing pods as diagnostics, recomputed from the tree's watch cache whenever it
 * changes. It never connects or starts a watch: no watched namespace, no live findings.
 */
export class LiveDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('pod-doctor-live');
  private readonly published = new Map<string, PublishedLive>();
  private readonly parsed = new Map<string, { version: number; file: ParsedFile }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly updated = new vscode.EventEmitter<void>();
  /** Fires after each pass over the open documents (tests wait on it). */
  readonly onDidUpdate = this.updated.event;

  constructor(
    private readonly ctx: Ctx,
    private readonly state: ClusterState,
    private readonly tree: PodsTreeProvider,
    private readonly documents: LintedDocuments,
    /** Fires when the tree's watches or their pods change. */
    onDidChangeWatches: vscode.Event<unknown>,
  ) {
    ctx.push(this);
    ctx.push(onDidChangeWatches(() => this.schedule()));
    ctx.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.published.has(e.document.uri.toString())) this.schedule();
      }),
    );
    ctx.push(
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (isLintable(document)) this.schedule();
      }),
    );
    ctx.push(
      vscode.workspace.onDidCloseTextDocument((document) => {
        const key = document.uri.toString();
        this.published.delete(key);
        this.parsed.delete(key);
        this.collection.delete(document.uri);
      }),
    );
    ctx.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsLintSettings(e)) this.schedule();
      }),
    );
  }

  /** What was last published for a document (its text and findings), if it has live findings. */
  get(uri: vscode.Uri): PublishedLive | undefined {
    return this.published.get(uri.toString());
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), DEBOUNCE_MS);
  }

  /** Recomputes every open document's live findings from what the tree watches now. */
  async update(): Promise<void> {
    clearTimeout(this.timer);
    try {
      // Nothing watched (not connected, or every namespace collapsed): clear without loading anything.
      const watching = this.tree.watchedNamespaces().length > 0;
      const context = watching ? this.state.shownContext : undefined;
      const namespace = context ? await this.state.namespace(context) : undefined;
      // The diagnosis engine ships in the cluster bundle, which a watching tree has loaded already.
      const module = context && namespace ? await this.state.module() : undefined;
      for (const document of vscode.workspace.textDocuments) {
        if (!isLintable(document)) continue;
        const findings =
          context && namespace && module
            ? this.findingsOf(document, context, namespace, module.liveFindings)
            : [];
        this.publish(document, context ?? '', findings);
      }
    } catch (error) {
      this.ctx.output.error(
        `Live findings failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.updated.fire();
  }

  private findingsOf(
    document: vscode.TextDocument,
    context: string,
    namespace: string,
    live: typeof liveFindings,
  ): LiveFinding[] {
    if (document.getText().length > MAX_LINTED_CHARACTERS) return [];
    const rules = this.documents.ruleLevels(document);
    if (!rules) return [];
    const file = this.parse(document);
    const pods = watchedPodsOf(file, namespace, (ns) => this.tree.watchedPods(context, ns));
    if (pods.length === 0) return [];
    // The tree's cache holds pods, not events: diagnoses that need an event say less, never more.
    return live(file, { pods, events: [], namespace, nowMs: Date.now(), rules });
  }

  private parse(document: vscode.TextDocument): ParsedFile {
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached?.version === document.version) return cached.file;
    const file = parseManifests(document.getText());
    this.parsed.set(key, { version: document.version, file });
    return file;
  }

  private publish(document: vscode.TextDocument, context: string, findings: readonly LiveFinding[]): void {
    const key = document.uri.toString();
    if (findings.length === 0) {
      if (this.published.delete(key)) this.collection.delete(document.uri);
      return;
    }
    const file = this.parse(document);
    this.published.set(key, { version: document.version, context, text: file.text, file, findings });
    this.collection.set(document.uri, findings.map(liveDiagnostic));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.collection.dispose();
    this.updated.dispose();
  }
}

export function liveDiagnostic(finding: LiveFinding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    findingRange(finding),
    finding.message,
    SEVERITY[finding.severity],
  );
  diagnostic.source = LIVE_DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocUrl('live-findings')) };
  return diagnostic;
}

/**
 * The pods of the namespaces the file's workloads run in, from watches the tree holds; a namespace
 * it does not watch gives none (and so no live findings there).
 */
function watchedPodsOf(
  file: ParsedFile,
  defaultNamespace: string,
  watched: (namespace: string) => Pod[] | undefined,
): Pod[] {
  const namespaces = new Set<string>();
  for (const document of file.documents) {
    const object = document.value;
    if (document.templated || !isKubernetesObject(object) || podTemplates(object as JsonObject).length === 0)
      continue;
    const own = isObject(object['metadata']) ? object['metadata']['namespace'] : undefined;
    namespaces.add(typeof own === 'string' && own !== '' ? own : defaultNamespace);
  }
  return [...namespaces].flatMap((ns) => watched(ns) ?? []);
}
