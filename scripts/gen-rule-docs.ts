// Writes docs/rules.md from the rule metadata. `tsx scripts/gen-rule-docs.ts [--check]`.
import { join } from 'node:path';
import { renderRulesDoc } from '../src/core/lint/docs';
import { allRules } from '../src/core/lint/rules';
import { writeOrCheck } from './generated-files.mjs';

writeOrCheck(
  [[join(import.meta.dirname, '..', 'docs', 'rules.md'), renderRulesDoc(allRules)]],
  'npm run gen:docs',
);
