import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

export type ClusterModule = typeof import('../../cluster/index');
export type ClusterSession = InstanceType<ClusterModule['ClusterSession']>;
export type LoadedKubeconfig = ReturnType<ClusterModule['loadKubeconfig']>;
type DemoModule = typeof import('../../demo/index');
type DemoCluster = Awaited<ReturnType<DemoModule['startDemoCluster']>>;

const KEY_CONTEXT = 'podDoctor.context';
const KEY_NAMESPACE = 'podDoctor.namespace';
const KEY_ALL_NAMESPACES = 'podDoctor.allNamespaces';

/**
 * Which kubeconfig, context and namespace the editor looks at. The choice lives in workspace state,
 * never in anyone's kubeconfig. The cluster bundle (and @kubernetes/client-node) is loaded on
 * first use, not at activation.
 */
export class ClusterState implements vscode.Disposable {
  private modulePromise: Promise<ClusterModule> | undefined;
  private loaded: LoadedKubeconfig | undefined;
  private readonly sessions = new Map<string, ClusterSession>();
  private demo: { cluster: DemoCluster; kubeconfigPath: string } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the kubeconfig, context, namespace or mode changes. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    ctx.push(this);
    ctx.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('podDoctor.kubeconfig')) this.reload();
      }),
    );
  }

  module(): Promise<ClusterModule> {
    this.modulePromise ??= import('../../cluster/index');
    return this.modulePromise;
  }

  /** The merged kubeconfig (cached until `reload`). */
  async kubeconfig(): Promise<LoadedKubeconfig> {
    if (this.loaded) return this.loaded;
    const cluster = await this.module();
    const extra = vscode.workspace.getConfiguration('podDoctor').get<string[]>('kubeconfig', []);
    const files = [...(this.demo ? [this.demo.kubeconfigPath] : []), ...extra];
    this.loaded = cluster.loadKubeconfig(files.length > 0 ? { files } : {});
    for (const warning of this.loaded.warnings) this.ctx.output.warn(warning);
    return this.loaded;
  }

  /** The context shown: the one chosen in this workspace if it still exists, else the kubeconfig's. */
  async contextName(): Promise<string | undefined> {
    const loaded = await this.kubeconfig();
    const chosen = this.ctx.extension.workspaceState.get<string>(KEY_CONTEXT);
    const name =
      chosen && loaded.contexts.some((c) => c.name === chosen)
        ? chosen
        : loaded.currentContext || loaded.contexts[0]?.name;
    this.shownContext = name;
    return name;
  }

  /** The context last shown, without loading anything: undefined until the cluster is in use. */
  shownContext: string | undefined;

  /**
   * The session of a context; `kubeconfigFile` names another kubeconfig that defines it (such as the
   * Kubernetes extension's) when that file is not among the ones Pod Doctor loads.
   */
  async session(context?: string, kubeconfigFile?: string): Promise<ClusterSession | undefined> {
    const name = context ?? (await this.contextName());
    if (!name) return undefined;
    if (kubeconfigFile && !(await this.kubeconfig()).sources.includes(kubeconfigFile)) {
      return this.foreignSession(kubeconfigFile, name);
    }
    let session = this.sessions.get(name);
    if (!session) {
      const cluster = await this.module();
      session = new cluster.ClusterSession(await this.kubeconfig(), name);
      this.sessions.set(name, session);
    }
    return session;
  }

  private async foreignSession(file: string, context: string): Promise<ClusterSession> {
    const key = `${file}\0${context}`;
    let session = this.sessions.get(key);
    if (!session) {
      const cluster = await this.module();
      session = new cluster.ClusterSession(cluster.loadKubeconfig({ kubeconfig: file }), context);
      this.sessions.set(key, session);
    }
    return session;
  }

  /** The namespace shown for a context: chosen in this workspace, else the context's own. */
  async namespace(context: string): Promise<string> {
    const chosen = this.ctx.extension.workspaceState.get<Record<string, string>>(KEY_NAMESPACE, {})[context];
    if (chosen) return chosen;
    const loaded = await this.kubeconfig();
    return loaded.contexts.find((c) => c.name === context)?.namespace ?? 'default';
  }

  get allNamespaces(): boolean {
    return this.ctx.extension.workspaceState.get<boolean>(KEY_ALL_NAMESPACES, false);
  }

  async setContext(context: string): Promise<void> {
    await this.ctx.extension.workspaceState.update(KEY_CONTEXT, context);
    this.changed.fire();
  }

  async setNamespace(context: string, namespace: string): Promise<void> {
    const all = { ...this.ctx.extension.workspaceState.get<Record<string, string>>(KEY_NAMESPACE, {}) };
    all[context] = namespace;
    await this.ctx.extension.workspaceState.update(KEY_NAMESPACE, all);
    await this.ctx.extension.workspaceState.update(KEY_ALL_NAMESPACES, false);
    this.changed.fire();
  }

  async setAllNamespaces(on: boolean): Promise<void> {
    await this.ctx.extension.workspaceState.update(KEY_ALL_NAMESPACES, on);
    this.changed.fire();
  }

  /** Forgets the loaded kubeconfig and sessions (watches stop with their last subscriber). */
  reload(): void {
    this.loaded = undefined;
    this.sessions.clear();
    this.changed.fire();
  }

  get demoRunning(): boolean {
    return this.demo !== undefined;
  }

  /**
   * Starts the embedded demo cluster in this process, writes its kubeconfig into the extension's
   * storage (never into ~/.kube) and switches to its context.
   */
  async openDemoCluster(): Promise<string> {
    if (!this.demo) {
      const { startDemoCluster } = await import('../../demo/index');
      const cluster = await startDemoCluster({ port: 0 });
      const dir = this.ctx.extension.globalStorageUri;
      await vscode.workspace.fs.createDirectory(dir);
      const kubeconfigPath = vscode.Uri.joinPath(dir, 'demo-kubeconfig.yaml').fsPath;
      await cluster.writeKubeconfig(kubeconfigPath);
      this.demo = { cluster, kubeconfigPath };
      this.ctx.output.info(`Demo cluster serving at ${cluster.url}; kubeconfig ${kubeconfigPath}`);
    }
    this.loaded = undefined;
    this.sessions.clear();
    const loaded = await this.kubeconfig();
    const demoContext = loaded.contexts.find((c) => c.server === this.demo?.cluster.url)?.name;
    if (demoContext) await this.ctx.extension.workspaceState.update(KEY_CONTEXT, demoContext);
    this.changed.fire();
    return demoContext ?? '';
  }

  /** Stops the demo cluster; the next `openDemoCluster` starts a fresh one. */
  async closeDemoCluster(): Promise<void> {
    const demo = this.demo;
    if (!demo) return;
    this.demo = undefined;
    this.reload();
    await demo.cluster.close();
  }

  /** The running demo cluster, for tests that change pods on it. */
  get demoCluster(): DemoCluster | undefined {
    return this.demo?.cluster;
  }

  dispose(): void {
    this.changed.dispose();
    void this.demo?.cluster.close();
    this.demo = undefined;
  }
}
