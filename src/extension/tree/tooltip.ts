import * as vscode from 'vscode';
import type { ContainerState, ContainerStatus, Pod } from '../../core/k8s';
import type { KubectlPodRow } from '../../core/status';

/** Escapes text for Markdown so that cluster strings cannot inject links, images or HTML. */
export function md(text: string): string {
  // A newline in a message would end the list item it sits in (or underline a heading with `===`).
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~=&]/g, (c) => `\\${c}`);
}

function stateText(state: ContainerState | undefined): string {
  if (!state) return 'not reported yet';
  if (state.running) return `Running since ${String(state.running.startedAt ?? '?')}`;
  if (state.waiting)
    return `Waiting: ${state.waiting.reason ?? '?'}${state.waiting.message ? ` — ${state.waiting.message}` : ''}`;
  if (state.terminated) {
    const t = state.terminated;
    return `Terminated: ${t.reason ?? 'exit'} (exit ${t.exitCode ?? '?'}${t.signal ? `, signal ${t.signal}` : ''})`;
  }
  return 'unknown';
}

function containerLine(status: ContainerStatus, kind: string): string {
  const ready = status.ready ? '$(pass-filled)' : '$(circle-large-outline)';
  const last = status.lastState?.terminated ? ` · last: ${md(stateText(status.lastState))}` : '';
  return `- ${ready} **${md(status.name ?? '?')}**${kind ? ` _${kind}_` : ''}: ${md(stateText(status.state))} · restarts ${status.restartCount ?? 0}${last}`;
}

/** Markdown tooltip: status line, conditions and container states. Cluster text is escaped. */
export function podTooltip(pod: Pod, row: KubectlPodRow, usage?: string): vscode.MarkdownString {
  const lines: string[] = [
    `**${md(row.namespace)}/${md(row.name)}**`,
    '',
    `STATUS **${md(row.status)}** · READY ${md(row.ready)} · RESTARTS ${md(row.restarts)} · AGE ${md(row.age)} · phase ${md(row.phase)}${row.node ? ` · node ${md(row.node)}` : ''}`,
  ];
  if (usage) lines.push('', `Usage: ${md(usage)}`);
  if (pod.status?.message) lines.push('', md(pod.status.message));
  const conditions = pod.status?.conditions ?? [];
  if (conditions.length > 0) {
    lines.push('', '**Conditions**', '');
    for (const c of conditions) {
      const icon = c.status === 'True' ? '$(check)' : c.status === 'False' ? '$(close)' : '$(question)';
      lines.push(
        `- ${icon} ${md(c.type ?? '?')}${c.reason ? ` — ${md(c.reason)}` : ''}${c.message ? `: ${md(c.message)}` : ''}`,
      );
    }
  }
  const init = pod.status?.initContainerStatuses ?? [];
  const main = pod.status?.containerStatuses ?? [];
  if (init.length + main.length > 0) {
    lines.push('', '**Containers**', '');
    for (const s of init) lines.push(containerLine(s, 'init'));
    for (const s of main) lines.push(containerLine(s, ''));
  }
  lines.push('', '_Click to explain this pod._');
  const tooltip = new vscode.MarkdownString(lines.join('\n'), true);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return tooltip;
}
