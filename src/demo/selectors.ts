/**
 * Label and field selectors with the API server's grammar and error messages
 * (k8s.io/apimachinery/pkg/labels and pkg/fields), over plain JSON objects.
 */

export type Json = Record<string, unknown>;
export type Matcher = (object: Json) => boolean;

export class SelectorError extends Error {}

type LabelRequirement =
  | { key: string; op: 'exists' | '!' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] };

/** Splits at commas that are not inside a `(…)` value set. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function parseLabelRequirement(term: string): LabelRequirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (setMatch) {
    const [, key = '', op, values = ''] = setMatch;
    return {
      key,
      op: op === 'in' ? 'in' : 'notin',
      values: values
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    };
  }
  const opMatch = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (opMatch) {
    const [, key = '', op, value = ''] = opMatch;
    return { key, op: op === '!=' ? '!=' : '=', value };
  }
  if (/^![^\s=!(),]+$/.test(term)) return { key: term.slice(1), op: '!' };
  if (/^[^\s=!(),]+$/.test(term)) return { key: term, op: 'exists' };
  throw new SelectorError(
    `unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`,
  );
}

function labelsOf(object: Json): Record<string, string> {
  const metadata = object.metadata as Json | undefined;
  return (metadata?.labels as Record<string, string> | undefined) ?? {};
}

function matchesLabel(labels: Record<string, string>, r: LabelRequirement): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
      return has && value === r.value;
    case '!=':
      return !has || value !== r.value;
    case 'in':
      return has && r.values.includes(value ?? '');
    case 'notin':
      return !has || !r.values.includes(value ?? '');
  }
}

/** `app=web,tier!=db,env in (prod,staging),!canary,release` */
export function labelMatcher(selector: string | null): Matcher {
  if (!selector) return () => true;
  const requirements = splitTerms(selector).map(parseLabelRequirement);
  return (object) => {
    const labels = labelsOf(object);
    return requirements.every((r) => matchesLabel(labels, r));
  };
}

/** The fields of the object an event is about (`involvedObject` in core events, `regarding` in events.k8s.io). */
function referenceFields(reference: string): string[] {
  const fields = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];
  return fields.map((field) => `${reference}.${field}`);
}

const METADATA_FIELDS = ['metadata.name', 'metadata.namespace'];

/**
 * Field selectors each resource supports, as the API server's field label conversion funcs allow.
 * A field reads the path its name spells (`spec.nodeName`), except those in FIELD_PATH_EXCEPTIONS.
 */
const FIELDS: Record<string, readonly string[]> = {
  pods: [
    ...METADATA_FIELDS,
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  events: [
    ...METADATA_FIELDS,
    ...referenceFields('involvedObject'),
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  'events.k8s.io/events': [
    ...METADATA_FIELDS,
    ...referenceFields('regarding'),
    'reason',
    'reportingController',
    'type',
  ],
  nodes: ['metadata.name', 'spec.unschedulable'],
  namespaces: ['metadata.name', 'status.phase'],
};

/** A core event's `source` selects on the component that reported it. */
const FIELD_PATH_EXCEPTIONS: Readonly<Record<string, string[]>> = { source: ['source', 'component'] };

function fieldValue(object: Json, path: string[]): string {
  let node: unknown = object;
  for (const key of path) node = node && typeof node === 'object' ? (node as Json)[key] : undefined;
  if (node === undefined || node === null) return '';
  return typeof node === 'boolean' ? String(node) : String(node);
}

/** `metadata.name=x,status.phase!=Running` for `resource` (plural, or `events.k8s.io/events`). */
export function fieldMatcher(resource: string, selector: string | null): Matcher {
  if (!selector) return () => true;
  const supported = FIELDS[resource] ?? METADATA_FIELDS;
  const requirements = splitTerms(selector).map((term) => {
    const match = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!match) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field = '', op, value = ''] = match;
    if (!supported.includes(field)) throw new SelectorError(`field label not supported: ${field}`);
    const path = FIELD_PATH_EXCEPTIONS[field] ?? field.split('.');
    return { path, negate: op === '!=', value };
  });
  return (object) => requirements.every((r) => (fieldValue(object, r.path) === r.value) !== r.negate);
}
