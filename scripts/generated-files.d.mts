/** See generated-files.mjs. */
export function writeOrCheck(files: readonly (readonly [string, string])[], command: string): void;
