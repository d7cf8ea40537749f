import * as vscode from 'vscode';
import type { PodMetrics } from '../../core/usage';
import type { ClusterState } from '../cluster/state';
import type { Ctx } from '../ctx';

/** metrics-server refreshes every 15 s: polling faster shows nothing new. */
const POLL_MS = 15_000;

/**
 * Usage of the pods the tree shows, from metrics.k8s.io: one list per watched namespace (or one for
 * all namespaces) every 15 s, only while the view is visible. A cluster without metrics is said once
 * (output channel and tooltips) and not asked again until the kubeconfig or context changes.
 */
export class TreeUsage implements vscode.Disposable {
  private readonly metrics = new Map<string, PodMetrics>();
  private readonly unavailable = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private visible = false;
  private watched: () => ReadonlyArray<{ context: string; namespace: string | undefined }> = () => [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Lists read, for tests. */
  reads = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly state: ClusterState,
  ) {
    ctx.push(this);
    ctx.push(state.onDidChange(() => this.unavailable.clear()));
  }

  /** What to poll: the namespaces the tree watches right now. */
  track(watched: () => ReadonlyArray<{ context: string; namespace: string | undefined }>): void {
    this.watched = watched;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (visible) void this.poll();
  }

  /** The PodMetrics of a pod, when known. */
  of(context: string, namespace: string, name: string): PodMetrics | undefined {
    return this.metrics.get(`${context}/${namespace}/${name}`);
  }

  /** Whether the context's cluster serves no metrics.k8s.io. */
  isUnavailable(context: string): boolean {
    return this.unavailable.has(context);
  }

  /** Reads now (also what the timer calls); tests call it instead of waiting 15 s. */
  async poll(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.visible) return;
    if (this.watched().length === 0) {
      this.timer = setTimeout(() => void this.poll(), POLL_MS);
      return;
    }
    const { metricsUnavailable } = await this.state.module();
    let any = false;
    for (const { context, namespace } of this.watched()) {
      if (this.unavailable.has(context)) continue;
      const session = await this.state.session(context);
      if (!session) continue;
      try {
        this.reads++;
        const items = await session.listPodMetrics(namespace);
        for (const key of [...this.metrics.keys()]) {
          if (key.startsWith(`${context}/${namespace === undefined ? '' : `${namespace}/`}`))
            this.metrics.delete(key);
        }
        for (const m of items) {
          this.metrics.set(`${context}/${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? ''}`, m);
        }
        any = true;
      } catch (error) {
        if (metricsUnavailable(error)) {
          this.unavailable.add(context);
          this.ctx.output.info(
            `Context ${context}: metrics not available (the cluster serves no metrics.k8s.io; install metrics-server for usage).`,
          );
          any = true;
        } else {
          this.ctx.output.warn(
            `Usage of ${context}: ${session.fault(error, { action: 'list pods.metrics.k8s.io' }).message}`,
          );
        }
      }
    }
    if (any) this.changed.fire();
    if (this.visible) this.timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}
