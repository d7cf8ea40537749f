import { isObject, getPath } from '../../manifest/workloads';
import type { Path } from '../../manifest/types';
import { compiledModel, nestedHomesOf, resolveField } from '../../schema/catalog';
import { schemaCheck } from '../helpers/schema';
import { didYouMean, editDistance } from '../../text/suggest';
import type { Rule, RuleContext } from '../types';

export const rule: Rule = {
  id: 'schema-unknown-field',
  severity: 'error',
  title: 'Field the API does not know',
  rationale:
    'kubectl apply validates fields strictly (the default since Kubernetes 1.27) and rejects an object with an unknown field; with validation off the field is dropped silently, so a misspelled `images` or `livenesProbe` never takes effect.',
  remediation:
    'Fix the spelling (the message suggests the closest field) or the indentation, so the field sits under the object it belongs to.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      images: nginx:1.27\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
  },
  check(ctx) {
    const { issues, place: placeOf } = schemaCheck(ctx);
    for (const issue of issues.unknownFields) {
      const parentPath = issue.path.slice(0, -1);
      const parent = getPath(ctx.object, parentPath);
      // A field that is already present is no fix for its misspelled twin.
      const candidate = didYouMean(issue.key, issue.candidates).find(
        (c) => !(isObject(parent) && c in parent),
      );
      const place = placeOf(parentPath);
      const typo = candidate !== undefined && isTypo(issue.key, candidate);
      const owner = typo ? undefined : ancestorDeclaring(ctx, parentPath, issue.key);
      const homes =
        typo || owner !== undefined || GENERIC_KEYS.has(issue.key)
          ? []
          : nestedHomesOf(issue.parentType, issue.key);
      // A mere prefix match (`image` → `imagePullSecrets`) loses to a field of that exact name nearby.
      const suggestion = owner === undefined && homes.length === 0 ? candidate : undefined;
      const message =
        suggestion !== undefined
          ? `Unknown field "${issue.key}" in ${place}; did you mean "${suggestion}"? kubectl apply rejects the object.`
          : owner !== undefined
            ? `Unknown field "${issue.key}" in ${place}; "${issue.key}" belongs to ${placeOf(owner)}: check its indentation. kubectl apply rejects the object.`
            : homes.length > 0
              ? `Unknown field "${issue.key}" in ${place}; it belongs deeper, under ${orList(homes)}. kubectl apply rejects the object.`
              : `Unknown field "${issue.key}" in ${place}; kubectl apply rejects the object. Remove it, or fix its spelling or indentation.`;
      const key = ctx.locate(issue.path)?.key;
      ctx.report({
        path: issue.path,
        on: 'key',
        message,
        ...(suggestion !== undefined && key
          ? { fix: { title: `Rename to ${suggestion}`, edits: [{ range: key, newText: suggestion }] } }
          : {}),
        ...(suggestion !== undefined ? { suggestions: [suggestion] } : {}),
      });
    }
  },
};

/** Close enough to be a slip of the keyboard, not just a shared prefix. */
function isTypo(key: string, candidate: string): boolean {
  return (
    editDistance(key.toLowerCase(), candidate.toLowerCase()) <=
    Math.max(1, Math.min(3, Math.floor(key.length / 3)))
  );
}

/** Keys so common that "it belongs under …" would be a guess. */
const GENERIC_KEYS: ReadonlySet<string> = new Set([
  'name',
  'type',
  'key',
  'value',
  'values',
  'path',
  'operator',
]);

function orList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The nearest enclosing object whose type declares `key`: the field is indented too deep. */
function ancestorDeclaring(ctx: RuleContext, parentPath: Path, key: string): Path | undefined {
  for (let length = parentPath.length - 1; length >= 0; length--) {
    const ancestor = parentPath.slice(0, length);
    const resolved = resolveField(ctx.kind, ancestor, ctx.apiVersion);
    if (resolved === undefined || resolved.type !== resolved.typeName) continue;
    if (compiledModel(resolved.typeName)?.fields.has(key)) return ancestor;
  }
  return undefined;
}
