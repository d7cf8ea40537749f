// Writes docs/rules.md and the config file's schema from the rule metadata. `tsx scripts/gen-rule-docs.ts [--check]`.
import { join } from 'node:path';
import { renderConfigSchema } from '../src/core/config/schema';
import { renderRulesDoc } from '../src/core/lint/docs';
import { allRules } from '../src/core/lint/rules';
import { writeOrCheck } from './generated-files.mjs';

writeOrCheck(
  [
    [join(import.meta.dirname, '..', 'docs', 'rules.md'), renderRulesDoc(allRules)],
    [join(import.meta.dirname, '..', 'schemas', 'pod-doctor.schema.json'), renderConfigSchema(allRules)],
  ],
  'npm run gen:docs',
);
