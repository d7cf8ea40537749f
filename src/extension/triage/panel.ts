import * as vscode from 'vscode';
import { randomNonce, webviewHtml } from '../webview-page';
import { triageSummary } from '../../core/render/triage';
import type { Triage } from '../../core/triage';
import { ownersOf } from '../../core/triage-owners';
import type { TriageHostMessage, TriageGroupView } from '../../webview/triage-protocol';
import { isTriageWebviewMessage } from '../../webview/triage-protocol';
import type { ClusterState } from '../cluster/state';
import type { Ctx } from '../ctx';

export interface TriageScope {
  readonly context: string;
  /** Undefined: every namespace. */
  readonly namespace: string | undefined;
}

/** Watch events come in bursts (a rollout changes many pods at once); one triage covers a burst. */
const RETRIAGE_DELAY_MS = 300;

const keyOf = (scope: TriageScope): string => `${scope.context}/${scope.namespace ?? ''}`;

/** One triage panel per context and namespace, reused when opened again. */
export class TriagePanels implements vscode.Disposable {
  private readonly panels = new Map<string, TriagePanel>();

  constructor(
    private readonly ctx: Ctx,
    private readonly state: ClusterState,
  ) {
    ctx.push(this);
  }

  open(scope: TriageScope): TriagePanel {
    const key = keyOf(scope);
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = new TriagePanel(this.ctx, this.state, scope, () => this.panels.delete(key));
    this.panels.set(key, panel);
    return panel;
  }

  get(scope: TriageScope): TriagePanel | undefined {
    return this.panels.get(keyOf(scope));
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}

/**
 * The groups of unhealthy pods of a namespace (or of every namespace), live from the watch cache
 * the Pods tree shares: a group's count changes as pods heal or fail. Only pods are watched; the
 * workload of a ReplicaSet's pod is its Deployment by the controller's naming (see `ownersOf`).
 */
export class TriagePanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private disposed = false;
  /** The last triage computed and the last message posted, for tests. */
  triage: Triage | undefined;
  lastMessage: TriageHostMessage | undefined;

  constructor(
    private readonly ctx: Ctx,
    private readonly state: ClusterState,
    readonly scope: TriageScope,
    private readonly onDispose: () => void,
  ) {
    const root = ctx.extension.extensionUri;
    const where = scope.namespace ?? 'all namespaces';
    this.panel = vscode.window.createWebviewPanel(
      'podDoctor.triage',
      `Triage ${where}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      {
        enableScripts: true,
        localResourceRoots: [
          vscode.Uri.joinPath(root, 'media'),
          vscode.Uri.joinPath(root, 'dist', 'webview'),
        ],
      },
    );
    this.panel.iconPath = new vscode.ThemeIcon('checklist');
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isTriageWebviewMessage(message)) return;
        if (message.type === 'ready') {
          this.ready = true;
          if (this.lastMessage) void this.panel.webview.postMessage(this.lastMessage);
        } else {
          void vscode.commands.executeCommand('podDoctor.explainPod', {
            context: scope.context,
            namespace: message.namespace,
            name: message.name,
          });
        }
      }),
    );
    void this.setHtml();
    void this.start();
  }

  reveal(): void {
    this.panel.reveal();
  }

  get title(): string {
    return this.panel.title;
  }

  private async setHtml(): Promise<void> {
    const webview = this.panel.webview;
    const nonce = randomNonce();
    const root = this.ctx.extension.extensionUri;
    const css = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'media', 'triage.css')).then(
      (bytes) => new TextDecoder().decode(bytes),
      () => '',
    );
    const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'webview', 'triage.js'));
    if (this.disposed) return;
    webview.html = webviewHtml({
      nonce,
      title: 'Triage',
      styles: [css],
      body: '<main id="main"><p class="meta">Reading the pods…</p></main>',
      script: script.toString(),
    });
  }

  private async start(): Promise<void> {
    try {
      const session = await this.state.session(this.scope.context);
      if (!session) throw new Error(`The context "${this.scope.context}" is no longer in your kubeconfig.`);
      const cluster = await this.state.module();
      const cache = session.podCache(this.scope.namespace);
      const compute = (): void => {
        this.timer = undefined;
        if (this.disposed) return;
        const triage = cluster.triage({
          pods: cache.list(),
          owners: ownersOf(cache.list()),
          nowMs: Date.now(),
          scope: { context: this.scope.context, namespace: this.scope.namespace ?? null },
        });
        this.triage = triage;
        this.post(messageOf(triage));
      };
      const subscription = cache.subscribe(() => {
        this.timer ??= setTimeout(compute, RETRIAGE_DELAY_MS);
      });
      this.disposables.push({ dispose: () => subscription.dispose() });
      await cache.waitForSync();
      compute();
    } catch (error) {
      const session = await this.state.session(this.scope.context).catch(() => undefined);
      const message = session
        ? session.fault(error, {
            action: 'list pods',
            ...(this.scope.namespace ? { namespace: this.scope.namespace } : {}),
          }).message
        : error instanceof Error
          ? error.message
          : String(error);
      this.post({ type: 'error', message });
    }
  }

  private post(message: TriageHostMessage): void {
    if (this.disposed) return;
    this.lastMessage = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

function messageOf(t: Triage): TriageHostMessage {
  const groups: TriageGroupView[] = t.groups.map((g) => ({
    key: `${g.id}\u0000${g.detail}`,
    severity: g.severity,
    title: g.title,
    detail: g.detail,
    count: g.count,
    workloads: g.workloads,
    pods: g.pods,
    headline: g.example.headline,
  }));
  return {
    type: 'triage',
    scope: `${t.scope.namespace === null ? 'all namespaces' : `namespace ${t.scope.namespace}`} (${t.scope.context})`,
    summary: triageSummary(t),
    groups,
    updatedAt: Date.now(),
  };
}
