// Writes the Kubernetes field catalog of src/core/schema from @kubernetes/client-node's generated
// models, so that `core` knows field names, types and required fields without loading the client.
//   node scripts/gen-schema.mjs           regenerate src/core/schema/models.json and descriptions.json
//   node scripts/gen-schema.mjs --check   exit 1 when the checked-in files differ from what it would write
//
// Names and types come from each model's `attributeTypeMap` (JSON names are in `baseName`); required
// fields and descriptions come from the model's .d.ts (required = declared without `?`). The client
// types resource.Quantity as a plain `string`, so the Quantity fields are listed below by model and
// field; every listed field must exist, so a client upgrade that moves one fails here, loudly.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeOrCheck } from './generated-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const clientDir = dirname(require.resolve('@kubernetes/client-node/package.json'));
const clientVersion = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8')).version;
const modelsDir = join(clientDir, 'dist', 'gen', 'models');
const schemaDir = join(root, 'src', 'core', 'schema');
const modelsPath = join(schemaDir, 'models.json');
const descriptionsPath = join(schemaDir, 'descriptions.json');

/** Kinds the linter knows: kind → [apiVersion, root model]. */
const KINDS = [
  ['Pod', 'v1', 'V1Pod'],
  ['PodTemplate', 'v1', 'V1PodTemplate'],
  ['ReplicationController', 'v1', 'V1ReplicationController'],
  ['Deployment', 'apps/v1', 'V1Deployment'],
  ['ReplicaSet', 'apps/v1', 'V1ReplicaSet'],
  ['StatefulSet', 'apps/v1', 'V1StatefulSet'],
  ['DaemonSet', 'apps/v1', 'V1DaemonSet'],
  ['Job', 'batch/v1', 'V1Job'],
  ['CronJob', 'batch/v1', 'V1CronJob'],
  ['Service', 'v1', 'V1Service'],
  ['ConfigMap', 'v1', 'V1ConfigMap'],
  ['Secret', 'v1', 'V1Secret'],
  ['ServiceAccount', 'v1', 'V1ServiceAccount'],
  ['PersistentVolumeClaim', 'v1', 'V1PersistentVolumeClaim'],
];

/** resource.Quantity fields (the client declares them as `string` or `{ [key: string]: string }`). */
const QUANTITY_FIELDS = [
  'V1ResourceRequirements.limits',
  'V1ResourceRequirements.requests',
  'V1VolumeResourceRequirements.limits',
  'V1VolumeResourceRequirements.requests',
  'V1EmptyDirVolumeSource.sizeLimit',
  'V1PodSpec.overhead',
  'V1ContainerStatus.allocatedResources',
  'V1PodStatus.allocatedResources',
  'V1NodeAllocatableResourceClaimStatus.resources',
  'V1PersistentVolumeClaimStatus.allocatedResources',
  'V1PersistentVolumeClaimStatus.capacity',
];

const MODEL_NAME = /^(?:V\d|Core|Storage|Events|Discovery|Rbac|Authentication|Admission|Flowcontrol)\w*$/;

/** The catalog type of a client type string: string, integer, array<T>, map<T>, IntOrString, a model… */
function catalogType(clientType, format, quantity) {
  const array = /^Array<(.+)>$/.exec(clientType);
  if (array) return `array<${catalogType(array[1], format, quantity)}>`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(clientType);
  if (map) return `map<${catalogType(map[1], format, quantity)}>`;
  if (quantity && clientType === 'string') return 'Quantity';
  switch (clientType) {
    case 'string':
    case 'Date':
      return 'string';
    case 'number':
      return format === 'int32' || format === 'int64' ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    case 'IntOrString':
      return 'IntOrString';
    case 'any':
    case 'object':
      return 'RawExtension';
    default:
      if (MODEL_NAME.test(clientType)) return clientType;
      throw new Error(`gen-schema: unknown client type "${clientType}"; teach catalogType about it.`);
  }
}

function modelNamesIn(type) {
  return type.match(/[A-Z]\w*/g)?.filter((name) => MODEL_NAME.test(name)) ?? [];
}

