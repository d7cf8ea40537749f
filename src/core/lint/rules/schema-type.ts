import type { Path } from '../../manifest/types';
import type { TypeNode } from '../../schema/catalog';
import type { TypeIssue } from '../../schema/validate';
import { schemaCheck } from '../helpers/schema';
import type { Fix, Rule, RuleContext } from '../types';

const SHELL_SYNTAX = /[|&;<>()$`\\"'*?~#]/;
const YAML_BOOLEAN_WORDS = /^(?:true|false)$/;
const DECIMAL_INTEGER = /^[-+]?(?:0|[1-9]\d*)$/;
const MAX_QUOTED = 40;

export const rule: Rule = {
  id: 'schema-type',
  severity: 'error',
  title: 'Value of the wrong type',
  rationale:
    'The API server decodes manifests with YAML 1.1 rules into typed fields: `containerPort: "80"` is a string where an integer belongs, an env `value: 8080` or `value: yes` is a number or boolean where a string belongs, and `command: python app.py` is a string where a list belongs. kubectl apply fails to decode such an object and nothing is applied.',
  remediation:
    'Quote values that must be strings (`"8080"`, `"yes"`), unquote numbers and booleans, and write lists as lists (`command: ["python", "app.py"]`).',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: shop/api:2.1\n      ports:\n        - containerPort: "8080"\n      env:\n        - name: PORT\n          value: 8080\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: shop/api:2.1\n      ports:\n        - containerPort: 8080\n      env:\n        - name: PORT\n          value: "8080"\n',
  },
  check(ctx) {
    const { issues, place: placeOf } = schemaCheck(ctx);
    for (const issue of issues.types) {
      const { subject, parentPath } = subjectOf(issue);
      const raw = sourceOf(ctx, issue.path);
      const { problem, advice, fix } = explain(issue, raw, ctx);
      const place = placeOf(parentPath);
      ctx.report({
        path: issue.path,
        message: `${subject} in ${place} must be ${expectation(issue.expected)}, but ${problem}${advice ? `; ${advice}` : ''}. kubectl apply fails to decode the object as it is.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

/** `containerPort`, `command[1]` or `label "tier"`, and the path of the object holding the field. */
function subjectOf(issue: TypeIssue): { subject: string; parentPath: Path } {
  let k = issue.path.length - 1;
  while (k > 0 && issue.path[k] !== issue.fieldName) k--;
  const parentPath = issue.path.slice(0, k);
  const rest = issue.path.slice(k + 1);
  const [first] = rest;
  if (first === undefined) return { subject: `"${issue.fieldName}"`, parentPath };
  if (typeof first === 'number') return { subject: `Item ${first} of "${issue.fieldName}"`, parentPath };
  if (issue.fieldName === 'labels') return { subject: `Label "${first}"`, parentPath };
  if (issue.fieldName === 'annotations') return { subject: `Annotation "${first}"`, parentPath };
  return { subject: `"${issue.fieldName}.${first}"`, parentPath };
}

function expectation(type: TypeNode): string {
  switch (type.kind) {
    case 'array':
      return 'a list';
    case 'map':
    case 'model':
      return 'a mapping of fields';
    case 'scalar':
      switch (type.name) {
        case 'string':
          return 'a string';
        case 'integer':
          return 'a whole number';
        case 'number':
          return 'a number';
        case 'boolean':
          return 'true or false';
        case 'IntOrString':
          return 'a port number or name';
        case 'Quantity':
          return 'a quantity such as 500m or 1Gi';
        default:
          return 'JSON';
      }
  }
}

/** The source text of a plain (unquoted, single-line) scalar, or undefined for anything else. */
function sourceOf(ctx: RuleContext, path: Path): { text: string; plain: boolean } | undefined {
  const location = ctx.locate(path);
  if (!location) return undefined;
  const text = ctx.text.slice(location.value.start, location.value.end);
  const plain = text !== '' && !/^["'|>[{*&!]/.test(text) && !text.includes('\n');
  return { text, plain };
}

function explain(
  issue: TypeIssue,
  raw: { text: string; plain: boolean } | undefined,
  ctx: RuleContext,
): { problem: string; advice?: string; fix?: Fix } {
  const location = ctx.locate(issue.path);
  const replace = (title: string, newText: string): Fix | undefined =>
    location ? { title, edits: [{ range: location.value, newText }] } : undefined;
  const expected = issue.expected;

  if (issue.actual === 'string') {
    const value = issue.value as string;
    const shown = JSON.stringify(value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value);
    if (expected.kind === 'array' && expected.item.kind === 'scalar' && expected.item.name === 'string') {
      const list = SHELL_SYNTAX.test(value)
        ? ['sh', '-c', value]
        : value.split(/\s+/).filter((w) => w !== '');
      const flow = `[${list.map((word) => JSON.stringify(word)).join(', ')}]`;
      const fix = replace(`Write ${issue.fieldName} as a list`, flow);
      return {
        problem: `${shown} is a single string`,
        advice: `write it as ${flow}`,
        ...(fix ? { fix } : {}),
      };
    }
    if (expected.kind === 'scalar') {
      const unquotable =
        ((expected.name === 'integer' || expected.name === 'number' || expected.name === 'IntOrString') &&
          DECIMAL_INTEGER.test(value)) ||
        (expected.name === 'boolean' && YAML_BOOLEAN_WORDS.test(value));
      const fix = unquotable ? replace('Remove the quotes', value) : undefined;
      return {
        problem: `${shown} is a string`,
        ...(unquotable ? { advice: 'remove the quotes' } : {}),
        ...(fix ? { fix } : {}),
      };
    }
    return { problem: `${shown} is a string` };
  }

  if (issue.actual === 'integer' || issue.actual === 'number' || issue.actual === 'boolean') {
    const what = issue.actual === 'boolean' ? 'a boolean' : 'a number';
    const written = raw?.plain ? raw.text : String(issue.value);
    // YAML 1.1 turns some plain words into other values (yes → true, 0755 → 493, 1:30 → 90).
    const surprising = raw?.plain === true && raw.text.toLowerCase() !== String(issue.value);
    const problem =
      issue.actual === 'number' && expected.kind === 'scalar' && expected.name === 'integer'
        ? `${written} has a fraction`
        : surprising
          ? `YAML 1.1 reads ${written} as the ${issue.actual === 'boolean' ? 'boolean' : 'number'} ${String(issue.value)}`
          : `YAML reads ${written} as ${what}`;
    if (expected.kind === 'scalar' && expected.name === 'string' && raw?.plain) {
      const quoted = JSON.stringify(raw.text);
      const fix = replace(`Quote ${raw.text}`, quoted);
      return { problem, advice: `quote it: ${quoted}`, ...(fix ? { fix } : {}) };
    }
    return { problem };
  }

  if (issue.actual === 'list') {
    return {
      problem: 'it is a list',
      ...(expected.kind === 'model' || expected.kind === 'map'
        ? { advice: 'remove the "- " in front of its fields' }
        : {}),
    };
  }
  return {
    problem: 'it is a mapping',
    ...(expected.kind === 'array' ? { advice: 'start each item with "- "' } : {}),
  };
}
