import type { JsonObject, Path } from '../manifest/types';
import { compiledModel, rootTypeForKind, type CompiledModel, type TypeNode } from './catalog';

/** A key the model does not declare. */
export interface UnknownFieldIssue {
  /** Path of the unknown key's entry. */
  readonly path: Path;
  readonly key: string;
  /** The model that lacks the key (`V1Container`). */
  readonly parentType: string;
  /** The model's field names, for did-you-mean. */
  readonly candidates: readonly string[];
}

/** What a value is, as the API server's JSON decoder sees it. */
type ValueShape = 'string' | 'integer' | 'number' | 'boolean' | 'mapping' | 'list';

/** A value whose shape the field's type does not accept. */
export interface TypeIssue {
  readonly path: Path;
  /** The expected type (`integer`, `array<string>`, `V1Probe`, …). */
  readonly expected: TypeNode;
  readonly actual: ValueShape;
  readonly value: unknown;
  /** The field whose value (or item, or map entry) this is. */
  readonly fieldName: string;
}

/** A required field that is absent or null. */
export interface RequiredIssue {
  /** Path of the object that lacks the field ([] for the object itself). */
  readonly parentPath: Path;
  readonly parentType: string;
  readonly field: string;
}

export interface SchemaIssues {
  readonly unknownFields: readonly UnknownFieldIssue[];
  readonly types: readonly TypeIssue[];
  readonly required: readonly RequiredIssue[];
}

const NO_ISSUES: SchemaIssues = { unknownFields: [], types: [], required: [] };

/**
 * Every schema problem of a Kubernetes object, found in one walk over the object with its schema
 * (the schema rules share it: see lint/helpers/schema.ts). Unknown kinds (custom resources) have
 * none; `status` is not checked (the server owns it). `tree`: no node of the object appears twice
 * (see ManifestDocument.tree); otherwise each shared node is checked once.
 */
export function schemaIssues(
  object: JsonObject,
  kind: string,
  apiVersion: string,
  tree = false,
): SchemaIssues {
  const root = rootTypeForKind(kind, apiVersion);
  const model = root === undefined ? undefined : compiledModel(root);
  return model === undefined ? NO_ISSUES : new Walk().run(object, model, tree);
}

/** Strings holding template markup stand for values that are not known yet. */
function isTemplate(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

function shapeOf(value: unknown): ValueShape {
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'mapping';
  }
}

/**
 * Kustomize strategic-merge directives (`$patch`, `$setElementOrder/…`, `$retainKeys`,
 * `$deleteFromPrimitiveList/…`): valid in patches, consumed before the API server sees the object.
 */
function isPatchDirective(key: string): boolean {
  return (
    key === '$patch' ||
    key === '$retainKeys' ||
    key.startsWith('$setElementOrder/') ||
    key.startsWith('$deleteFromPrimitiveList/')
  );
}

class Walk {
  private readonly unknownFields: UnknownFieldIssue[] = [];
  private readonly types: TypeIssue[] = [];
  private readonly required: RequiredIssue[] = [];
  /**
   * YAML aliases share objects: each is checked once, so alias bombs stay linear. Values read
   * without aliases need no record.
   */
  private visited: Set<object> | undefined;
  /** The current path, mutated in place; copied only when an issue is recorded. */
  private readonly path: (string | number)[] = [];

  run(object: JsonObject, model: CompiledModel, tree: boolean): SchemaIssues {
    if (!tree) this.visited = new Set([object]);
    this.model(object, model, true);
    return { unknownFields: this.unknownFields, types: this.types, required: this.required };
  }

  private model(object: JsonObject, model: CompiledModel, isRoot: boolean): void {
    for (const key in object) {
      const field = model.fields.get(key);
      if (field === undefined) {
        if (key.includes('{{') || isPatchDirective(key)) continue;
        this.unknownFields.push({
          path: [...this.path, key],
          key,
          parentType: model.name,
          candidates: model.fieldNames,
        });
        continue;
      }
      if (isRoot && key === 'status') continue;
      this.path.push(key);
      this.value(object[key], field.type, key);
      this.path.pop();
    }
    for (const field of model.required) {
      if (object[field] == null) {
        this.required.push({ parentPath: [...this.path], parentType: model.name, field });
      }
    }
  }

  private value(value: unknown, type: TypeNode, fieldName: string): void {
    // Template text is skipped where it would be a mismatch (in `mismatch`), so that the common
    // case, a string where a string belongs, is not scanned for markup.
    if (value == null) return;
    if (this.visited !== undefined && typeof value === 'object') {
      if (this.visited.has(value)) return;
      this.visited.add(value);
    }
    switch (type.kind) {
      case 'model': {
        const model = compiledModel(type.name);
        if (typeof value !== 'object' || Array.isArray(value)) return this.mismatch(value, type, fieldName);
        if (model) this.model(value as JsonObject, model, false);
        return;
      }
      case 'array': {
        if (!Array.isArray(value)) return this.mismatch(value, type, fieldName);
        for (let i = 0; i < value.length; i++) {
          this.path.push(i);
          this.value(value[i], type.item, fieldName);
          this.path.pop();
        }
        return;
      }
      case 'map': {
        if (typeof value !== 'object' || Array.isArray(value)) return this.mismatch(value, type, fieldName);
        const entries = value as JsonObject;
        for (const key in entries) {
          this.path.push(key);
          this.value(entries[key], type.value, fieldName);
          this.path.pop();
        }
        return;
      }
      case 'scalar':
        if (!scalarAccepts(type.name, value)) this.mismatch(value, type, fieldName);
    }
  }

  private mismatch(value: unknown, expected: TypeNode, fieldName: string): void {
    if (isTemplate(value)) return;
    this.types.push({ path: [...this.path], expected, actual: shapeOf(value), value, fieldName });
  }
}

function scalarAccepts(name: string, value: unknown): boolean {
  switch (name) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'IntOrString':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
    case 'Quantity':
      // Whether the text is a valid quantity is resources-invalid-quantity's concern.
      return typeof value === 'string' || typeof value === 'number';
    default:
      return true;
  }
}
