import type { Path } from '../../manifest/types';
import { knownKind } from '../../schema/catalog';
import { placeOf } from '../../schema/place';
import { schemaIssues, type SchemaIssues } from '../../schema/validate';
import type { RuleContext } from '../types';

/** What the schema rules share: the object's schema issues, and how messages name a place in it. */
export interface SchemaCheck {
  readonly issues: SchemaIssues;
  /** The kind as the schema spells it (`deployment` → `Deployment`). */
  readonly kind: string;
  /** How messages name the place of a path in the object. */
  readonly place: (path: Path) => string;
}

/** The schema rules of one document run one after another: they share the last document's check. */
let last: { readonly ctx: RuleContext; readonly check: SchemaCheck } | undefined;

export function schemaCheck(ctx: RuleContext): SchemaCheck {
  if (last?.ctx === ctx) return last.check;
  const kind = knownKind(ctx.kind) ?? ctx.kind;
  const check: SchemaCheck = {
    issues: schemaIssues(ctx.object, ctx.kind, ctx.apiVersion, ctx.document.tree === true),
    kind,
    place: (path) => placeOf(ctx.object, kind, path),
  };
  last = { ctx, check };
  return check;
}
