import * as vscode from 'vscode';
import { randomNonce, webviewHtml } from '../webview-page';
import type { Explanation } from '../../core/diagnose/types';
import type { Pod } from '../../core/k8s';
import { isCompactPod } from '../../core/status/trim';
import type { HostMessage, ManifestLink, WebviewMessage } from '../../webview/protocol';
import { isWebviewMessage } from '../../webview/protocol';
import type { ClusterSession, ClusterState } from '../cluster/state';
import type { Ctx } from '../ctx';
import { explanationMarkdown } from '../../core/render/markdown';
import { PanelLogs } from './panel-logs';
import { PanelUsage } from './panel-usage';
import { findWorkloadManifest, fixPaths, workloadCandidates, type FoundManifest } from './manifests';

export interface PodRef {
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
  /** A kubeconfig file naming the context, when it is not Pod Doctor's own (e.g. the Kubernetes extension's). */
  readonly kubeconfig?: string;
}

const keyOf = (ref: PodRef): string =>
  `${ref.kubeconfig ? `${ref.kubeconfig}\0` : ''}${ref.context}/${ref.namespace}/${ref.name}`;
/** Watch events arrive in bursts (status, then events); one re-read covers a burst. */
const LIVE_RELOAD_DELAY_MS = 250;

/** One explain panel per pod, reused when the same pod is explained again. */
export class ExplainPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ExplainPanel>();
  /** Milliseconds from the click to the first explanation shown, per panel key (for tests and the bench). */
  readonly readyTimes = new Map<string, number>();

  constructor(
    private readonly ctx: Ctx,
    private readonly state: ClusterState,
  ) {
    ctx.push(this);
  }

  open(ref: PodRef): ExplainPanel {
    const key = keyOf(ref);
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = new ExplainPanel(this.ctx, this.state, ref, performance.now(), (ms) => {
      this.readyTimes.set(key, ms);
      this.ctx.output.info(`Explained ${key} in ${ms.toFixed(0)} ms`);
    });
    this.panels.set(key, panel);
    panel.onDidDispose(() => this.panels.delete(key));
    return panel;
  }

  get(ref: PodRef): ExplainPanel | undefined {
    return this.panels.get(keyOf(ref));
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}

