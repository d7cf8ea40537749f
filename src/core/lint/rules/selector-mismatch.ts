import type { Path } from '../../manifest/types';
import { isObject } from '../../manifest/workloads';
import { didYouMean } from '../../text/suggest';
import type { Rule, RuleContext } from '../types';

/** Kinds whose selector must select their own template (a Job only with `manualSelector: true`). */
const SELECTING_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
  'Job',
]);

export const rule: Rule = {
  id: 'selector-mismatch',
  severity: 'error',
  needsWholeObject: true,
  title: "Workload selector does not match its pod template's labels",
  rationale:
    'A Deployment, StatefulSet, DaemonSet or ReplicaSet owns the pods its selector matches. When the template\'s labels do not satisfy the selector, the API server rejects the object ("selector does not match template labels").',
  remediation:
    'Make every `selector.matchLabels` entry (and `matchExpressions` requirement) hold for `spec.template.metadata.labels`.',
  examples: {
    bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: frontend\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  },
  check(ctx) {
    const template = ctx.templates[0];
    if (!template || !SELECTING_KINDS.has(template.kind)) return;
    const spec = ctx.object['spec'];
    if (!isObject(spec)) return;
    if (template.kind === 'Job' && spec['manualSelector'] !== true) return;
    const selector = spec['selector'];
    if (!isObject(selector)) return;
    const labels = stringLabels(template.labels);
    const kind = template.kind;
    if (kind === 'ReplicationController') {
      checkMatchLabels(ctx, kind, selector, ['spec', 'selector'], labels);
      return;
    }
    const matchLabels = selector['matchLabels'];
    if (isObject(matchLabels))
      checkMatchLabels(ctx, kind, matchLabels, ['spec', 'selector', 'matchLabels'], labels);
    const expressions = selector['matchExpressions'];
    if (!Array.isArray(expressions)) return;
    expressions.forEach((expression: unknown, index) => {
      if (!isObject(expression)) return;
      const problem = unmetRequirement(expression, labels);
      if (problem === undefined) return;
      ctx.report({
        path: ['spec', 'selector', 'matchExpressions', index],
        message: `The ${kind}'s selector requires ${problem}, so the API server rejects the ${kind} ("selector does not match template labels"). Change the requirement or the template's labels so they agree.`,
      });
    });
  },
};

function stringLabels(labels: Readonly<Record<string, unknown>>): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(labels)) {
    if (value !== null && value !== undefined) result.set(key, String(value));
  }
  return result;
}

function checkMatchLabels(
  ctx: RuleContext,
  kind: string,
  matchLabels: Readonly<Record<string, unknown>>,
  path: Path,
  labels: Map<string, string>,
): void {
  for (const [key, raw] of Object.entries(matchLabels)) {
    const wanted = raw === null || raw === undefined ? '' : String(raw);
    const actual = labels.get(key);
    if (actual === wanted) continue;
    if (actual === undefined) {
      const suggestions = didYouMean(key, labels.keys());
      const hint = suggestions[0] !== undefined ? ` (the template has "${suggestions[0]}"; a typo?)` : '';
      ctx.report({
        path: [...path, key],
        on: 'key',
        message: `The ${kind}'s selector requires the label ${key}: ${wanted}, but the pod template has no "${key}" label${hint}, so the API server rejects the ${kind} ("selector does not match template labels"). Add the label to spec.template.metadata.labels.`,
        ...(suggestions.length > 0 ? { suggestions } : {}),
      });
    } else {
      ctx.report({
        path: [...path, key],
        message: `The ${kind}'s selector requires ${key}: ${wanted}, but the pod template says ${key}: ${actual}, so the API server rejects the ${kind} ("selector does not match template labels"). Use the same value in both places.`,
      });
    }
  }
}

/** A sentence fragment describing the unmet requirement, or undefined when the labels satisfy it. */
function unmetRequirement(
  expression: Readonly<Record<string, unknown>>,
  labels: Map<string, string>,
): string | undefined {
  const key = expression['key'];
  const operator = expression['operator'];
  if (typeof key !== 'string' || typeof operator !== 'string') return undefined;
  const values = Array.isArray(expression['values']) ? expression['values'].map(String) : [];
  const actual = labels.get(key);
  const has =
    actual === undefined ? `the template has no "${key}" label` : `the template has ${key}: ${actual}`;
  switch (operator) {
    case 'In':
      return actual !== undefined && values.includes(actual)
        ? undefined
        : `${key} in (${values.join(', ')}) but ${has}`;
    case 'NotIn':
      return actual === undefined || !values.includes(actual)
        ? undefined
        : `${key} not in (${values.join(', ')}) but ${has}`;
    case 'Exists':
      return actual !== undefined ? undefined : `a "${key}" label but ${has}`;
    case 'DoesNotExist':
      return actual === undefined ? undefined : `no "${key}" label but ${has}`;
    default:
      return undefined;
  }
}
