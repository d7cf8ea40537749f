export { globProblem, matchesGlob } from './glob';
export { parseConfig, type ConfigParseOptions } from './parse';
export { applyLevels, configRulesFor, effectiveRules, isIgnored, type RuleLayers } from './resolve';
export * from './types';
export { renderConfigSchema } from './schema';
export { STARTER_CONFIG } from './starter';
