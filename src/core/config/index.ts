export { matchesGlob } from './glob';
export { parseConfig } from './parse';
export { effectiveRules, isIgnored } from './resolve';
export * from './types';
export { renderConfigSchema } from './schema';
export { STARTER_CONFIG } from './starter';
