/**
 * Slash-separated path arithmetic for the Kustomize support, kept free of `node:path` so that the
 * core stays platform-neutral. Callers pass absolute paths with forward slashes.
 */

/** `a/./b/../c` → `a/c`; keeps a leading slash and never climbs above the root. */
function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** Resolves `relative` against the directory `dir` (an absolute `relative` stands alone). */
export function joinPath(dir: string, relative: string): string {
  return normalizePath(relative.startsWith('/') ? relative : `${dir}/${relative}`);
}

export function dirnameOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? (path.startsWith('/') ? '/' : '.') : path.slice(0, cut);
}

/** The path of `to` seen from the directory `from`, both absolute; `.` when they are the same. */
export function relativePath(from: string, to: string): string {
  const a = normalizePath(from).split('/').filter(Boolean);
  const b = normalizePath(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const up = a.slice(common).map(() => '..');
  return [...up, ...b.slice(common)].join('/') || '.';
}

/** Remote resources (`github.com/org/repo//dir?ref=v1`, `https://…`) have no local source file. */
export function isRemoteReference(reference: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(reference) ||
    /^(?:github\.com|gitlab\.com|bitbucket\.org|git@)/.test(reference)
  );
}
