import type { Pod } from '../../core/k8s';
import { iconColor, kubectlPodRow, type KubectlPodRow, type PhaseColor } from '../../core/status';

/** A row of the Pods tree. Objects are kept stable per key so that a subtree can be refreshed. */
export type PodsNode = ContextNode | NamespaceNode | PodNode | MessageNode;

export interface ContextNode {
  readonly kind: 'context';
  readonly context: string;
  readonly server: string;
  current: boolean;
}

export interface NamespaceNode {
  readonly kind: 'namespace';
  readonly context: string;
  readonly namespace: string;
  /** Pods come from the all-namespaces watch rather than the namespace's own. */
  readonly fromAll: boolean;
  expanded: boolean;
}

export interface PodNode {
  readonly kind: 'pod';
  readonly context: string;
  pod: Pod;
  row: KubectlPodRow;
}

export interface MessageNode {
  readonly kind: 'message';
  readonly text: string;
  readonly detail?: string;
  readonly icon: 'error' | 'warning' | 'info' | 'loading~spin' | 'lock';
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: unknown[] };
}

const NODE_KINDS: ReadonlySet<unknown> = new Set<PodsNode['kind']>([
  'context',
  'namespace',
  'pod',
  'message',
]);

/**
 * The tree node a menu passed to a command. Commands also run from the palette, a keybinding or
 * another extension with any argument at all; those give undefined.
 */
export function treeNodeOf(value: unknown): PodsNode | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return NODE_KINDS.has((value as { kind?: unknown }).kind) ? (value as PodsNode) : undefined;
}

/** The pod row a menu passed to a command, or undefined. */
export function podNodeOf(value: unknown): PodNode | undefined {
  const node = treeNodeOf(value);
  return node?.kind === 'pod' ? node : undefined;
}

export interface PodFilter {
  readonly text: string;
  readonly onlyUnhealthy: boolean;
}

const HEALTHY_STATUSES = new Set(['Running', 'Completed', 'Succeeded']);

/** Unhealthy = not Running+ready, not Completed: what "show only unhealthy" keeps. */
export function isUnhealthy(row: KubectlPodRow): boolean {
  if (row.problem) return true;
  if (!HEALTHY_STATUSES.has(row.status)) return true;
  if (row.status === 'Running') {
    const [ready, total] = row.ready.split('/').map(Number);
    return ready !== total;
  }
  return false;
}

export function matchesFilter(row: KubectlPodRow, filter: PodFilter): boolean {
  if (filter.onlyUnhealthy && !isUnhealthy(row)) return false;
  if (!filter.text) return true;
  const needle = filter.text.toLowerCase();
  return (
    row.name.toLowerCase().includes(needle) ||
    row.status.toLowerCase().includes(needle) ||
    row.namespace.toLowerCase().includes(needle) ||
    (row.node ?? '').toLowerCase().includes(needle)
  );
}

/** `STATUS  READY  RESTARTS  AGE` as the tree's description. */
export function podDescription(row: KubectlPodRow): string {
  return `${row.status}  ${row.ready}  ${row.restarts}  ${row.age}`;
}

export function podRows(pods: readonly Pod[], nowMs: number): KubectlPodRow[] {
  return pods.map((pod) => kubectlPodRow(pod, nowMs));
}

export const PHASE_ICON: Record<string, string> = {
  Running: 'circle-filled',
  Pending: 'clock',
  Succeeded: 'pass-filled',
  Failed: 'error',
  Unknown: 'question',
};

/** The failure icon, shown for a failure STATUS whatever the phase (the phase stays in the tooltip). */
const FAILURE_ICON = 'error';

/** The codicon and color key of a pod's icon: by phase, but a failure STATUS always shows the failure icon. */
export function podIcon(row: KubectlPodRow): { icon: string; color: PhaseColor } {
  if (row.problem) return { icon: FAILURE_ICON, color: iconColor(row) };
  return { icon: PHASE_ICON[row.phase] ?? 'circle-outline', color: row.color };
}
