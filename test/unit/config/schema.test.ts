import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, renderConfigSchema, STARTER_CONFIG } from '../../../src/core/config';
import { allRules, defaultRegistry } from '../../../src/core/lint/rules';

const root = join(__dirname, '..', '..', '..');
const ruleIds = defaultRegistry.rules.map((r) => r.id);

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  description?: string;
}

describe('.pod-doctor.yaml: schema and starter file', () => {
  it('schemas/pod-doctor.schema.json is generated from the rule metadata and current', () => {
    const current = readFileSync(join(root, 'schemas', 'pod-doctor.schema.json'), 'utf8');
    assert.equal(current, renderConfigSchema(allRules), 'the schema is stale: run `npm run gen:docs`');
  });

  it('the schema names exactly the keys the parser accepts, each with a description', () => {
    const schema = JSON.parse(renderConfigSchema(allRules)) as SchemaNode & {
      definitions: { rules: SchemaNode };
    };
    const top = schema.properties ?? {};
    assert.deepEqual(Object.keys(top), [
      'rules',
      'ignore',
      'overrides',
      'kubernetesVersion',
      'kustomize',
      'helm',
    ]);
    assert.deepEqual(Object.keys(top['overrides']?.items?.properties ?? {}), ['files', 'rules']);
    assert.deepEqual(Object.keys(top['kustomize']?.properties ?? {}), ['enabled', 'bin']);
    assert.deepEqual(Object.keys(top['helm']?.properties ?? {}), ['enabled', 'bin', 'values']);
    assert.deepEqual(Object.keys(schema.definitions.rules.properties ?? {}), [...ruleIds].sort());
    for (const [key, node] of Object.entries(top)) assert.ok(node.description, `${key} has no description`);
    // Every key the schema allows is accepted by the parser, and the parser rejects one it does not.
    const all =
      'rules: {}\nignore: []\noverrides: [{files: [a], rules: {}}]\nkubernetesVersion: "1.30"\nkustomize: {enabled: true, bin: k}\nhelm: {enabled: true, bin: h, values: [v.yaml]}\n';
    assert.deepEqual(parseConfig(all, { ruleIds }).problems, []);
    assert.equal(parseConfig('helm: {chart: x}\n', { ruleIds }).problems.length, 1);
  });

  it('the starter file that init writes is valid and changes nothing from the defaults', () => {
    const { config, problems } = parseConfig(STARTER_CONFIG, { ruleIds });
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      rules: {},
      ignore: [],
      overrides: [],
      kustomize: { enabled: true },
      helm: { enabled: true, values: [] },
    });
    // Its commented examples are valid when uncommented.
    const uncommented = STARTER_CONFIG.replace(/^(\s*)# (?=[\w-]+:|- )/gm, '$1');
    assert.deepEqual(parseConfig(uncommented, { ruleIds }).problems, []);
    assert.equal(parseConfig(uncommented, { ruleIds }).config.kubernetesVersion, '1.30');
  });
});
