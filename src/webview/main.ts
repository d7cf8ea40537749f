/**
 * The explain panel's page. Everything from the cluster is untrusted: it only ever reaches the DOM
 * through `textContent` and attribute values set by code, never through HTML parsing.
 */
import type { ContainerCard, Diagnosis, Explanation, TimelineEntry } from '../core/diagnose/types';
import { LOG_LINES_KEPT, formatLogLines, logBufferNote } from '../core/logs';
import { formatCpuCores, formatMemory, type ContainerUsage } from '../core/usage';
import type { HostMessage, LogLineData, LogTail, ManifestLink, WebviewMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage): void => vscode.postMessage(message);

type Child = Node | string | null | undefined | false;

/** Creates an element; strings become text nodes, so cluster data is never parsed as HTML. */
function h(tag: string, props: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) el.setAttribute(key, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

function icon(name: string, label?: string): HTMLElement {
  const el = h('span', { class: `codicon codicon-${name}` });
  if (label) {
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', label);
  } else {
    el.setAttribute('aria-hidden', 'true');
  }
  return el;
}

function button(label: string, iconName: string, onClick: () => void, title = label): HTMLElement {
  const el = h('button', { type: 'button', title }, icon(iconName), h('span', {}, label));
  el.addEventListener('click', onClick);
  return el;
}

/** Sets the fix's value in the workspace manifest; the host previews the edit before it applies. */
function applyFixButton(link: ManifestLink, value: string): HTMLElement {
  return button(
    'Apply fix',
    'wrench',
    () => post({ type: 'applyFix', specPath: link.specPath, value }),
    `Set ${link.specPath} to ${value} in ${link.label} (you review the change before it is made)`,
  );
}

const SEVERITY_ICON: Record<Diagnosis['severity'], string> = {
  critical: 'error',
  error: 'error',
  warning: 'warning',
  info: 'info',
};

const GOOD_IDS = new Set(['healthy', 'completed', 'pending']);

function headlineIcon(explanation: Explanation): HTMLElement {
  const top = explanation.diagnoses[0];
  if (!top) return icon('question', 'unknown');
  if (top.id === 'healthy' || top.id === 'completed') return icon('pass', 'healthy');
  if (top.id === 'pending') return icon('loading', 'starting');
  return icon(SEVERITY_ICON[top.severity], top.severity);
}

function relative(time: string, now: number): string {
  const ms = now - Date.parse(time);
  if (Number.isNaN(ms)) return time;
  const s = Math.round(Math.abs(ms) / 1000);
  const text =
    s < 60
      ? `${s}s`
      : s < 3600
        ? `${Math.floor(s / 60)}m`
        : s < 86400
          ? `${Math.floor(s / 3600)}h`
          : `${Math.floor(s / 86400)}d`;
  return ms >= 0 ? `${text} ago` : `in ${text}`;
}

function renderHeader(explanation: Explanation, updatedAt: number, live: boolean): HTMLElement {
  const facts: Array<[string, string]> = [
    ['Status', explanation.status],
    ['Ready', explanation.ready],
    ['Restarts', explanation.restarts],
    ['Age', explanation.age],
    ['Phase', explanation.phase],
    ['Node', explanation.node || '—'],
  ];
  return h(
    'header',
    { class: 'header' },
    h('div', { class: 'pod-name' }, `${explanation.pod.namespace} / ${explanation.pod.name}`),
    h(
      'h1',
      { class: `headline sev-${explanation.diagnoses[0]?.severity ?? 'info'}` },
      headlineIcon(explanation),
      h('span', {}, explanation.headline),
    ),
    h(
      'dl',
      { class: 'facts' },
      ...facts.flatMap(([k, v]) => [
        h(
          'div',
          { class: 'fact' },
          h('dt', {}, k),
          h('dd', { class: k === 'Status' ? 'status-value' : '' }, v),
        ),
      ]),
    ),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'span',
        { class: 'updated', 'aria-live': 'polite' },
        live ? icon('radio-tower', 'live') : icon('history'),
        ` ${live ? 'Live' : 'Snapshot'} · updated ${new Date(updatedAt).toLocaleTimeString()}`,
      ),
      button('Copy as Markdown', 'copy', () => post({ type: 'copyMarkdown' })),
      button('Refresh', 'refresh', () => post({ type: 'refresh' })),
    ),
  );
}

/** `path · 3m ago` under an evidence quote; the exact time is in the tooltip. */
function evidenceMeta(path: string | undefined, time: string | undefined, now: number): HTMLElement | null {
  if (!path && !time) return null;
  return h(
    'span',
    { class: 'meta' },
    path ?? '',
    path && time ? ' · ' : '',
    time ? h('time', { datetime: time, title: time }, relative(time, now)) : null,
  );
}

