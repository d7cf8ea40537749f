import { terminalLine } from '../core/render/escape';
import type { KubectlPodRow } from '../core/status';

const HEADER = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];

/** The header of kubectl's pod table, with NAMESPACE first for all namespaces. */
export function podHeader(allNamespaces: boolean): string[] {
  return allNamespaces ? ['NAMESPACE', ...HEADER] : [...HEADER];
}

/** One row of kubectl's pod table, as cells. */
export function podCells(row: KubectlPodRow, allNamespaces: boolean): string[] {
  // Reasons come from the cluster as free text: no escape sequence of theirs reaches the terminal.
  const cells = [row.name, row.ready, row.status, row.restarts, row.age].map(terminalLine);
  return allNamespaces ? [terminalLine(row.namespace), ...cells] : cells;
}
