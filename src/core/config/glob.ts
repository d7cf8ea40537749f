import { posix } from 'node:path';

/**
 * Why `glob` cannot be used, or undefined when it can. Node's matcher never rejects a pattern (an
 * unclosed bracket simply matches nothing), so the mistakes that would make a glob silently match
 * nothing are caught here.
 */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'A glob must not be empty.';
  if (glob.includes('\\')) return `The glob "${glob}" uses "\\"; write paths with "/" on every system.`;
  if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob)) {
    return `The glob "${glob}" is absolute; write it relative to the folder of .pod-doctor.yaml.`;
  }
  if (unbalanced(glob, '[', ']')) return `The glob "${glob}" has an unclosed "[".`;
  if (unbalanced(glob, '{', '}')) return `The glob "${glob}" has an unclosed "{".`;
  return undefined;
}

function unbalanced(glob: string, open: string, close: string): boolean {
  let depth = 0;
  for (const ch of glob) {
    if (ch === open) depth++;
    else if (ch === close && depth > 0) depth--;
  }
  return depth !== 0;
}

/**
 * True when `relativePath` (with "/" separators, relative to the config file's folder) matches.
 * As in .gitignore, a glob without "/" matches a file name at any depth, and a glob naming a folder
 * ("vendor/" or "vendor") matches everything below it.
 */
export function matchesGlob(relativePath: string, glob: string): boolean {
  const pattern = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  if (posix.matchesGlob(relativePath, pattern) || posix.matchesGlob(relativePath, `${pattern}/**`))
    return true;
  if (pattern.includes('/')) return false;
  const parts = relativePath.split('/');
  return parts.some(
    (_, i) => posix.matchesGlob(parts.slice(i).join('/'), pattern) || posix.matchesGlob(parts[i]!, pattern),
  );
}
