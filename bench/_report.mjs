// One result per benchmark figure, in two forms: a readable row for people and one JSON line
// (`{"name","value","unit","baseline","ratio"}`) that bench/run.mjs collects, so that results can
// be compared across commits. `baseline` names what the figure was measured against in the same
// run (or null when the figure is absolute, such as bytes per pod); `ratio` is value / baseline
// value when there is one. `target` is only printed, never asserted.

/**
 * @param {{ name: string, value: number, unit: string, baseline?: string | null,
 *           baselineValue?: number, ratio?: number | null, target?: string }} result
 */
export function report(result) {
  const ratio =
    result.ratio ??
    (result.baselineValue !== undefined && result.baselineValue > 0
      ? result.value / result.baselineValue
      : null);
  const line = {
    name: result.name,
    value: round(result.value),
    unit: result.unit,
    baseline: result.baseline ?? null,
    ratio: ratio === null ? null : round(ratio),
  };
  const readable = `  ${result.name.padEnd(44)} ${String(line.value).padStart(10)} ${result.unit.padEnd(10)}${
    line.ratio !== null ? ` ratio ${line.ratio} vs ${line.baseline}` : ''
  }${result.target ? `  (target ${result.target})` : ''}`;
  console.log(readable);
  console.log(JSON.stringify(line));
}

function round(n) {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000;
}

/** Best (lowest) of the samples, as the benchmarks' "best of N" convention. */
export function best(samples) {
  return Math.min(...samples);
}
