import type { Diagnosis, Explanation } from '../diagnose/types';
import { escapeHtml } from './escape';

/** No scripts, no remote loads: only the inline style below may apply. */
export const EXPLANATION_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

const STYLE = `
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328;background:#fff}
h1{font-size:1.3rem;margin:0}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:0 0 .25rem}
.status{color:#59636e;margin:.25rem 0 1rem}.headline{font-size:1.15rem;font-weight:600;padding:.6rem .8rem;border-radius:6px}
.diag{border:1px solid #d1d9e0;border-left-width:6px;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.critical{border-left-color:#cf222e;background:#ffebe9}.error{border-left-color:#d1242f}.warning{border-left-color:#9a6700;background:#fff8c5}.info{border-left-color:#1a7f37}
.sev{font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;margin-right:.5rem}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;border-radius:4px}code{padding:.1rem .3rem}
pre{padding:.5rem;white-space:pre-wrap;word-break:break-word}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d1d9e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
.muted{color:#59636e}.warn{color:#9a6700}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}.critical{background:#3c1618}.warning{background:#3b2e0a}code,pre{background:#161b22}.muted,.status{color:#9198a1}td,th,.diag{border-color:#3d444d}}
`;

const h = escapeHtml;

/**
 * The document every Pod Doctor page is (reports and the editor's panels): UTF-8, the page's
 * Content-Security-Policy and a device-width viewport; `head` and `body` go in as given.
 */
export function htmlDocument(csp: string, head: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}
</head>
<body>
${body}
</body>
</html>`;
}

/** A self-contained report page under EXPLANATION_CSP: `title` is escaped here, `body` must be. */
export function reportPage(title: string, style: string, body: string): string {
  const head = `<title>${h(title)} — Pod Doctor</title>\n<style>${style}</style>`;
  return `${htmlDocument(EXPLANATION_CSP, head, body)}\n`;
}

function diagnosisHtml(d: Diagnosis): string {
  const evidence = d.evidence.length
    ? `<h4>Evidence</h4><ul>${d.evidence
        .map(
          (e) =>
            `<li><span class="muted">${h(e.source)}${e.time ? ` ${h(e.time)}` : ''}</span> <code>${h(e.text)}</code>${e.path ? ` <span class="muted">${h(e.path)}</span>` : ''}</li>`,
        )
        .join('')}</ul>`
    : '';
  const causes = d.causes.length
    ? `<h4>Causes</h4><ol>${d.causes.map((c) => `<li><em>${h(c.likelihood)}</em>: ${h(c.text)}</li>`).join('')}</ol>`
    : '';
  const fixes = d.fixes.length
    ? `<h4>Fixes</h4><ul>${d.fixes
        .map(
          (f) =>
            `<li>${h(f.text)}${f.specPath ? ` <code>${h(f.specPath)}</code>` : ''}${f.value !== undefined ? ` = <code>${h(f.value)}</code>` : ''}</li>`,
        )
        .join('')}</ul>`
    : '';
  return `<section class="diag ${d.severity}"><h3><span class="sev">${h(d.severity)}</span>${h(d.title)} <span class="muted">(${h(d.id)}${d.container ? `, container ${h(d.container)}` : ''})</span></h3><p>${h(d.summary)}</p>${evidence}${causes}${fixes}</section>`;
}

/** One self-contained HTML page: strict CSP, no script, every cluster string escaped. */
export function explanationHtml(e: Explanation): string {
  const top = e.diagnoses[0];
  const containers = e.containers.length
    ? `<h2>Containers</h2><table><tr><th>Name</th><th>Role</th><th>State</th><th>Restarts</th><th>Ready</th><th>Image</th></tr>${e.containers
        .map(
          (c) =>
            `<tr><td>${h(c.name)}</td><td>${h(c.role)}</td><td>${h(c.stateText)}${c.exitMeaning ? ` — ${h(c.exitMeaning)}` : ''}${c.lastState ? `<br><span class="muted">previous: ${h(c.lastState)}${c.lastExitMeaning ? ` — ${h(c.lastExitMeaning)}` : ''}</span>` : ''}</td><td>${c.restarts}</td><td>${c.ready ? 'yes' : 'no'}</td><td><code>${h(c.image)}</code></td></tr>`,
        )
        .join('')}</table>`
    : '';
  const timeline = e.timeline.length
    ? `<h2>Timeline</h2><table>${e.timeline.map((t) => `<tr><td class="muted">${h(t.time)}</td><td class="${t.severity === 'warning' ? 'warn' : ''}">${h(t.text)}</td></tr>`).join('')}</table>`
    : '';
  return reportPage(
    `${e.pod.namespace}/${e.pod.name}`,
    STYLE,
    `<h1>Pod ${h(e.pod.namespace)}/${h(e.pod.name)}</h1>
<p class="status">STATUS <code>${h(e.status)}</code> · READY <code>${h(e.ready)}</code> · RESTARTS <code>${h(e.restarts)}</code> · AGE <code>${h(e.age)}</code>${e.node ? ` · node <code>${h(e.node)}</code>` : ''} · phase ${h(e.phase)}</p>
${
  Object.keys(e.labels ?? {}).length > 0
    ? `<p class="muted">Labels ${Object.entries(e.labels ?? {})
        .map(([k, v]) => `<code>${h(`${k}=${v}`)}</code>`)
        .join(' ')}</p>\n`
    : ''
}<p class="headline diag ${top ? top.severity : 'info'}">${h(e.headline)}</p>
${e.diagnoses.map(diagnosisHtml).join('\n')}
${containers}
${timeline}`,
  );
}
