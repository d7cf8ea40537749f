import type { Rule } from './types';

export interface RuleRegistry {
  readonly rules: readonly Rule[];
  get(id: string): Rule | undefined;
}

const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Indexes rules by id; a duplicate or malformed id is a programming error and throws at load. */
export function createRegistry(rules: readonly Rule[]): RuleRegistry {
  const byId = new Map<string, Rule>();
  for (const rule of rules) {
    if (!RULE_ID.test(rule.id)) throw new Error(`Rule id "${rule.id}" is not kebab-case.`);
    if (byId.has(rule.id)) throw new Error(`Two rules share the id "${rule.id}".`);
    byId.set(rule.id, rule);
  }
  const sorted = [...byId.values()];
  return { rules: sorted, get: (id) => byId.get(id) };
}
