import type { Pod } from '../../core/k8s';
import { containerUsage, type ContainerUsage } from '../../core/usage';
import type { HostMessage } from '../../webview/protocol';
import type { ClusterSession } from '../cluster/state';

/** metrics-server refreshes every 15 s: polling faster shows nothing new. */
export const METRICS_POLL_MS = 15_000;

/**
 * CPU and memory usage of the panel's pod against its requests and limits, read from
 * metrics.k8s.io every 15 s while the panel is visible (never while hidden). When the cluster serves
 * no metrics it says "metrics not available" once and stops asking.
 */
export class PanelUsage {
  private timer: NodeJS.Timeout | undefined;
  private session: ClusterSession | undefined;
  private visible = true;
  private unavailable = false;
  private last: HostMessage | undefined;
  /** Reads made, for tests. */
  reads = 0;

  constructor(
    private readonly namespace: string,
    private readonly pod: string,
    private readonly post: (message: HostMessage) => void,
    private readonly currentPod: () => Pod | undefined,
  ) {}

  start(session: ClusterSession): void {
    if (this.session) return;
    this.session = session;
    void this.poll();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) {
      clearTimeout(this.timer);
      this.timer = undefined;
    } else if (this.session && !this.timer) void this.poll();
  }

  /** The last reading posted, for tests. */
  get lastReading(): HostMessage | undefined {
    return this.last;
  }

  /** Sends the last reading again to a re-created page. */
  replay(): void {
    if (this.last) this.post(this.last);
  }

  private async poll(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const session = this.session;
    if (!session || !this.visible || this.unavailable) return;
    this.reads++;
    let message: HostMessage;
    try {
      const metrics = await session.getPodMetrics(this.namespace, this.pod);
      const pod = this.currentPod();
      const usage: ContainerUsage[] = pod && metrics ? containerUsage(pod, metrics) : [];
      if (!metrics && (await this.apiAbsent(session))) {
        this.unavailable = true;
        message = {
          type: 'usage',
          usage: [],
          note: 'metrics not available: the cluster serves no metrics.k8s.io (metrics-server is not installed)',
        };
      } else {
        message = {
          type: 'usage',
          usage,
          note:
            usage.length === 0
              ? 'no usage yet: none of its containers is running'
              : `from metrics.k8s.io, ${metrics?.window ?? '15s'} window, every 15 s while visible`,
        };
      }
    } catch (error) {
      message = {
        type: 'usage',
        usage: [],
        note: `usage could not be read: ${session.fault(error, { namespace: this.namespace, action: 'get pods.metrics.k8s.io' }).message}`,
      };
    }
    this.last = message;
    this.post(message);
    if (!this.unavailable && this.visible && this.session) {
      this.timer = setTimeout(() => void this.poll(), METRICS_POLL_MS);
    }
  }

  /** Whether the whole metrics.k8s.io group is missing, as opposed to this pod having no metrics yet. */
  private async apiAbsent(session: ClusterSession): Promise<boolean> {
    try {
      await session.client.getJson('/apis/metrics.k8s.io/v1beta1');
      return false;
    } catch {
      return true;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.session = undefined;
  }
}
