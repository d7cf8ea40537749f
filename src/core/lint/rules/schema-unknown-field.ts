import { isObject, getPath } from '../../manifest/workloads';
import type { Path } from '../../manifest/types';
import { compiledModel, knownKind, resolveField } from '../../schema/catalog';
import { placeOf } from '../../schema/place';
import { schemaIssues } from '../../schema/validate';
import { didYouMean } from '../../text/suggest';
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
    const kind = knownKind(ctx.kind) ?? ctx.kind;
    for (const issue of schemaIssues(ctx.object, ctx.kind, ctx.apiVersion).unknownFields) {
      const parentPath = issue.path.slice(0, -1);
      const parent = getPath(ctx.object, parentPath);
      // A field that is already present is no fix for its misspelled twin.
      const suggestion = didYouMean(issue.key, issue.candidates).find(
        (candidate) => !(isObject(parent) && candidate in parent),
      );
      const place = placeOf(ctx.object, kind, parentPath);
      const owner = suggestion === undefined ? ancestorDeclaring(ctx, parentPath, issue.key) : undefined;
      const message =
        suggestion !== undefined
          ? `Unknown field "${issue.key}" in ${place}; did you mean "${suggestion}"? kubectl apply rejects the object.`
          : owner !== undefined
            ? `Unknown field "${issue.key}" in ${place}; "${issue.key}" belongs to ${placeOf(ctx.object, kind, owner)}: check its indentation. kubectl apply rejects the object.`
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