/** The page's h1 already says what the first diagnosis is; its card then need not repeat it. */
function sameSentence(a: string, b: string): boolean {
  const bare = (s: string) => s.trim().replace(/\.$/, '');
  return bare(a) === bare(b);
}

function renderDiagnosis(
  diagnosis: Diagnosis,
  links: readonly ManifestLink[],
  index: number,
  headline: string,
  now: number,
): HTMLElement {
  const sevClass = GOOD_IDS.has(diagnosis.id) ? 'sev-ok' : `sev-${diagnosis.severity}`;
  const evidence = diagnosis.evidence.map((e) =>
    h(
      'li',
      { class: 'evidence' },
      h('span', { class: `badge source-${e.source}` }, e.source),
      h('q', { class: 'quote' }, e.text),
      evidenceMeta(e.path, e.time, now),
    ),
  );
  const causes = diagnosis.causes.map((c) =>
    h('li', {}, h('span', { class: `badge likelihood-${c.likelihood}` }, c.likelihood), ` ${c.text}`),
  );
  const fixes = diagnosis.fixes.map((f) => {
    const link = f.specPath ? links.find((l) => l.specPath === f.specPath) : undefined;
    return h(
      'li',
      {},
      h('span', {}, f.text),
      f.specPath
        ? h(
            'div',
            { class: 'meta' },
            h('code', {}, f.specPath),
            f.value ? h('span', {}, ' → ', h('code', {}, f.value)) : null,
          )
        : null,
      link
        ? button(`Open ${link.label}`, 'go-to-file', () =>
            post({ type: 'openManifest', specPath: link.specPath }),
          )
        : null,
      link && f.value !== undefined ? applyFixButton(link, f.value) : null,
    );
  });
  return h(
    'section',
    { class: `diagnosis ${sevClass}`, 'aria-labelledby': `diag-${index}` },
    h(
      'h2',
      { id: `diag-${index}` },
      icon(GOOD_IDS.has(diagnosis.id) ? 'pass' : SEVERITY_ICON[diagnosis.severity]),
      h('span', {}, index === 0 && sameSentence(diagnosis.title, headline) ? 'Diagnosis' : diagnosis.title),
      h('span', { class: 'diag-id' }, diagnosis.id),
      diagnosis.container ? h('span', { class: 'badge' }, diagnosis.container) : null,
    ),
    h('p', { class: 'summary' }, diagnosis.summary),
    evidence.length ? h('h3', {}, 'Evidence') : null,
    evidence.length ? h('ul', { class: 'evidence-list' }, ...evidence) : null,
    causes.length ? h('h3', {}, 'Likely causes') : null,
    causes.length ? h('ol', { class: 'causes' }, ...causes) : null,
    fixes.length ? h('h3', {}, 'How to fix') : null,
    fixes.length ? h('ol', { class: 'fixes' }, ...fixes) : null,
  );
}

/** `137 — killed (SIGKILL)`: an exit code with its meaning, when there is one. */
function exitText(code: number | undefined, meaning: string | undefined): string | undefined {
  return code !== undefined ? `${code}${meaning ? ` — ${meaning}` : ''}` : undefined;
}

function renderContainer(card: ContainerCard): HTMLElement {
  const rows: Array<[string, string | undefined]> = [
    ['Image', card.image],
    ['State', card.stateText],
    ['Exit code', exitText(card.exitCode, card.exitMeaning)],
    ['Message', card.message],
    ['Last run', card.lastState],
    ['Last exit', exitText(card.lastExitCode, card.lastExitMeaning)],
    ['Restarts', String(card.restarts)],
  ];
  return h(
    'article',
    { class: `container state-${card.state}${card.ready ? ' ready' : ''}` },
    h(
      'h3',
      {},
      icon(
        card.ready
          ? 'pass-filled'
          : card.state === 'running'
            ? 'circle-large-outline'
            : card.state === 'waiting'
              ? 'watch'
              : 'debug-stop',
      ),
      h('span', {}, card.name),
      h('span', { class: 'badge' }, card.role),
      h('span', { class: 'badge' }, card.ready ? 'ready' : 'not ready'),
    ),
    h(
      'dl',
      {},
      ...rows
        .filter(([, v]) => v !== undefined && v !== '')
        .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '')]),
    ),
    h(
      'div',
      { class: 'log-buttons' },
      button('Current log', 'output', () => requestLogs(card.name, false)),
      card.restarts > 0 || card.lastState
        ? button('Previous log', 'history', () => requestLogs(card.name, true))
        : null,
    ),
  );
}

