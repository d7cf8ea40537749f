/**
 * The workbench hands the extension host's console output to `codeAutomationLog` as
 * `String([format, ...args])`: one comma-joined string with the `%s`/`%d` placeholders not applied,
 * e.g. `%s (%dms),activates on YAML,461`. Re-applies them: the format is the text before the first
 * comma, each placeholder takes one comma-separated argument, and when there are more pieces than
 * placeholders (an argument contained commas) the first `%s` takes the extra ones. Text whose first
 * piece has no placeholder is printed as it came.
 */
export function formatAutomationLog(message: unknown): string {
  const text = String(message);
  const comma = text.indexOf(',');
  if (comma < 0) return text;
  const format = text.slice(0, comma);
  const placeholders = [...format.matchAll(/%[sdifjoOc]/g)].map((m) => m[0]);
  if (placeholders.length === 0) return text;
  const pieces = text.slice(comma + 1).split(',');
  const args = assignArguments(placeholders, pieces);
  if (!args) return text;
  let next = 0;
  return format.replace(/%[sdifjoOc%]/g, (p) => {
    if (p === '%%') return '%';
    const arg = args[next++] ?? '';
    return p === '%c' ? '' : arg;
  });
}

function assignArguments(placeholders: readonly string[], pieces: readonly string[]): string[] | undefined {
  const extra = pieces.length - placeholders.length;
  if (extra < 0) return undefined;
  if (extra === 0) return [...pieces];
  const greedy = placeholders.indexOf('%s');
  if (greedy < 0) return undefined;
  return [
    ...pieces.slice(0, greedy),
    pieces.slice(greedy, greedy + extra + 1).join(','),
    ...pieces.slice(greedy + extra + 1),
  ];
}
