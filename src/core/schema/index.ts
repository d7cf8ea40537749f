import type { Path } from '../manifest/types';
import { resolveField } from './catalog';
import descriptions from './descriptions.json';

export {
  apiVersionOfKind,
  fieldsOf,
  isBuiltInApiVersion,
  knownKind,
  resolveField,
  rootTypeForKind,
  type FieldInfo,
  type FieldTypeName,
  type ResolvedField,
} from './catalog';

export interface FieldDescription {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
  readonly required: boolean;
}

const DESCRIPTIONS: Readonly<Record<string, Readonly<Record<string, string>> | undefined>> = descriptions;

/**
 * The field at `path` for a hover: name, type, the API's description and whether it is required.
 * Lives apart from the catalog because the descriptions (~190 KB) are only needed by the editor;
 * the linter imports `./catalog` and `./validate` and does not carry them.
 */
export function describeField(kind: string, path: Path, apiVersion?: string): FieldDescription | undefined {
  const field = resolveField(kind, path, apiVersion);
  if (field === undefined || field.fieldName === '') return undefined;
  const description = DESCRIPTIONS[field.parentType]?.[field.fieldName];
  return {
    name: field.fieldName,
    type: field.type,
    required: field.required,
    ...(description ? { description } : {}),
  };
}
