/**
 * The typed messages between the explain panel's host (extension) and its webview. Both sides
 * import this file; nothing else is posted.
 */
import type { Explanation } from '../core/diagnose/types';

/** Where a fix's spec path lives in a workspace manifest, when the pod's owner manifest was found. */
export interface ManifestLink {
  readonly specPath: string;
  readonly label: string;
}

export interface LogTail {
  readonly container: string;
  readonly previous: boolean;
  /** The log text, or undefined while loading / on error. */
  readonly text?: string;
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
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'deleted' };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'fetchLogs'; readonly container: string; readonly previous: boolean }
  | { readonly type: 'openManifest'; readonly specPath: string }
  | { readonly type: 'copyMarkdown' }
  | { readonly type: 'refresh' };

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
    case 'copyMarkdown':
    case 'refresh':
      return true;
    case 'fetchLogs':
      return typeof m['container'] === 'string' && typeof m['previous'] === 'boolean';
    case 'openManifest':
      return typeof m['specPath'] === 'string';
    default:
      return false;
  }
}
