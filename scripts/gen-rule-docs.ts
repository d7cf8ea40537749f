// Writes docs/rules.md from the rule metadata. `tsx scripts/gen-rule-docs.ts [--check]`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesDoc } from '../src/core/lint/docs';
import { allRules } from '../src/core/lint/rules';

const target = join(import.meta.dirname, '..', 'docs', 'rules.md');
const text = renderRulesDoc(allRules);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // a missing file is stale
  }
  if (current !== text) {
    console.error('docs/rules.md is stale: run `npm run gen:docs`.');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
