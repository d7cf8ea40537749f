import { Schema, YAML11_SCHEMA, timestampTag } from 'js-yaml';

/**
 * The API server decodes YAML 1.1 (sigs.k8s.io/yaml over go-yaml v2): `yes`/`on`/`y` are booleans and
 * `0755` is octal. Timestamps stay strings, as they do when decoded into JSON.
 */
export const KUBERNETES_YAML_SCHEMA = new Schema(YAML11_SCHEMA.tags.filter((tag) => tag !== timestampTag));

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** What resolvePlain gives for `<<`: a merge key, which only js-yaml's constructor applies. */
export const MERGE_KEY = Symbol('merge key');
/** Plain scalars repeat (keys, `true`, `http`): their YAML 1.1 values, which are primitives. */
const plainValues = new Map<string, unknown>();
const PLAIN_CACHE_LIMIT = 10_000;

/**
 * First characters of the plain scalars YAML 1.1 reads as something other than a string: null
 * (`~`, `null`), booleans (`y`, `yes`, `n`, `no`, `true`, `false`, `on`, `off` in their cases),
 * numbers (digits, signs, `.5`, `.inf`, `.nan`), the merge key `<<` and the value key `=`.
 */
const MAY_NOT_BE_STRING = new Set([...'~nNyYtTfFoO0123456789+-.<='].map((c) => c.charCodeAt(0)));

/**
 * The YAML 1.1 value of a plain scalar that is a mapping's value or a sequence's item: a scalar
 * that can only be a string is not looked up (values, unlike keys, gain nothing from one shared
 * string per spelling).
 */
export function resolvePlainValue(text: string): unknown {
  return text !== '' && !MAY_NOT_BE_STRING.has(text.charCodeAt(0)) ? text : resolvePlain(text);
}

/** The YAML 1.1 value of a plain (unquoted, untagged) scalar, as js-yaml resolves it. */
export function resolvePlain(text: string): unknown {
  let value = plainValues.get(text);
  if (value === undefined && !plainValues.has(text)) {
    const resolved = KUBERNETES_YAML_SCHEMA.resolveImplicitScalarTag(text);
    value = resolved.tag.tagName === MERGE_TAG ? MERGE_KEY : resolved.value;
    // Only primitives are shared between documents; an object would be one value in two places.
    if (typeof value === 'object' && value !== null) return value;
    if (plainValues.size >= PLAIN_CACHE_LIMIT) plainValues.clear();
    plainValues.set(text, value);
  }
  return value;
}

/** Values read without aliases: no node appears twice in them. */
const TREES = new WeakSet<object>();

/** Records that `value` was read without aliases (see isTree). */
export function markTree(value: unknown): void {
  if (typeof value === 'object' && value !== null) TREES.add(value);
}

/**
 * True when `value` is known to hold no node twice (no YAML alias made two places share one
 * object), so a walk over it needs no record of what it has visited.
 */
export function isTree(value: object): boolean {
  return TREES.has(value);
}
