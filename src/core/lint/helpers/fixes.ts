import type { Path } from '../../manifest/types';
import { keepQuotes } from '../../qos';
import type { Fix, RuleContext } from '../types';

/** A fix that writes `replacement` over the value at `path`, quoted as the value is; undefined when the value has no place in the text. */
export function replaceValueFix(
  ctx: RuleContext,
  path: Path,
  title: string,
  replacement: string,
): Fix | undefined {
  const range = ctx.locate(path)?.value;
  return range
    ? { title, edits: [{ range, newText: keepQuotes(ctx.text.slice(range.start, range.end), replacement) }] }
    : undefined;
}