function renderTimeline(entries: readonly TimelineEntry[], now: number): HTMLElement {
  return h(
    'ol',
    { class: 'timeline' },
    ...entries.map((e) =>
      h(
        'li',
        { class: `tl tl-${e.source}${e.severity === 'warning' ? ' tl-warning' : ''}` },
        h('time', { datetime: e.time, title: e.time }, relative(e.time, now)),
        h('span', { class: 'badge' }, e.source),
        h('span', { class: 'tl-text' }, e.text),
      ),
    ),
  );
}

/**
 * One log view per container and run. Its DOM is built once, so typing in its search box survives
 * lines arriving; only the text and the status line change.
 */
interface LogView {
  readonly section: HTMLElement;
  readonly pre: HTMLElement;
  readonly status: HTMLElement;
  lines: LogLineData[];
  dropped: number;
  timestamps: boolean;
  search: string;
  tail: LogTail;
}

const logViews = new Map<string, LogView>();
const logKey = (container: string, previous: boolean): string => `${container}\u0000${previous}`;

function requestLogs(container: string, previous: boolean): void {
  const view = logViews.get(logKey(container, previous));
  if (view) {
    view.section.scrollIntoView({ block: 'nearest' });
    return;
  }
  updateLog({ container, previous, loading: true, reset: true, lines: [] });
  post({ type: 'fetchLogs', container, previous });
}

function createLogView(tail: LogTail): LogView {
  const pre = h('pre', { tabindex: '0', class: 'log-text' });
  const status = h('p', { class: 'meta log-status' });
  const search = h('input', {
    type: 'search',
    placeholder: 'Search this log',
    'aria-label': `Search the log of ${tail.container}`,
  }) as HTMLInputElement;
  const stamps = h('input', { type: 'checkbox' }) as HTMLInputElement;
  const section = h(
    'section',
    { class: 'log', 'data-container': tail.container, 'data-previous': String(tail.previous) },
    h(
      'h3',
      {},
      icon(tail.previous ? 'history' : 'output'),
      h('span', {}, `${tail.container} — ${tail.previous ? 'previous run' : 'current run'}`),
    ),
    h('div', { class: 'log-toolbar' }, search, h('label', {}, stamps, ' Timestamps')),
    status,
    pre,
  );
  const view: LogView = { section, pre, status, lines: [], dropped: 0, timestamps: false, search: '', tail };
  search.addEventListener('input', () => {
    view.search = search.value;
    drawLog(view);
  });
  stamps.addEventListener('change', () => {
    view.timestamps = stamps.checked;
    drawLog(view);
  });
  const actions = h('div', { class: 'log-buttons' });
  if (!tail.previous) {
    actions.append(
      button('Stop following', 'debug-stop', () =>
        post({ type: 'stopLogs', container: tail.container, previous: false }),
      ),
    );
  }
  actions.append(
    button('Close', 'close', () => {
      post({ type: 'stopLogs', container: tail.container, previous: tail.previous });
      section.remove();
      logViews.delete(logKey(tail.container, tail.previous));
    }),
  );
  section.querySelector('h3')?.append(actions);
  document.getElementById('logs')?.append(section);
  return view;
}

function statusText(view: LogView): string {
  const { tail } = view;
  if (tail.loading) return 'Loading…';
  const kept = logBufferNote(view.dropped);
  const shown = view.search ? ` · ${countMatches(view)} matching lines` : '';
  switch (tail.state) {
    case 'following':
      return `Following live · ${kept}${shown}`;
    case 'reconnecting':
      return `Reconnecting… · ${kept}${shown}`;
    case 'connecting':
      return `Connecting… · ${kept}`;
    default:
      return `${tail.previous ? 'Previous run' : 'Not following'} · ${kept}${shown}`;
  }
}

function countMatches(view: LogView): number {
  const needle = view.search.toLowerCase();
  return view.lines.filter((l) => l.text.toLowerCase().includes(needle)).length;
}

function drawLog(view: LogView): void {
  const text = formatLogLines(view.lines, { timestamps: view.timestamps, search: view.search });
  const atBottom = view.pre.scrollTop + view.pre.clientHeight >= view.pre.scrollHeight - 4;
  view.pre.textContent = view.lines.length === 0 && !view.tail.loading ? '(empty)' : text;
  // Follow the end like a terminal, unless the user scrolled up to read.
  if (atBottom) view.pre.scrollTop = view.pre.scrollHeight;
  view.status.textContent = statusText(view);
  view.status.classList.toggle('error', Boolean(view.tail.error));
  if (view.tail.error) view.status.textContent = `${statusText(view)} — ${view.tail.error}`;
}

