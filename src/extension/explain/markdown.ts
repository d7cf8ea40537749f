import type { Explanation } from '../../core/diagnose/types';

/** Plain Markdown of an explanation, for pasting into a ticket. Cluster text is escaped. */
export function explanationMarkdown(e: Explanation): string {
  const esc = (text: string) => text.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
  const lines = [
    `## ${esc(e.pod.namespace)}/${esc(e.pod.name)}: ${esc(e.headline)}`,
    '',
    `STATUS **${esc(e.status)}** · READY ${esc(e.ready)} · RESTARTS ${esc(e.restarts)} · AGE ${esc(e.age)}`,
  ];
  for (const d of e.diagnoses) {
    lines.push('', `### ${esc(d.title)} (\`${d.id}\`, ${d.severity})`, '', esc(d.summary));
    if (d.evidence.length) {
      lines.push('', '**Evidence**', '');
      for (const ev of d.evidence)
        lines.push(`- _${ev.source}_: ${esc(ev.text)}${ev.path ? ` (\`${ev.path}\`)` : ''}`);
    }
    if (d.causes.length) {
      lines.push('', '**Likely causes**', '');
      d.causes.forEach((c, i) => lines.push(`${i + 1}. ${esc(c.text)} (${c.likelihood})`));
    }
    if (d.fixes.length) {
      lines.push('', '**Fix**', '');
      d.fixes.forEach((f, i) =>
        lines.push(
          `${i + 1}. ${esc(f.text)}${f.specPath ? ` — \`${f.specPath}\`${f.value ? ` = \`${f.value}\`` : ''}` : ''}`,
        ),
      );
    }
  }
  if (e.timeline.length) {
    lines.push('', '### Timeline', '');
    for (const t of e.timeline) lines.push(`- ${t.time} ${t.source}: ${esc(t.text)}`);
  }
  return `${lines.join('\n')}\n`;
}
