/**
 * The typed messages between the explain panel's host (extension) and its webview. Both sides
 * import this file; nothing else is posted.
 */
import type { Explanation } from '../core/diagnose/types';
import type { ContainerUsage } from '../core/usage';

/** Where a fix's spec path lives in a workspace manifest, when the pod's owner manifest was found. */
export interface ManifestLink {
  readonly specPath: string;
  readonly label: string;
}

/** One log line: the server's RFC3339Nano timestamp ('' when none) and the text. */
export interface LogLineData {
  readonly time: string;
  readonly text: string;
}

/**
 * News of one container log shown in the panel: followed live over one stream (current run) or read
 * once (previous run). `lines` are appended to what the page holds, or replace it when `reset`.
 */
export interface LogTail {
  readonly container: string;
  readonly previous: boolean;
  readonly lines?: readonly LogLineData[];
  readonly reset?: boolean;
  /** connecting, following (live), reconnecting (after a drop), ended (previous run read, or stopped). */
  readonly state?: 'connecting' | 'following' | 'reconnecting' | 'ended' | 'stopped';
  /** Lines the host dropped from the front to keep its limit. */
  readonly dropped?: number;
  readonly error?: string;
  readonly loading?: boolean;
}

export type HostMessage =
  | {
      readonly type: 'explanation';
      readonly explanation: Explanation;
      /** Fix spec paths that can be opened in a workspace manifest. */
      readonly links: readonly ManifestLink[];
      /** When the data was read (ms since epoch); the view shows "updated 5 s ago". */
      readonly updatedAt: number;
      /** True while the pod is watched live. */
      readonly live: boolean;
    }
  | { readonly type: 'logs'; readonly logs: LogTail }
  /** CPU and memory usage per container against requests and limits; `note` says where from or why none. */
  | { readonly type: 'usage'; readonly usage: readonly ContainerUsage[]; readonly note: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'deleted' };

export type WebviewMessage =
  | { readonly type: 'ready' }
  /** The page has drawn an explanation (the host measures open → first explanation on screen). */
  | { readonly type: 'rendered' }
  | { readonly type: 'fetchLogs'; readonly container: string; readonly previous: boolean }
  | { readonly type: 'stopLogs'; readonly container: string; readonly previous: boolean }
  | { readonly type: 'openManifest'; readonly specPath: string }
  /** Set the fix's value at its spec path in the workspace manifest (previewed before it applies). */
  | { readonly type: 'applyFix'; readonly specPath: string; readonly value: string }
  | { readonly type: 'copyMarkdown' }
  | { readonly type: 'refresh' };

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
    case 'rendered':
    case 'copyMarkdown':
    case 'refresh':
      return true;
    case 'fetchLogs':
    case 'stopLogs':
      return typeof m['container'] === 'string' && typeof m['previous'] === 'boolean';
    case 'openManifest':
      return typeof m['specPath'] === 'string';
    case 'applyFix':
      return typeof m['specPath'] === 'string' && typeof m['value'] === 'string';
    default:
      return false;
  }
}
