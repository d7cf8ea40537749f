import { Schema, YAML11_SCHEMA, timestampTag } from 'js-yaml';
import { detached } from '../text/detach';

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

/** A set of ASCII characters as a table indexed by character code (1: in the set), for hot loops. */
export function asciiSet(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/**
 * First characters of the plain scalars YAML 1.1 reads as something other than a string: null
 * (`~`, `null`), booleans (`y`, `yes`, `n`, `no`, `true`, `false`, `on`, `off` in their cases),
 * numbers (digits, signs, `.5`, `.inf`, `.nan`), the merge key `<<` and the value key `=`.
 */
const MAY_NOT_BE_STRING = asciiSet('~nNyYtTfFoO0123456789+-.<=');

/**
 * The YAML 1.1 value of a plain scalar (a key, a mapping's value or a sequence's item): a scalar
 * whose first character makes it a string is returned as it is, without a lookup.
 */
export function resolvePlainValue(text: string): unknown {
  return text !== '' && MAY_NOT_BE_STRING[text.charCodeAt(0)] !== 1 ? text : resolvePlain(text);
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
    // A copy is kept (see detached); a string value is the text itself, and the copy too.
    const key = detached(text);
    if (value === text) value = key;
    plainValues.set(key, value);
  }
  return value;
}
