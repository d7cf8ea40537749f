import type { Severity } from '../diagnose/types';
import type { Triage } from '../triage';
import { agree } from '../text/plural';
import { escapeHtml, stripTerminalEscapes } from './escape';
import { reportPage } from './html';
import { explanationJson } from './json';
import { painter, SEVERITY_COLOR } from './terminal';

type Group = Triage['groups'][number];

const LABEL: Readonly<Record<Severity, string>> = {
  critical: 'CRITICAL',
  error: 'ERROR',
  warning: 'WARNING',
  info: 'INFO',
};

const n = (count: number): string => count.toLocaleString('en-US');

/** `2,000 pods, 700 unhealthy in 6 groups` */
export function triageSummary(t: Triage): string {
  const groups = t.groups.length;
  return `${n(t.pods)} ${agree(t.pods, 'pod', 'pods')}, ${n(t.unhealthy)} unhealthy in ${n(groups)} ${agree(groups, 'group', 'groups')}`;
}

/** `Deployment shop/checkout-v2 (12)` */
function workloadText(w: Group['workloads'][number]): string {
  return `${w.kind} ${w.namespace}/${w.name} (${n(w.count)})`;
}

/** The example pod's one-line cause and its first fix. */
function exampleLines(g: Group): { pod: string; cause: string; fix: string | undefined } {
  const top = g.example.diagnoses[0];
  return {
    pod: `${g.example.pod.namespace}/${g.example.pod.name}`,
    cause: g.example.headline,
    fix: top?.fixes[0]?.text,
  };
}

/** Exit code of a triage: 1 when any group is an error or critical, as `explain` for one pod. */
export function triageExitCode(t: Triage): 0 | 1 {
  return t.groups.some((g) => g.severity === 'critical' || g.severity === 'error') ? 1 : 0;
}

const WORKLOADS_SHOWN = 5;

/** The compact report: the summary line, then one block per group. */
export function triageText(t: Triage, options: { color?: boolean; notes?: readonly string[] } = {}): string {
  const paint = painter(options.color === true);
  const clean = stripTerminalEscapes;
  const where = t.scope.namespace === null ? 'all namespaces' : `namespace ${t.scope.namespace}`;
  const lines = [
    `${triageSummary(t)} (${clean(where)}${t.scope.context ? `, context ${clean(t.scope.context)}` : ''})`,
  ];
  for (const g of t.groups) {
    const e = exampleLines(g);
    lines.push('');
    lines.push(
      `${paint(SEVERITY_COLOR[g.severity], LABEL[g.severity])}  ${clean(g.title)}${g.detail ? paint('2', ` · ${clean(g.detail)}`) : ''}`,
    );
    const shown = g.workloads.slice(0, WORKLOADS_SHOWN).map(workloadText).map(clean);
    const more = g.workloads.length - shown.length;
    lines.push(
      `  ${agree(g.workloads.length, 'workload', 'workloads')}: ${shown.join(', ')}${more > 0 ? `, and ${n(more)} more` : ''}`,
    );
    lines.push(`  e.g. ${clean(e.pod)}: ${clean(e.cause)}`);
    if (e.fix) lines.push(`  fix: ${clean(e.fix)}`);
  }
  if (t.groups.length === 0) lines.push('', 'No unhealthy pods.');
  for (const note of options.notes ?? []) lines.push('', paint('33', clean(note)));
  return `${lines.join('\n')}\n`;
}

/** The `explain -n NS --format json` object: documented keys only, in a fixed order. */
export function triageJson(t: Triage, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    scope: { context: t.scope.context, namespace: t.scope.namespace },
    pods: t.pods,
    unhealthy: t.unhealthy,
    groups: t.groups.map((g) => ({
      id: g.id,
      severity: g.severity,
      title: g.title,
      count: g.count,
      detail: g.detail,
      workloads: g.workloads.map((w) => ({
        kind: w.kind,
        namespace: w.namespace,
        name: w.name,
        count: w.count,
      })),
      pods: g.pods.map((p) => ({ namespace: p.namespace, name: p.name, status: p.status })),
      example: explanationJson(g.example),
    })),
    ...extra,
  };
}

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328;background:#fff}
h1{font-size:1.3rem;margin:0}h2{font-size:1.05rem;margin:0 0 .25rem}
.group{border:1px solid #d1d9e0;border-left-width:6px;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.critical{border-left-color:#cf222e;background:#ffebe9}.error{border-left-color:#d1242f}.warning{border-left-color:#9a6700;background:#fff8c5}.info{border-left-color:#1a7f37}
.sev{font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;margin-right:.5rem}
code{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;border-radius:4px;padding:.1rem .3rem}
.muted{color:#59636e}ul{margin:.25rem 0;padding-left:1.25rem}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}.critical{background:#3c1618}.warning{background:#3b2e0a}code{background:#161b22}.muted{color:#9198a1}.group{border-color:#3d444d}}
`;

function groupHtml(g: Group): string {
  const h = escapeHtml;
  const e = exampleLines(g);
  const workloads = g.workloads
    .map(
      (w) =>
        `<li>${h(w.kind)} <code>${h(`${w.namespace}/${w.name}`)}</code> <span class="muted">${n(w.count)}</span></li>`,
    )
    .join('');
  const pods = g.pods
    .map(
      (p) =>
        `<li><code>${h(`${p.namespace}/${p.name}`)}</code> <span class="muted">${h(p.status)}</span></li>`,
    )
    .join('');
  return `<section class="group ${g.severity}"><h2><span class="sev">${h(g.severity)}</span>${h(g.title)}${g.detail ? ` <span class="muted">${h(g.detail)}</span>` : ''}</h2>
<ul>${workloads}</ul>
<p>e.g. <code>${h(e.pod)}</code>: ${h(e.cause)}${e.fix ? `<br><span class="muted">fix:</span> ${h(e.fix)}` : ''}</p>
<details><summary>${n(g.count)} ${agree(g.count, 'pod', 'pods')}</summary><ul>${pods}</ul></details></section>`;
}

/** One self-contained page, with the same CSP as a pod's explanation: no script, everything escaped. */
export function triageHtml(t: Triage): string {
  const h = escapeHtml;
  const where = t.scope.namespace === null ? 'all namespaces' : `namespace ${t.scope.namespace}`;
  return reportPage(
    `Triage of ${where}`,
    STYLE,
    `<h1>Triage of ${h(where)}${t.scope.context ? ` <span class="muted">(context ${h(t.scope.context)})</span>` : ''}</h1>
<p>${h(triageSummary(t))}</p>
${t.groups.length === 0 ? '<p>No unhealthy pods.</p>' : t.groups.map(groupHtml).join('\n')}`,
  );
}

/** A namespace's worst group in one line, for the tree's tooltip: `220 pods keep crashing (checkout, orders)`. */
export function worstGroupLine(t: Triage): string | undefined {
  const worst = t.groups[0];
  if (!worst) return undefined;
  const names = [...new Set(worst.workloads.map((w) => w.name))];
  const shown = names.slice(0, 3).join(', ');
  return `${worst.title} (${shown}${names.length > 3 ? `, and ${names.length - 3} more` : ''})`;
}