/** Field docs and optionality from a model's .d.ts: name → { description, required }. */
function declarationsOf(model) {
  const text = readFileSync(join(modelsDir, `${model}.d.ts`), 'utf8');
  const result = new Map();
  const field = /\/\*\*\n((?:\s*\*.*\n)*?)\s*\*\/\n\s*'([^']+)'(\?)?:/g;
  for (const m of text.matchAll(field)) {
    const description = m[1]
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, ''))
      .join(' ')
      .replace(/\\(['"])/g, '$1')
      .replace(/\s+/g, ' ')
      .trim();
    // The client replaces the doc of every IntOrString field with the type's own doc; that says
    // nothing about the field, so such fields get no description.
    const generic = description.startsWith('IntOrString is a type that can hold');
    result.set(m[2], { description: generic ? '' : description, required: m[3] === undefined });
  }
  // Fields without a doc comment still count for optionality.
  for (const m of text.matchAll(/^\s*'([^']+)'(\?)?:/gm)) {
    if (!result.has(m[1])) result.set(m[1], { description: '', required: m[2] === undefined });
  }
  return result;
}

async function build() {
  const quantity = new Set(QUANTITY_FIELDS);
  const usedQuantity = new Set();
  const types = new Map();
  const descriptions = {};
  const queue = KINDS.map(([, , model]) => model);
  while (queue.length > 0) {
    const model = queue.shift();
    if (types.has(model)) continue;
    const module = await import(pathToFileURL(join(modelsDir, `${model}.js`)).href);
    const attributes = module[model]?.attributeTypeMap;
    if (!Array.isArray(attributes)) throw new Error(`gen-schema: ${model} has no attributeTypeMap.`);
    const declarations = declarationsOf(model);
    const fields = {};
    const docs = {};
    for (const attribute of [...attributes].sort((a, b) => (a.baseName < b.baseName ? -1 : 1))) {
      const declared = declarations.get(attribute.name);
      if (!declared) throw new Error(`gen-schema: ${model}.${attribute.name} is not in its .d.ts.`);
      const key = `${model}.${attribute.baseName}`;
      const isQuantity = quantity.has(key);
      if (isQuantity) usedQuantity.add(key);
      const type = catalogType(attribute.type, attribute.format, isQuantity);
      fields[attribute.baseName] = declared.required ? `${type}!` : type;
      if (declared.description) docs[attribute.baseName] = declared.description;
      for (const name of modelNamesIn(attribute.type)) if (!types.has(name)) queue.push(name);
    }
    types.set(model, fields);
    descriptions[model] = docs;
  }
  const missing = QUANTITY_FIELDS.filter((key) => !usedQuantity.has(key));
  if (missing.length > 0) throw new Error(`gen-schema: Quantity fields not found: ${missing.join(', ')}.`);

  const sortedTypes = [...types.keys()].sort();
  // Field types: string, integer, number, boolean, IntOrString, Quantity, RawExtension, a model name,
  // array<T> or map<T>; a trailing `!` marks a field the API requires (see catalog.ts).
  const models = {
    generatedFrom: `@kubernetes/client-node ${clientVersion} by scripts/gen-schema.mjs; do not edit`,
    kinds: Object.fromEntries(KINDS.map(([kind, apiVersion, model]) => [kind, { apiVersion, model }])),
    types: Object.fromEntries(sortedTypes.map((model) => [model, types.get(model)])),
  };
  const sortedDescriptions = Object.fromEntries(sortedTypes.map((model) => [model, descriptions[model]]));
  return {
    models: `${JSON.stringify(models, null, 1)}\n`,
    descriptions: `${JSON.stringify(sortedDescriptions, null, 1)}\n`,
    typeCount: sortedTypes.length,
  };
}

const output = await build();
writeOrCheck(
  [
    [modelsPath, output.models],
    [descriptionsPath, output.descriptions],
  ],
  'npm run gen:schema',
);
if (!process.argv.includes('--check')) {
  console.log(
    `gen-schema: ${output.typeCount} models; models.json ${output.models.length} B, descriptions.json ${output.descriptions.length} B.`,
  );
}
