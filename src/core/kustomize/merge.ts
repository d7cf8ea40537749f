import type { Finding } from '../lint/types';
import type { MappedFinding } from './map';

/** A finding as reported: `via` lists the kustomizations it was rendered through. */
export interface ReportedFinding extends Finding {
  readonly via?: readonly string[];
}

/**
 * Adds the findings of rendered overlays to the findings of the files linted directly, once per
 * (file, line, rule): a finding reached through several overlays, or also found in the file itself,
 * is kept once with every overlay in `via`. A rendered finding about something absent joins the
 * direct finding of the same rule on the same object, wherever on the object that one points.
 */
export function mergeRenderedFindings(
  direct: ReadonlyMap<string, readonly Finding[]>,
  rendered: readonly MappedFinding[],
): Map<string, ReportedFinding[]> {
  const out = new Map<string, ReportedFinding[]>();
  for (const [file, findings] of direct) out.set(file, [...findings]);
  for (const f of rendered) {
    const list = out.get(f.file) ?? [];
    out.set(f.file, list);
    const index = list.findIndex(
      (g) =>
        g.ruleId === f.ruleId &&
        (g.start.line === f.start.line ||
          (f.objectRange !== undefined &&
            g.absent === true &&
            g.range.start >= f.objectRange.start &&
            g.range.start < f.objectRange.end)),
    );
    const { file: _file, objectRange: _range, via, ...finding } = f;
    if (index < 0) {
      list.push({ ...finding, via });
      continue;
    }
    const existing = list[index]!;
    const merged = [...(existing.via ?? [])];
    for (const v of via) if (!merged.includes(v)) merged.push(v);
    // The rendered object names its containers as deployed; a patch alone may not know them.
    const sameLine = existing.start.line === f.start.line;
    list[index] =
      sameLine && existing.via === undefined
        ? { ...existing, message: f.message, via: merged }
        : { ...existing, via: merged };
  }
  for (const list of out.values())
    list.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return out;
}
