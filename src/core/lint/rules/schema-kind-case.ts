import { isBuiltInApiVersion, knownKind } from '../../schema/catalog';
import { replaceTopLevelValue } from '../helpers/fixes';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'schema-kind-case',
  severity: 'error',
  title: 'Kind spelled with the wrong case',
  rationale:
    'Kinds are case-sensitive: `kind: pod` or `kind: deployment` is not a kind the API server knows, so `kubectl apply` fails with "no matches for kind" and nothing is created.',
  remediation: 'Spell the kind as the API does: `Pod`, `Deployment`, `StatefulSet`, `CronJob`, …',
  examples: {
    bad: 'apiVersion: v1\nkind: pod\nmetadata:\n  name: web\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n',
  },
  check(ctx) {
    const canonical = knownKind(ctx.kind);
    if (canonical === undefined || canonical === ctx.kind || !isBuiltInApiVersion(ctx.apiVersion)) return;
    ctx.report(
      replaceTopLevelValue(
        ctx,
        'kind',
        `Kind "${ctx.kind}" must be spelled "${canonical}": kinds are case-sensitive, and kubectl apply fails with "no matches for kind".`,
        canonical,
      ),
    );
  },
};
