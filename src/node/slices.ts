/**
 * Long synchronous work on a thread shared with something latency-bound (the extension host runs
 * each keystroke's lint): run it in slices and give the thread back between them.
 */

/**
 * Longest slice before letting other work run: a keystroke's diagnostics then wait at most about
 * this long behind a render's findings or a cluster check.
 */
const SLICE_MS = 8;

/** Returns a pause to await between steps: it gives the thread back once the slice has run `SLICE_MS`. */
export function slicer(): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart <= SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
}

/** Runs a generator of steps to its end in slices; resolves to what it returns. */
export async function runInSlices<T>(steps: Generator<void, T>): Promise<T> {
  const pause = slicer();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
