import type { Path } from '../manifest/types';
import { KINDS, TYPES } from './generated';

/**
 * A field type of the catalog: `string`, `integer`, `number`, `boolean`, `IntOrString`, `Quantity`,
 * `RawExtension` (any JSON), a model name (`V1Container`), `array<T>` or `map<T>`.
 */
export type FieldTypeName = string;

export interface FieldInfo {
  /** JSON name, as written in manifests. */
  readonly name: string;
  readonly type: FieldTypeName;
  readonly required: boolean;
}

/** A parsed field type, compiled once per model so the walk never parses type strings. */
export type TypeNode =
  | { readonly kind: 'scalar'; readonly name: ScalarName }
  | { readonly kind: 'model'; readonly name: string }
  | { readonly kind: 'array'; readonly name: string; readonly item: TypeNode }
  | { readonly kind: 'map'; readonly name: string; readonly value: TypeNode };

type ScalarName = 'string' | 'integer' | 'number' | 'boolean' | 'IntOrString' | 'Quantity' | 'RawExtension';

export interface CompiledModel {
  readonly name: string;
  readonly fields: ReadonlyMap<string, { readonly type: TypeNode; readonly required: boolean }>;
  readonly fieldNames: readonly string[];
  readonly required: readonly string[];
}

export interface ResolvedField {
  /** The model at or inside the node's type (`V1Container` for `containers` and `containers[0]`), else the scalar type. */
  readonly typeName: string;
  /** The schema field the path ends in (`containers` for `…containers[0]`, `labels` for `labels.app`). */
  readonly fieldName: string;
  /** The type of the node at the path (`array<V1Container>` for `containers`, `V1Container` for `containers[0]`). */
  readonly type: FieldTypeName;
  /** Whether `fieldName` is required in `parentType`. */
  readonly required: boolean;
  /** The model that declares `fieldName` (empty for the object itself). */
  readonly parentType: string;
}

const SCALARS: ReadonlySet<string> = new Set<ScalarName>([
  'string',
  'integer',
  'number',
  'boolean',
  'IntOrString',
  'Quantity',
  'RawExtension',
]);

const kindsByLowerCase = new Map(Object.keys(KINDS).map((kind) => [kind.toLowerCase(), kind]));

/** The catalog's spelling of a kind, matched case-insensitively (`pod` → `Pod`), or undefined. */
export function knownKind(kind: string): string | undefined {
  return kindsByLowerCase.get(kind.toLowerCase());
}

/** The apiVersion a known kind is served as (`Deployment` → `apps/v1`). */
export function apiVersionOfKind(kind: string): string | undefined {
  const canonical = knownKind(kind);
  return canonical === undefined ? undefined : KINDS[canonical]?.[0];
}

/**
 * True for API groups that belong to Kubernetes itself: the core group (`v1`) and groups without a
 * dot (`apps`, `batch`, `extensions`). Custom resources always live in dotted groups.
 */
export function isBuiltInApiVersion(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  return slash === -1 || !apiVersion.slice(0, slash).includes('.');
}

/**
 * The root model of a kind (`Pod` → `V1Pod`), matched case-insensitively so that a miscased kind
 * is still checked field by field. Undefined for kinds outside the catalog and for custom resources
 * (an apiVersion in a dotted group), which may reuse a built-in kind's name.
 */
export function rootTypeForKind(kind: string, apiVersion?: string): string | undefined {
  if (apiVersion !== undefined && !isBuiltInApiVersion(apiVersion)) return undefined;
  const canonical = knownKind(kind);
  return canonical === undefined ? undefined : KINDS[canonical]?.[1];
}

/** The fields of a model, in JSON-name order; empty for unknown names and scalar types. */
export function fieldsOf(typeName: string): readonly FieldInfo[] {
  const fields = TYPES[typeName];
  if (fields === undefined) return [];
  return Object.entries(fields).map(([name, type]) => ({
    name,
    type: type.endsWith('!') ? type.slice(0, -1) : type,
    required: type.endsWith('!'),
  }));
}

const compiled = new Map<string, CompiledModel | null>();
const parsedTypes = new Map<string, TypeNode>();

