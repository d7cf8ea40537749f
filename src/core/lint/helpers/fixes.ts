import type { Path } from '../../manifest/types';
import { keepQuotes } from '../../qos';
import type { Fix, Report, RuleContext } from '../types';

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

/**
 * A finding on a top-level field (`apiVersion`, `kind`) whose value should read `replacement`:
 * suggests it, and fixes it when the value has a place in the text.
 */
export function replaceTopLevelValue(
  ctx: RuleContext,
  field: 'apiVersion' | 'kind',
  message: string,
  replacement: string,
): Report {
  const location = ctx.locate([field]);
  return {
    path: [field],
    message,
    ...(location
      ? {
          fix: {
            title: `Change ${field} to ${replacement}`,
            edits: [{ range: location.value, newText: replacement }],
          },
        }
      : {}),
    suggestions: [replacement],
  };
}
