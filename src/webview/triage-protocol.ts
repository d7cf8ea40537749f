/**
 * The typed messages between the triage panel's host (extension) and its webview. Both sides
 * import this file; nothing else is posted.
 */
import type { Severity } from '../core/diagnose/types';

/** One group as the panel shows it: the triage group without the full example explanation. */
export interface TriageGroupView {
  readonly key: string;
  readonly severity: Severity;
  readonly title: string;
  readonly detail: string;
  readonly count: number;
  readonly workloads: ReadonlyArray<{ kind: string; namespace: string; name: string; count: number }>;
  readonly pods: ReadonlyArray<{ namespace: string; name: string; status: string }>;
  /** The example pod's one-sentence cause. */
  readonly headline: string;
}

export type TriageHostMessage =
  | {
      readonly type: 'triage';
      /** `namespace shop` or `all namespaces`, and the context. */
      readonly scope: string;
      /** `2,000 pods, 700 unhealthy in 6 groups` */
      readonly summary: string;
      readonly groups: readonly TriageGroupView[];
      readonly updatedAt: number;
    }
  | { readonly type: 'error'; readonly message: string };

export type TriageWebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openPod'; readonly namespace: string; readonly name: string };

export function isTriageWebviewMessage(value: unknown): value is TriageWebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m['type'] === 'ready') return true;
  return m['type'] === 'openPod' && typeof m['namespace'] === 'string' && typeof m['name'] === 'string';
}
