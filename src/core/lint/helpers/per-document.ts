/**
 * Values worked out once per linted document and shared by every rule that asks (containers,
 * probes, declared quantities, schema issues). The engine hands all rules of a document the same
 * context and `templates` array, which key these caches; the rules of one document run one after
 * another, so remembering the last key is enough, and cheaper than a WeakMap lookup per call.
 * (About thirty rules walk the containers or probes of each object; recomputing them per rule cost
 * more than the rules themselves.)
 *
 * The engine forgets them when a lint is done (forgetDocuments): the last document's values hold
 * substrings of its file, and a cache that kept them would keep the whole file's text alive.
 */
const forgets: Array<() => void> = [];

export function perDocument<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  let lastKey: K | undefined;
  let lastValue: V | undefined;
  forgets.push(() => {
    lastKey = undefined;
    lastValue = undefined;
  });
  return (key) => {
    if (key !== lastKey) {
      lastValue = compute(key);
      lastKey = key;
    }
    return lastValue as V;
  };
}

/** Drops every per-document value (called by the engine at the end of a lint). */
export function forgetDocuments(): void {
  for (const forget of forgets) forget();
}
