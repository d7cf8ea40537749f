/**
 * The triage panel's page: groups with counts and workloads; a click on a group shows its pods, a
 * click on a pod opens its explanation. Every cluster string goes in through textContent.
 */
import type { TriageGroupView, TriageHostMessage, TriageWebviewMessage } from './triage-protocol';

declare function acquireVsCodeApi(): { postMessage(message: TriageWebviewMessage): void };
const vscode = acquireVsCodeApi();

/** Groups the user expanded, kept across live updates. */
const expanded = new Set<string>();

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function groupNode(group: TriageGroupView): HTMLElement {
  const section = el('section', `group ${group.severity}`);
  section.dataset['key'] = group.key;
  const header = el('button', 'group-header');
  header.setAttribute('aria-expanded', String(expanded.has(group.key)));
  header.append(el('span', 'sev', group.severity), el('span', 'title', group.title));
  if (group.detail) header.append(el('span', 'detail', group.detail));
  section.append(header);
  const workloads = group.workloads
    .slice(0, 6)
    .map((w) => `${w.kind} ${w.name} (${w.count})`)
    .join(', ');
  const more = group.workloads.length > 6 ? `, and ${group.workloads.length - 6} more` : '';
  section.append(el('p', 'workloads', `${workloads}${more}`), el('p', 'headline', `e.g. ${group.headline}`));
  const list = el('ul', 'pods');
  list.hidden = !expanded.has(group.key);
  for (const pod of group.pods) {
    const item = el('li');
    const link = el('a', 'pod', `${pod.namespace}/${pod.name}`);
    link.href = '#';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      vscode.postMessage({ type: 'openPod', namespace: pod.namespace, name: pod.name });
    });
    item.append(link, el('span', 'status', pod.status));
    list.append(item);
  }
  header.addEventListener('click', () => {
    if (expanded.has(group.key)) expanded.delete(group.key);
    else expanded.add(group.key);
    list.hidden = !expanded.has(group.key);
    header.setAttribute('aria-expanded', String(!list.hidden));
  });
  section.append(list);
  return section;
}

function render(message: TriageHostMessage): void {
  const main = document.getElementById('main');
  if (!main) return;
  if (message.type === 'error') {
    main.replaceChildren(el('p', 'error', message.message));
    return;
  }
  const header = el('header');
  header.append(el('h1', undefined, `Triage of ${message.scope}`), el('p', 'summary', message.summary));
  const groups = message.groups.map(groupNode);
  main.replaceChildren(header, ...(groups.length > 0 ? groups : [el('p', 'meta', 'No unhealthy pods.')]));
}

window.addEventListener('message', (event: MessageEvent<TriageHostMessage>) => render(event.data));
vscode.postMessage({ type: 'ready' });
