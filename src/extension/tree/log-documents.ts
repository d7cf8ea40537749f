import * as vscode from 'vscode';
import { LOG_LINES_KEPT, formatLogLines, logBufferNote } from '../../core/logs';
import type { ClusterSession } from '../cluster/state';

type Follower = ReturnType<ClusterSession['followLogs']>;

/** Redraws of a followed log document are coalesced: a burst of lines is one document change. */
const REDRAW_DELAY_MS = 100;

/**
 * The current-run log documents, followed live: one streaming request per open document, the last
 * 5,000 lines kept, resumed without duplicates after a drop, stopped once no tab shows the document.
 */
export class LogDocumentFollows implements vscode.Disposable {
  private readonly followers = new Map<string, Follower>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly changed: (uri: vscode.Uri) => void) {
    this.subscriptions = [
      vscode.window.tabGroups.onDidChangeTabs(() => this.stopUnshown()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.stop(doc.uri.toString())),
    ];
  }

  /** The document's text, starting to follow the log on first use. */
  text(
    uri: vscode.Uri,
    session: ClusterSession,
    target: { namespace: string; pod: string; container: string },
  ): string {
    const key = uri.toString();
    let follower = this.followers.get(key);
    if (!follower) {
      follower = session.followLogs({ ...target, tailLines: 2000 }, () => this.scheduleRedraw(uri));
      this.followers.set(key, follower);
    }
    const state =
      follower.state === 'following'
        ? 'following live'
        : follower.state === 'reconnecting'
          ? `reconnecting${follower.error ? ` (${follower.error})` : ''}`
          : follower.state === 'connecting'
            ? 'connecting…'
            : 'stopped';
    const header = `# ${target.namespace}/${target.pod} ${target.container}: ${state} · ${logBufferNote(follower.buffer.dropped, LOG_LINES_KEPT)}`;
    const body = formatLogLines(follower.buffer.all(), { timestamps: false });
    return `${header}\n${body}${body ? '\n' : ''}`;
  }

  private scheduleRedraw(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (this.followers.has(key)) this.changed(uri);
      }, REDRAW_DELAY_MS),
    );
  }

  private stopUnshown(): void {
    const shown = new Set(
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.toString() : '')),
    );
    for (const key of [...this.followers.keys()]) if (!shown.has(key)) this.stop(key);
  }

  private stop(key: string): void {
    this.followers.get(key)?.dispose();
    this.followers.delete(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  /** Logs followed right now, for tests. */
  get following(): number {
    return this.followers.size;
  }

  dispose(): void {
    for (const key of [...this.followers.keys()]) this.stop(key);
    for (const s of this.subscriptions) s.dispose();
  }
}
