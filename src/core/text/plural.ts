/** The form of a word that agrees with a count: `node`/`nodes`, `has`/`have`; unknown counts are plural. */
export function agree(n: number | undefined, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** `1 file`, `3 files`: a count with its noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${agree(n, one, many)}`;
}