export class ExplainPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private session: ClusterSession | undefined;
  /** The logs the page shows, followed live; they stop when the panel closes. */
  readonly logs: PanelLogs;
  /** Usage bars, polled only while the panel is visible. */
  readonly usage: PanelUsage;
  private lastPod: Pod | undefined;
  private explanation: Explanation | undefined;
  private manifest: FoundManifest | undefined;
  private webviewReady = false;
  private reportedReady = false;
  private reloadTimer: NodeJS.Timeout | undefined;
  /** The last message posted, for tests. */
  lastMessage: HostMessage | undefined;
  /** Milliseconds from opening to the page's `ready` and to the first diagnosis, for tests and the bench. */
  readonly timings: { webviewReadyMs?: number; explainedMs?: number } = {};

  constructor(
    private readonly ctx: Ctx,
    private readonly state: ClusterState,
    readonly ref: PodRef,
    private readonly openedAt: number,
    private readonly onReady: (ms: number) => void,
  ) {
    this.logs = new PanelLogs(ref.namespace, ref.name, (message) => this.post(message));
    this.usage = new PanelUsage(
      ref.namespace,
      ref.name,
      (message) => this.post(message),
      () => this.session?.podCache(ref.namespace).get(ref.namespace, ref.name) ?? this.lastPod,
    );
    const extensionUri = ctx.extension.extensionUri;
    this.panel = vscode.window.createWebviewPanel(
      'podDoctor.explain',
      `Explain ${ref.name}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: [
          vscode.Uri.joinPath(extensionUri, 'media'),
          vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
          vscode.Uri.joinPath(extensionUri, 'dist', 'media'),
        ],
      },
    );
    this.panel.iconPath = new vscode.ThemeIcon('pulse');
    void this.setHtml();
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.onDidChangeViewState((e) => this.usage.setVisible(e.webviewPanel.visible)),
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isWebviewMessage(message)) void this.onMessage(message);
      }),
    );
    void this.load();
  }

  reveal(): void {
    this.panel.reveal();
  }

  get title(): string {
    return this.panel.title;
  }

  /**
   * The page with its style sheets inlined: a linked sheet is one more request through the webview's
   * service worker, and the page's script (and so its `ready`) waits for every sheet.
   */
  private async setHtml(): Promise<void> {
    const webview = this.panel.webview;
    const nonce = randomNonce();
    const root = this.ctx.extension.extensionUri;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(root, ...path));
    const font = asset('dist', 'media', 'codicons', 'codicon.ttf').toString();
    const [codicons, explain] = await pageStyles(root).catch((error: unknown) => {
      stylesPromise = undefined;
      this.ctx.output.error(`Explain panel styles could not be read: ${String(error)}`);
      return ['', ''];
    });
    if (this.isDisposed) return;
    webview.html = webviewHtml({
      nonce,
      title: 'Explain pod',
      styles: [codicons.replace(/url\("\.\/codicon\.ttf[^"]*"\)/g, `url("${font}")`), explain],
      extraCsp: [`font-src ${webview.cspSource}`, `img-src ${webview.cspSource}`],
      body: [
        '<div id="banner" aria-live="assertive"></div>',
        '<main id="main"><p class="meta">Reading the pod, its events and logs…</p></main>',
        '<div id="usage"></div>',
        '<div id="logs"></div>',
      ].join('\n'),
      script: asset('dist', 'webview', 'explain.js').toString(),
    });
  }

  private post(message: HostMessage): void {
    // A read that was under way when the user closed the panel finishes into nothing.
    if (this.isDisposed) return;
    // Usage readings come every 15 s; tests read them from `usage.lastReading`.
    if (message.type !== 'usage') this.lastMessage = message;
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        this.timings.webviewReadyMs ??= performance.now() - this.openedAt;
        // Whatever is known now; a read still under way shows its result when it ends.
        this.show();
        this.logs.replay();
        this.usage.replay();
        break;
      case 'refresh':
        await this.load();
        break;
      case 'fetchLogs':
        this.showLog(message.container, message.previous);
        break;
      case 'stopLogs':
        this.logs.stop(message.container, message.previous);
        break;
      case 'copyMarkdown':
        if (this.explanation) {
          await vscode.env.clipboard.writeText(explanationMarkdown(this.explanation));
          void vscode.window.setStatusBarMessage('$(check) Explanation copied as Markdown', 3000);
        }
        break;
      case 'openManifest':
        await this.openManifest(message.specPath);
        break;
    }
  }

  /** Reads the pod and its evidence and diagnoses it; safe to call again (refresh, live updates). */
  load(known?: Pod): Promise<void> {
    const run = async (): Promise<void> => {
      try {
        this.session ??= await this.state.session(this.ref.context, this.ref.kubeconfig);
        const session = this.session;
        if (!session) throw new Error(`The context "${this.ref.context}" is no longer in your kubeconfig.`);
        this.watchLive(session);
        this.usage.start(session);
        // The diagnosis engine ships in the lazily loaded cluster bundle, with the client.
        const { gatherEvidence, explainPod } = await this.state.module();
        // A watch event's pod is whole; the caches keep healthy pods compact, so opening the panel
        // reads the full pod from the API server (gatherEvidence does when given none).
        const pod = known && !isCompactPod(known) ? known : undefined;
        const evidence = await gatherEvidence(session, this.ref.namespace, this.ref.name, pod);
        this.lastPod = evidence.pod;
        this.explanation = explainPod({ ...evidence, nowMs: Date.now() });
        this.timings.explainedMs ??= performance.now() - this.openedAt;
        for (const gap of evidence.gaps) this.ctx.output.warn(`Explain ${this.ref.name}: ${gap}`);
        this.show();
        // Searching the workspace for the owner's manifest only adds links: show the diagnosis first.
        if (!this.manifest) {
          this.manifest = await findWorkloadManifest(workloadCandidates(evidence.pod, evidence.owners ?? []));
          if (this.manifest) this.show();
        }
      } catch (error) {
        const message = this.session
          ? this.session.fault(error, { namespace: this.ref.namespace, action: 'get pods' }).message
          : error instanceof Error
            ? error.message
            : String(error);
        this.post({
          type: 'error',
          message: `Could not read ${this.ref.namespace}/${this.ref.name}: ${message}`,
        });
      }
    };
    return run();
  }

  private show(): void {
    if (!this.webviewReady || !this.explanation) return;
    const links: ManifestLink[] = [];
    if (this.manifest) {
      for (const specPath of fixPaths(this.explanation.diagnoses)) {
        const range = this.manifest.rangeOf(specPath);
        if (range) {
          links.push({
            specPath,
            label: `${vscode.workspace.asRelativePath(this.manifest.uri)}:${range.start.line + 1}`,
          });
        }
      }
    }
    this.post({
      type: 'explanation',
      explanation: this.explanation,
      links,
      updatedAt: Date.now(),
      live: true,
    });
    if (this.isDisposed) return;
    this.panel.title = `${this.explanation.status} · ${this.ref.name}`;
    if (!this.reportedReady) {
      this.reportedReady = true;
      this.onReady(performance.now() - this.openedAt);
    }
  }

  private watchLive(session: ClusterSession): void {
    if (this.disposables.some((d) => (d as { live?: boolean }).live)) return;
    const cache = session.podCache(this.ref.namespace);
    const subscription = cache.subscribe((event) => {
      if (event.type !== 'change') return;
      const mine = (p: Pod) =>
        p.metadata?.name === this.ref.name && p.metadata?.namespace === this.ref.namespace;
      if (event.deleted.some(mine)) {
        this.post({ type: 'deleted' });
        return;
      }
      const changed = event.changed.find(mine);
      if (!changed) return;
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.load(changed), LIVE_RELOAD_DELAY_MS);
    });
    this.disposables.push(Object.assign({ dispose: () => subscription.dispose() }, { live: true }));
  }

  /** Shows a container's log in the page: the current run followed live, or the previous run. */
  showLog(container: string, previous: boolean): void {
    if (this.session) this.logs.open(this.session, container, previous);
  }

  private async openManifest(specPath: string): Promise<void> {
    const range = this.manifest?.rangeOf(specPath);
    if (!this.manifest || !range) return;
    const editor = await vscode.window.showTextDocument(this.manifest.uri, {
      selection: range,
      viewColumn: vscode.ViewColumn.Beside,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private isDisposed = false;

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    clearTimeout(this.reloadTimer);
    this.logs.dispose();
    this.usage.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }
}

let stylesPromise: Promise<[string, string]> | undefined;

/** codicon.css and explain.css, read once per session. */
function pageStyles(root: vscode.Uri): Promise<[string, string]> {
  const read = async (...path: string[]) =>
    new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, ...path)));
  stylesPromise ??= Promise.all([
    read('dist', 'media', 'codicons', 'codicon.css'),
    read('media', 'explain.css'),
  ]);
  return stylesPromise;
}