/** The model with its field types parsed, or undefined when `name` is not a model. */
export function compiledModel(name: string): CompiledModel | undefined {
  const cached = compiled.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const fields = TYPES[name];
  if (fields === undefined) {
    compiled.set(name, null);
    return undefined;
  }
  const map = new Map<string, { type: TypeNode; required: boolean }>();
  const required: string[] = [];
  for (const [field, spec] of Object.entries(fields)) {
    const isRequired = spec.endsWith('!');
    map.set(field, { type: typeNode(isRequired ? spec.slice(0, -1) : spec), required: isRequired });
    if (isRequired) required.push(field);
  }
  const model: CompiledModel = { name, fields: map, fieldNames: [...map.keys()], required };
  compiled.set(name, model);
  return model;
}

/** The parsed form of a type string (`array<map<string>>` → array of map of string). */
function typeNode(name: string): TypeNode {
  const cached = parsedTypes.get(name);
  if (cached) return cached;
  let node: TypeNode;
  if (name.startsWith('array<') && name.endsWith('>')) {
    node = { kind: 'array', name, item: typeNode(name.slice(6, -1)) };
  } else if (name.startsWith('map<') && name.endsWith('>')) {
    node = { kind: 'map', name, value: typeNode(name.slice(4, -1)) };
  } else if (SCALARS.has(name)) {
    node = { kind: 'scalar', name: name as ScalarName };
  } else {
    node = { kind: 'model', name };
  }
  parsedTypes.set(name, node);
  return node;
}

/** The model inside a type (`array<V1Container>` → `V1Container`), or the scalar type itself. */
function innermostTypeName(node: TypeNode): string {
  if (node.kind === 'array') return innermostTypeName(node.item);
  if (node.kind === 'map') return innermostTypeName(node.value);
  return node.name;
}

/**
 * What the schema says about the node at `path` in an object of `kind`: sequence indexes step into
 * array items, keys of `map<T>` fields into their values. Undefined for unknown kinds, unknown
 * fields and paths inside free-form (`RawExtension`) values.
 */
export function resolveField(kind: string, path: Path, apiVersion?: string): ResolvedField | undefined {
  const root = rootTypeForKind(kind, apiVersion);
  if (root === undefined) return undefined;
  let node: TypeNode = typeNode(root);
  let fieldName = '';
  let parentType = '';
  let required = true;
  for (const step of path) {
    if (node.kind === 'array') {
      if (typeof step !== 'number') return undefined;
      node = node.item;
    } else if (node.kind === 'map') {
      node = node.value;
    } else if (node.kind === 'model') {
      if (typeof step !== 'string') return undefined;
      const field = compiledModel(node.name)?.fields.get(step);
      if (field === undefined) return undefined;
      parentType = node.name;
      fieldName = step;
      required = field.required;
      node = field.type;
    } else {
      return undefined;
    }
  }
  return { typeName: innermostTypeName(node), fieldName, type: node.name, required, parentType };
}

const homesCache = new Map<string, readonly string[]>();

/**
 * Where `key` is declared below `typeName`, breadth first, up to `maxDepth` levels: relative paths
 * such as `template.spec` or `containers[]` (a list's items), shallowest first, at most `max`.
 */
export function nestedHomesOf(typeName: string, key: string, maxDepth = 3, max = 3): readonly string[] {
  const cacheKey = `${typeName}\u0000${key}\u0000${maxDepth}\u0000${max}`;
  const cached = homesCache.get(cacheKey);
  if (cached) return cached;
  const homes: string[] = [];
  let level: { type: string; path: string }[] = [{ type: typeName, path: '' }];
  const seen = new Set([typeName]);
  for (let depth = 0; depth < maxDepth && homes.length === 0 && level.length > 0; depth++) {
    const next: { type: string; path: string }[] = [];
    for (const { type, path } of level) {
      const model = compiledModel(type);
      if (!model) continue;
      for (const [name, field] of model.fields) {
        const node = field.type.kind === 'array' ? field.type.item : field.type;
        if (node.kind !== 'model') continue;
        const step = `${path === '' ? '' : `${path}.`}${name}${field.type.kind === 'array' ? '[]' : ''}`;
        if (compiledModel(node.name)?.fields.has(key)) homes.push(step);
        if (seen.has(node.name)) continue;
        seen.add(node.name);
        next.push({ type: node.name, path: step });
      }
    }
    level = next;
  }
  const result = homes.slice(0, max);
  homesCache.set(cacheKey, result);
  return result;
}
