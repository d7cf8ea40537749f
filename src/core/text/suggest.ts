/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The candidates closest to `word`, best first: case-insensitive equality wins, then edit distance
 * within a third of the word's length (at least 1, at most 3), ties broken by candidate order.
 */
export function didYouMean(word: string, candidates: Iterable<string>, max = 1): string[] {
  const lower = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  const scored: Array<{ candidate: string; score: number; order: number }> = [];
  let order = 0;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const prefix = (c.startsWith(lower) && lower.length >= 3) || (lower.startsWith(c) && c.length >= 4);
    // The distance is at least the difference in length: skip the table when that is already too far.
    if (!prefix && Math.abs(c.length - lower.length) > limit) continue;
    const score = c === lower ? 0 : editDistance(lower, c);
    if (score <= limit || prefix) scored.push({ candidate, score, order: order++ });
  }
  scored.sort((x, y) => x.score - y.score || x.order - y.order);
  return scored.slice(0, max).map((s) => s.candidate);
}
