import type { Explanation } from '../diagnose/types';
import { escapeMarkdown, markdownCode } from './escape';

/** The explanation as Markdown, for "Copy as Markdown" into an issue or a chat. */
export function explanationMarkdown(e: Explanation): string {
  const out: string[] = [];
  out.push(
    `### Pod ${escapeMarkdown(`${e.pod.namespace}/${e.pod.name}`)}: ${escapeMarkdown(e.headline)}`,
    '',
  );
  out.push(
    `STATUS ${markdownCode(e.status)} · READY ${markdownCode(e.ready)} · RESTARTS ${markdownCode(e.restarts)} · AGE ${markdownCode(e.age)}${e.node ? ` · node ${markdownCode(e.node)}` : ''}`,
    '',
  );
  for (const d of e.diagnoses) {
    out.push(
      `#### ${d.severity.toUpperCase()}: ${escapeMarkdown(d.title)} (${markdownCode(d.id)})`,
      '',
      escapeMarkdown(d.summary),
      '',
    );
    if (d.evidence.length > 0) {
      out.push('**Evidence**', '');
      for (const ev of d.evidence)
        out.push(`- ${ev.source}${ev.path ? ` ${markdownCode(ev.path)}` : ''}: ${markdownCode(ev.text)}`);
      out.push('');
    }
    if (d.causes.length > 0) {
      out.push('**Causes**', '');
      d.causes.forEach((c, i) => out.push(`${i + 1}. *${c.likelihood}*: ${escapeMarkdown(c.text)}`));
      out.push('');
    }
    if (d.fixes.length > 0) {
      out.push('**Fixes**', '');
      for (const f of d.fixes) {
        out.push(
          `- ${escapeMarkdown(f.text)}${f.specPath ? ` (${markdownCode(f.specPath)}${f.value !== undefined ? ` = ${markdownCode(f.value)}` : ''})` : ''}`,
        );
      }
      out.push('');
    }
  }
  if (e.timeline.length > 0) {
    out.push('<details><summary>Timeline</summary>', '');
    for (const t of e.timeline) out.push(`- ${t.time} ${escapeMarkdown(t.text)}`);
    out.push('', '</details>');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
