import type { TextEdit } from '../lint/types';

/**
 * `text` with `edits` applied, as an editor applies them: the text a fix preview shows. Edits are
 * offset ranges into `text` that do not overlap; they are applied from the end so that earlier
 * offsets stay valid.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.range.start - a.range.start)
    .reduce((out, e) => out.slice(0, e.range.start) + e.newText + out.slice(e.range.end), text);
}

/** The edits fit `text`: offsets are whole numbers inside it, each range in order (checks command input). */
export function editsFit(text: string, edits: readonly TextEdit[]): boolean {
  return edits.every(
    (e) =>
      Number.isInteger(e.range.start) &&
      Number.isInteger(e.range.end) &&
      e.range.start >= 0 &&
      e.range.start <= e.range.end &&
      e.range.end <= text.length,
  );
}
