export { matchesGlob } from './glob';
export { parseConfig } from './parse';
export { applyLevels, effectiveRules, isIgnored } from './resolve';
export * from './types';
export { renderConfigSchema } from './schema';
export { STARTER_CONFIG } from './starter';