function updateLog(tail: LogTail): void {
  const key = logKey(tail.container, tail.previous);
  const view = logViews.get(key) ?? createLogView(tail);
  logViews.set(key, view);
  view.tail = { ...view.tail, ...tail, loading: tail.loading ?? false };
  if (tail.reset) view.lines = [];
  if (tail.lines) view.lines.push(...tail.lines);
  const over = view.lines.length - LOG_LINES_KEPT;
  if (over > 0) view.lines.splice(0, over);
  if (tail.dropped !== undefined) view.dropped = tail.dropped;
  drawLog(view);
}

/**
 * One bar per container and resource: the fill is usage, the scale the larger of limit, request and
 * usage; a tick marks the request. Near the limit (90%) the fill turns to the warning color.
 */
function usageBar(
  label: string,
  used: number,
  request: number | undefined,
  limit: number | undefined,
  format: (n: number) => string,
): HTMLElement {
  const scale = Math.max(limit ?? 0, request ?? 0, used) || 1;
  const pct = (n: number): string => `${Math.min(100, (n / scale) * 100).toFixed(1)}%`;
  const near = limit !== undefined && used >= limit * 0.9;
  const fill = h('div', { class: `usage-fill${near ? ' usage-near' : ''}` });
  fill.style.width = pct(used);
  const track = h('div', { class: 'usage-track', role: 'img' }, fill);
  if (request !== undefined) {
    const tick = h('div', { class: 'usage-request', title: `request ${format(request)}` });
    tick.style.left = pct(request);
    track.append(tick);
  }
  const text = [
    `${format(used)}`,
    request !== undefined ? `request ${format(request)}` : 'no request',
    limit !== undefined ? `limit ${format(limit)} (${Math.round((used / limit) * 100)}% used)` : 'no limit',
  ].join(' · ');
  track.setAttribute('aria-label', `${label}: ${text}`);
  return h(
    'div',
    { class: 'usage-row' },
    h('span', { class: 'usage-label' }, label),
    track,
    h('span', { class: 'usage-text' }, text),
  );
}

function renderUsage(usage: readonly ContainerUsage[], note: string): void {
  const root = document.getElementById('usage');
  if (!root) return;
  root.replaceChildren(
    h('h2', { class: 'section' }, 'Usage'),
    ...usage.map((u) =>
      h(
        'div',
        { class: 'usage-container', 'data-container': u.container },
        h('h3', {}, icon('pulse'), h('span', {}, u.container)),
        usageBar('CPU', u.cpu, u.cpuRequest, u.cpuLimit, formatCpuCores),
        usageBar('Memory', u.memory, u.memoryRequest, u.memoryLimit, formatMemory),
      ),
    ),
    h('p', { class: 'meta' }, note),
  );
}

function render(message: Extract<HostMessage, { type: 'explanation' }>): void {
  const { explanation, links, updatedAt, live } = message;
  const now = Date.now();
  const main = document.getElementById('main');
  if (!main) return;
  const sections: Child[] = [
    renderHeader(explanation, updatedAt, live),
    h(
      'div',
      { class: 'diagnoses' },
      ...explanation.diagnoses.map((d, i) => renderDiagnosis(d, links, i, explanation.headline, now)),
    ),
    explanation.containers.length ? h('h2', { class: 'section' }, 'Containers') : null,
    h('div', { class: 'containers' }, ...explanation.containers.map(renderContainer)),
    explanation.timeline.length ? h('h2', { class: 'section' }, 'Timeline') : null,
    explanation.timeline.length ? renderTimeline(explanation.timeline, now) : null,
  ];
  main.replaceChildren(...sections.filter((s): s is Node => s instanceof Node));
  document.title = `${explanation.pod.name}: ${explanation.headline}`;
  document.body.dataset['status'] = explanation.status;
}

function showBanner(text: string, kind: 'error' | 'info'): void {
  const banner = document.getElementById('banner');
  if (!banner) return;
  banner.replaceChildren(
    text
      ? h(
          'div',
          { class: `banner banner-${kind}`, role: 'alert' },
          icon(kind === 'error' ? 'error' : 'info'),
          h('span', {}, text),
        )
      : '',
  );
}

/** The explanation message last drawn, as JSON: the host may post the same one again on `ready`. */
let drawn = '';

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'explanation': {
      const json = JSON.stringify(message);
      if (json === drawn) break;
      drawn = json;
      showBanner('', 'info');
      render(message);
      // The next frame is the one that shows it: that is when the user sees the explanation.
      requestAnimationFrame(() => post({ type: 'rendered' }));
      break;
    }
    case 'logs':
      updateLog(message.logs);
      break;
    case 'usage':
      renderUsage(message.usage, message.note);
      break;
    case 'error':
      showBanner(message.message, 'error');
      break;
    case 'deleted':
      showBanner('This pod has been deleted; what you see is its last known state.', 'info');
      break;
  }
});

post({ type: 'ready' });
