import type { Path } from '../../manifest/types';
import { knownKind } from '../../schema/catalog';
import { placeOf } from '../../schema/place';
import { schemaIssues, type SchemaIssues } from '../../schema/validate';
import type { RuleContext } from '../types';
import { perDocument } from './per-document';

/** What the schema rules share: the object's schema issues, and how messages name a place in it. */
export interface SchemaCheck {
  readonly issues: SchemaIssues;
  /** The kind as the schema spells it (`deployment` → `Deployment`). */
  readonly kind: string;
  /** How messages name the place of a path in the object. */
  readonly place: (path: Path) => string;
}

/** Worked out once per document and shared by the schema rules (see per-document.ts). */
export const schemaCheck = perDocument((ctx: RuleContext): SchemaCheck => {
  const { object } = ctx;
  const kind = knownKind(ctx.kind) ?? ctx.kind;
  return {
    issues: schemaIssues(object, ctx.kind, ctx.apiVersion, ctx.document.tree === true),
    kind,
    place: (path) => placeOf(object, kind, path),
  };
});
