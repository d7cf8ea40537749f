import type { Diagnosis, Explanation, Severity } from '../diagnose/types';
import { stripTerminalEscapes } from './escape';
import { painter, SEVERITY_COLOR } from './terminal';

export interface TextOptions {
  /** ANSI colors for a terminal. */
  color?: boolean;
  /** Show at most this many timeline entries (the latest); default 25. */
  timelineLimit?: number;
  /** Notes to print at the end, e.g. evidence that could not be read. */
  notes?: readonly string[];
}

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: 'CRITICAL',
  error: 'ERROR',
  warning: 'WARNING',
  info: 'OK',
};

/** Cluster strings may hold escape sequences; only our own colors reach the terminal. */
function clean(text: string): string {
  return stripTerminalEscapes(text).replace(/\n/g, ' ');
}

function wrapIndent(text: string, indent: string, hang = '', width = 100): string {
  const words = clean(text).split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length > 0 && indent.length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => `${indent}${i > 0 ? hang : ''}${l}`).join('\n');
}

function shortTime(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, 'Z') : '';
}

function diagnosisText(d: Diagnosis, paint: ReturnType<typeof painter>): string[] {
  const out: string[] = [];
  const label = paint(SEVERITY_COLOR[d.severity], SEVERITY_LABEL[d.severity].padEnd(8));
  out.push(
    `${label} ${paint('1', clean(d.title))}  ${paint('2', `[${d.id}${d.container ? `, container ${clean(d.container)}` : ''}]`)}`,
  );
  out.push(wrapIndent(d.summary, '         '));
  if (d.evidence.length > 0) {
    out.push('', `  ${paint('1', 'Evidence')}`);
    for (const e of d.evidence) {
      const where = e.path ? paint('2', ` (${clean(e.path)})`) : '';
      const when = e.time ? `${shortTime(e.time)}  ` : '';
      out.push(`    ${e.source.padEnd(6)} ${when}${clean(e.text)}${where}`);
    }
  }
  if (d.causes.length > 0) {
    out.push('', `  ${paint('1', 'Causes')}`);
    d.causes.forEach((c, i) => out.push(wrapIndent(`${i + 1}. [${c.likelihood}] ${c.text}`, '    ', '   ')));
  }
  if (d.fixes.length > 0) {
    out.push('', `  ${paint('1', 'Fixes')}`);
    for (const f of d.fixes) {
      out.push(wrapIndent(`→ ${f.text}`, '    ', '  '));
      if (f.specPath)
        out.push(
          `      ${paint('36', clean(f.specPath))}${f.value !== undefined ? `: ${clean(f.value)}` : ''}`,
        );
    }
  }
  return out;
}

/** A terminal report of an explanation: what is wrong first, then the evidence, then history. */
export function explanationText(e: Explanation, options: TextOptions = {}): string {
  const paint = painter(options.color === true);
  const out: string[] = [];
  const top = e.diagnoses[0];
  out.push(
    `${paint('1', `Pod ${clean(e.pod.namespace)}/${clean(e.pod.name)}`)}  STATUS ${clean(e.status)}  READY ${e.ready}  RESTARTS ${clean(e.restarts)}  AGE ${e.age}${e.node ? `  NODE ${clean(e.node)}` : ''}`,
  );
  const labels = Object.entries(e.labels ?? {});
  if (labels.length > 0)
    out.push(paint('2', `Labels ${labels.map(([k, v]) => clean(`${k}=${v}`)).join(', ')}`));
  out.push('', top ? paint(SEVERITY_COLOR[top.severity], clean(e.headline)) : clean(e.headline), '');
  for (const d of e.diagnoses) out.push(...diagnosisText(d, paint), '');
  if (e.containers.length > 0) {
    out.push(paint('1', 'Containers'));
    for (const c of e.containers) {
      const ready = c.ready ? paint('32', 'ready') : paint('33', 'not ready');
      out.push(
        `  ${clean(c.name)} (${c.role})  ${clean(c.stateText)}${c.exitMeaning ? ` — ${c.exitMeaning}` : ''}  restarts ${c.restarts}  ${ready}`,
      );
      out.push(`    image ${clean(c.image)}`);
      if (c.lastState)
        out.push(
          `    previous run: ${clean(c.lastState)}${c.lastExitMeaning ? ` — ${c.lastExitMeaning}` : ''}`,
        );
    }
    out.push('');
  }
  if (e.timeline.length > 0) {
    const limit = options.timelineLimit ?? 25;
    const shown = e.timeline.slice(-limit);
    out.push(
      paint('1', 'Timeline') +
        (shown.length < e.timeline.length
          ? paint('2', ` (latest ${shown.length} of ${e.timeline.length})`)
          : ''),
    );
    for (const t of shown) {
      const mark = t.severity === 'warning' ? paint('33', '!') : ' ';
      out.push(`  ${shortTime(t.time)} ${mark} ${clean(t.text)}`);
    }
    out.push('');
  }
  for (const note of options.notes ?? []) out.push(paint('2', `Note: ${clean(note)}`));
  return `${out.join('\n').trimEnd()}\n`;
}
