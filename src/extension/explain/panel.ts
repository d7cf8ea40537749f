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

export interface PanelTimings {
  htmlMs?: number;
  webviewReadyMs?: number;
  explainedMs?: number;
  postedMs?: number;
  renderedMs?: number;
  /** The times are from a hidden panel revealed again, not from a new one. */
  revealed?: boolean;
}

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
  /**
   * Milliseconds from the click to the first explanation drawn by the page (its `rendered` answer),
   * per panel key, for tests and bench/panel.
   */
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
      existing.reveal(performance.now());
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
  /** The file in the active editor when the panel opened: preferred when several define the workload. */
  private readonly editorUri: vscode.Uri | undefined;
  /** The last explanation posted, posted again (the same message) when the page says `ready`. */
  private shown: Extract<HostMessage, { type: 'explanation' }> | undefined;
  private reportedReady = false;
  private reloadTimer: NodeJS.Timeout | undefined;
  /** The last message posted, for tests. */
  lastMessage: HostMessage | undefined;
  /**
   * Where the time from opening to the first explanation on screen goes, in milliseconds since the
   * open (or since a hidden panel was revealed again), for tests and bench/panel: the page's HTML
   * set, the page's `ready`, the diagnosis made, the explanation posted, the page's `rendered`.
   */
  timings: PanelTimings = {};

  constructor(
    private readonly ctx: Ctx,
    private readonly state: ClusterState,
    readonly ref: PodRef,
    private openedAt: number,
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
    // The manifest the user was looking at, read before the panel takes the editor's place.
    this.editorUri = vscode.window.activeTextEditor?.document.uri;
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

  /**
   * Shows the panel again. A hidden page was unloaded (`retainContextWhenHidden` stays off to save
   * memory): VS Code reloads it, the page says `ready` and gets the explanation already made.
   */
  reveal(at?: number): void {
    if (at !== undefined && !this.panel.visible) {
      this.openedAt = at;
      this.timings = { revealed: true };
      this.reportedReady = false;
    }
    this.panel.reveal();
  }

  get title(): string {
    return this.panel.title;
  }

  /**
   * The page with its style sheets and script inlined: each linked file is one more request through
   * the webview's service worker, and the page shows nothing (and gets no message) before its
   * `load`, which waits for them.
   */
  private async setHtml(): Promise<void> {
    const webview = this.panel.webview;
    const nonce = randomNonce();
    const root = this.ctx.extension.extensionUri;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(root, ...path));
    const font = asset('dist', 'media', 'codicons', 'codicon.ttf').toString();
    const assets = await pageAssets(root).catch((error: unknown) => {
      assetsPromise = undefined;
      this.ctx.output.error(`Explain panel styles could not be read: ${String(error)}`);
      return undefined;
    });
    const [codicons, explain, scriptText] = assets ?? ['', '', undefined];
    if (this.isDisposed) return;
    this.timings.htmlMs ??= this.sinceOpen();
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
      ...(scriptText !== undefined ? { scriptText } : {}),
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
        this.timings.webviewReadyMs ??= this.sinceOpen();
        // The explanation was posted as soon as it was made, and VS Code holds messages until the
        // page has loaded; a page that was re-created (a hidden panel shown again) or that lost the
        // message gets the same one again, which a page that drew it already ignores.
        if (this.shown) this.post(this.shown);
        this.logs.replay();
        this.usage.replay();
        break;
      case 'rendered':
        this.timings.renderedMs ??= this.sinceOpen();
        if (!this.reportedReady) {
          this.reportedReady = true;
          this.onReady(this.timings.renderedMs);
        }
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
      case 'applyFix':
        // Through the command, so that the edit is previewed like the editor's quick fix.
        if (this.manifest) {
          await vscode.commands.executeCommand('podDoctor.applyFix', {
            uri: this.manifest.uri.toString(),
            workload: this.manifest.workload,
            specPath: message.specPath,
            value: message.value,
          });
        }
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
        // The diagnosis engine ships in the lazily loaded cluster bundle, with the client.
        const { gatherEvidence, explainPod } = await this.state.module();
        // A watch event's pod is whole; the caches keep healthy pods compact, so opening the panel
        // reads the full pod from the API server (gatherEvidence does when given none).
        const pod = known && !isCompactPod(known) ? known : undefined;
        const evidence = await gatherEvidence(session, this.ref.namespace, this.ref.name, pod);
        this.lastPod = evidence.pod;
        this.explanation = explainPod({ ...evidence, nowMs: Date.now() });
        this.timings.explainedMs ??= this.sinceOpen();
        for (const gap of evidence.gaps) this.ctx.output.warn(`Explain ${this.ref.name}: ${gap}`);
        this.show();
        // Live updates and usage start once the first explanation is out: their reads (a list of
        // the namespace's pods, the metrics) would otherwise compete with the evidence's.
        this.startLive(session);
        // Searching the workspace for the owner's manifest only adds links: show the diagnosis first.
        if (!this.manifest) {
          this.manifest = await findWorkloadManifest(
            workloadCandidates(evidence.pod, evidence.owners ?? []),
            this.editorUri,
          );
          if (this.manifest) this.show();
        }
      } catch (error) {
        if (this.session) this.startLive(this.session);
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

  /** Posts the explanation at once, even before the page is ready: no round trip waits on `ready`. */
  private show(): void {
    if (!this.explanation) return;
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
    this.shown = {
      type: 'explanation',
      explanation: this.explanation,
      links,
      updatedAt: Date.now(),
      live: true,
    };
    this.post(this.shown);
    this.timings.postedMs ??= this.sinceOpen();
    if (this.isDisposed) return;
    this.panel.title = `${this.explanation.status} · ${this.ref.name}`;
  }

  private sinceOpen(): number {
    return performance.now() - this.openedAt;
  }

  private startLive(session: ClusterSession): void {
    this.watchLive(session);
    this.usage.start(session);
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
      // The watch's first list brings the pod as it was just explained: nothing to read again.
      if (!changed || changed.metadata?.resourceVersion === this.lastPod?.metadata?.resourceVersion) return;
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

let assetsPromise: Promise<[string, string, string | undefined]> | undefined;

/**
 * codicon.css, explain.css and the page's script, read once per session. Without the script's text
 * (a build without it) the page loads it by URL.
 */
function pageAssets(root: vscode.Uri): Promise<[string, string, string | undefined]> {
  const read = async (...path: string[]) =>
    new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, ...path)));
  assetsPromise ??= Promise.all([
    read('dist', 'media', 'codicons', 'codicon.css'),
    read('media', 'explain.css'),
    read('dist', 'webview', 'explain.js').then(
      (text) => text.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'),
      () => undefined,
    ),
  ]);
  return assetsPromise;
}
