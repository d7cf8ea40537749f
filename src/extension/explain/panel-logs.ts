import type { HostMessage, LogTail } from '../../webview/protocol';
import type { ClusterSession } from '../cluster/state';

type Follower = ReturnType<ClusterSession['followLogs']>;

/**
 * The logs an explain panel shows: each current log followed live over one streaming request,
 * each previous log read once; at most 5,000 lines each. Streams stop when the page asks or the
 * panel closes. After the page is re-created (a hidden panel comes back) `replay()` sends all again.
 */
export class PanelLogs {
  private readonly followers = new Map<string, { follower: Follower; tail: Omit<LogTail, 'lines'> }>();

  constructor(
    private readonly namespace: string,
    private readonly pod: string,
    private readonly post: (message: HostMessage) => void,
  ) {}

  /** Starts following (or re-sends) the log of a container; the page shows it as it comes. */
  open(session: ClusterSession, container: string, previous: boolean): void {
    const key = `${container}\0${previous}`;
    const existing = this.followers.get(key);
    if (existing) {
      this.post({
        type: 'logs',
        logs: { ...existing.tail, reset: true, lines: existing.follower.buffer.all() },
      });
      return;
    }
    let first = true;
    const follower = session.followLogs(
      { namespace: this.namespace, pod: this.pod, container, previous },
      (update) => {
        const tail: Omit<LogTail, 'lines'> = {
          container,
          previous,
          state: update.state,
          dropped: update.dropped,
          ...(update.error ? { error: update.error } : {}),
        };
        const entry = this.followers.get(key);
        if (entry) entry.tail = tail;
        this.post({ type: 'logs', logs: { ...tail, lines: update.lines, reset: first } });
        first = false;
      },
    );
    this.followers.set(key, { follower, tail: { container, previous, state: 'connecting' } });
  }

  /** Stops following one log (the page's "Stop following" or "Close"). */
  stop(container: string, previous: boolean): void {
    const key = `${container}\0${previous}`;
    const entry = this.followers.get(key);
    if (!entry) return;
    entry.follower.dispose();
    entry.tail = { ...entry.tail, state: 'stopped' };
    this.post({ type: 'logs', logs: { ...entry.tail } });
  }

  /** Sends every log again to a page that was re-created. */
  replay(): void {
    for (const { follower, tail } of this.followers.values()) {
      this.post({ type: 'logs', logs: { ...tail, reset: true, lines: follower.buffer.all() } });
    }
  }

  /** The lines held for a log, for tests. */
  lines(container: string, previous: boolean): readonly { time: string; text: string }[] {
    return this.followers.get(`${container}\0${previous}`)?.follower.buffer.all() ?? [];
  }

  /** How many logs are being followed right now, for tests. */
  get following(): number {
    return [...this.followers.values()].filter((e) => e.follower.state !== 'stopped').length;
  }

  dispose(): void {
    for (const { follower } of this.followers.values()) follower.dispose();
    this.followers.clear();
  }
}
