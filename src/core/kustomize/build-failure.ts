import { defaultRegistry } from '../lint/rules';
import type { Finding, SeveritySetting } from '../lint/types';
import { positionAt } from '../manifest/parse';
import type { Kustomization } from './kustomization';

/**
 * Kustomize's own error text, without the logger prefix kubectl adds
 * (`E1207 02:19:20.262238 10833 run.go:72] "command failed" err="…"`) or an `Error:` lead.
 */
export function kustomizeMessage(stderr: string): string {
  // Kustomize's deprecation warnings come first, as `# Warning: …` lines.
  const text = stderr
    .split('\n')
    .filter((line) => !/^# Warning:/.test(line))
    .join('\n')
    .trim();
  const quoted = /"command failed" err="((?:[^"\\]|\\.)*)"/.exec(text);
  const block = /"command failed" err=<\n([\s\S]*?)\n\s*>\s*$/.exec(text);
  const raw = quoted ? quoted[1]!.replace(/\\(["\\])/g, '$1') : block ? block[1]! : text;
  const message = raw
    .replace(/^(?:error|Error):\s*/, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== '`')
    .join(' ')
    .replace(/`\s+/g, '`')
    .replace(/\s+`/g, '`');
  return message.replace(/\.$/, '') || 'Kustomize stopped without a message';
}

/**
 * One `kustomize-build` finding on the kustomization file: at the entry the message names (a quoted
 * path that appears in the file), else on its first line.
 */
export function buildFailureFinding(
  kustomization: Kustomization,
  message: string,
  rules: Readonly<Record<string, SeveritySetting>> = {},
): Finding | undefined {
  const rule = defaultRegistry.get('kustomize-build');
  const setting = rules['kustomize-build'];
  if (setting === 'off') return undefined;
  const { text, lineStarts } = kustomization.parsed;
  let range = { start: 0, end: Math.max(0, (text.indexOf('\n') + 1 || text.length + 1) - 1) };
  for (const [, quoted] of message.matchAll(/'([^']+)'|"([^"]+)"/g)) {
    if (!quoted) continue;
    const candidates = [quoted, quoted.split('/').slice(-1)[0] ?? quoted];
    const hit = candidates.map((c) => ({ c, at: text.indexOf(c) })).find(({ at }) => at >= 0);
    if (hit && hit.c.length > 2) {
      range = { start: hit.at, end: hit.at + hit.c.length };
      break;
    }
  }
  return {
    ruleId: 'kustomize-build',
    severity: setting ?? rule?.severity ?? 'error',
    message: `Kustomize cannot build this kustomization: ${message}. Fix it, then check with \`kubectl kustomize\` on this directory.`,
    range,
    start: positionAt(lineStarts, range.start),
    end: positionAt(lineStarts, range.end),
    documentIndex: 0,
    path: [],
  };
}
