/**
 * A copy of `text` that keeps nothing else alive. V8 makes a substring of a long string a view into
 * that string, so a cache that outlives a file and keeps a substring of it (an image, a quantity)
 * would keep the whole file's text. Module-level caches store this copy instead; it is made only
 * when an entry is added.
 */
export function detached(text: string): string {
  // Joining makes a string of two parts; slicing it first flattens it into a new string.
  return ` ${text}`.slice(1);
}
