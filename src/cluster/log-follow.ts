import { LogBuffer, parseLogLine, resumeSinceTime, type LogLine } from '../core/logs';
import { podsPath } from './api';
import { classifyError } from './errors';
import type { KubeClient, OpenStream } from './transport';

export interface FollowLogsOptions {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** The previous run's log: read once, nothing to follow. */
  readonly previous?: boolean;
  /** Lines to start with (default 500). */
  readonly tailLines?: number;
  /** Lines kept (default 5,000). */
  readonly limit?: number;
  readonly backoff?: { initialMs: number; maxMs: number };
  /** A stream with no byte for this long is reopened (quiet containers are resumed, not lost). */
  readonly idleMs?: number;
}

export type FollowState = 'connecting' | 'following' | 'reconnecting' | 'ended' | 'stopped';

export interface FollowUpdate {
  /** Lines added since the last update (never a line twice, also across reconnects). */
  readonly lines: readonly LogLine[];
  readonly state: FollowState;
  /** What went wrong with the last connection, as a sentence; undefined while it works. */
  readonly error: string | undefined;
  /** Lines dropped from the front to keep the limit. */
  readonly dropped: number;
}

/**
 * Follows a container's log over one streaming request (`follow=true&timestamps=true`). When the
 * stream drops (API-server restart, proxy cut, idle timeout, container restart) it reconnects with
 * back-off and resumes with `sinceTime` from the last line's time, skipping the lines it already has,
 * so nothing shows twice. Memory is bounded by the buffer's limit. `dispose()` closes the stream.
 */
export class LogFollower {
  readonly buffer: LogBuffer;
  state: FollowState = 'connecting';
  error: string | undefined;
  readonly stats = { connections: 0 };
  private stream: OpenStream | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private pending: LogLine[] = [];
  private flushScheduled = false;
  private disposed = false;

  constructor(
    private readonly client: KubeClient,
    private readonly options: FollowLogsOptions,
    private readonly onUpdate: (update: FollowUpdate) => void,
  ) {
    this.buffer = new LogBuffer(options.limit);
    void this.connect(true);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.stream?.close();
    this.stream = undefined;
    this.state = 'stopped';
  }

  private async connect(first: boolean): Promise<void> {
    if (this.disposed) return;
    const { namespace, pod, container, previous } = this.options;
    const since = first ? undefined : resumeSinceTime(this.buffer.lastTime());
    if (!first) this.buffer.resume();
    this.stats.connections++;
    let gotLines = false;
    try {
      const stream = await this.client.stream(
        `${podsPath(namespace)}/${encodeURIComponent(pod)}/log`,
        {
          container,
          timestamps: true,
          ...(previous ? { previous: true } : { follow: true }),
          ...(since ? { sinceTime: since } : { tailLines: this.options.tailLines ?? 500 }),
        },
        (raw) => {
          const fresh = this.buffer.push([parseLogLine(raw)]);
          if (fresh.length === 0) return;
          gotLines = true;
          this.pending.push(...fresh);
          this.scheduleFlush();
        },
        this.options.idleMs ?? 5 * 60_000,
      );
      if (this.disposed) {
        stream.close();
        return;
      }
      this.stream = stream;
      this.setState(previous ? 'ended' : 'following', undefined);
      const ended = await stream.done;
      this.stream = undefined;
      if (this.disposed) return;
      if (previous) {
        this.setState('ended', undefined);
        return;
      }
      if (ended !== undefined) throw ended;
    } catch (error) {
      if (this.disposed) return;
      this.error = classifyError(error, {
        context: this.client.context,
        server: this.client.server,
        namespace,
        action: 'read logs',
      }).message;
    }
    // The stream ended (the container stopped, the server went away): try again, sooner after lines.
    if (gotLines) this.failures = 0;
    this.retry();
  }

  private retry(): void {
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 1_000, maxMs: 30_000 };
    const delay = Math.min(maxMs, initialMs * 2 ** this.failures);
    this.failures++;
    this.setState('reconnecting', this.error);
    this.timer = setTimeout(() => void this.connect(false), delay);
  }

  private setState(state: FollowState, error: string | undefined): void {
    this.state = state;
    this.error = error;
    this.flush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One update per burst: a tail of 500 lines is one message, not 500.
    setTimeout(() => this.flush(), 50);
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.disposed) return;
    const lines = this.pending;
    this.pending = [];
    this.onUpdate({ lines, state: this.state, error: this.error, dropped: this.buffer.dropped });
  }
}
