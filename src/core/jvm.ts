/**
 * The JVM's memory options as a container passes them: the one reader the linter (before the pod
 * runs) and the diagnosis engine (after it was OOMKilled) share, so both judge the same heap.
 */
import { isObject } from './manifest/workloads';

/**
 * Environment variables that carry JVM options: the three the JVM itself reads, the
 * long-deprecated `_JAVA_OPTIONS` it still honours, and the ones launch scripts pass on
 * (`JAVA_OPTS`, `JVM_OPTS`, Tomcat's `CATALINA_OPTS`).
 */
const JVM_OPTION_VARIABLES: ReadonlySet<string> = new Set([
  'JAVA_OPTS',
  'JAVA_TOOL_OPTIONS',
  'JDK_JAVA_OPTIONS',
  '_JAVA_OPTIONS',
  'JVM_OPTS',
  'CATALINA_OPTS',
]);

const SIZE_OPTION = /-(Xmx|XX:MaxHeapSize=|XX:MaxRAM=)(\d+)([kKmMgGtT]?)(?![\w.])/g;
const PERCENTAGE_OPTION = /-XX:MaxRAMPercentage=(\d+(?:\.\d+)?)/g;
/** The JVM's size suffixes are binary. */
const UNIT_POWERS: Readonly<Record<string, number>> = { '': 0, k: 1, m: 2, g: 3, t: 4 };

/** One string a container passes to its JVM: a command or args entry, or an env value. */
export type JvmOptionSource =
  | { readonly field: 'command' | 'args'; readonly index: number; readonly text: string }
  | { readonly field: 'env'; readonly index: number; readonly name: string; readonly text: string };

export type JvmMemoryOption =
  /** `-Xmx2g` or `-XX:MaxHeapSize=2g`: the heap's upper bound. */
  | { readonly kind: 'max-heap'; readonly flag: string; readonly bytes: bigint }
  /** `-XX:MaxRAM=4g`: the memory the JVM assumes it has, instead of the container limit. */
  | { readonly kind: 'max-ram'; readonly flag: string; readonly bytes: bigint }
  /** `-XX:MaxRAMPercentage=75`: the heap as a share of that memory. */
  | { readonly kind: 'max-ram-percentage'; readonly flag: string; readonly percentage: number };

/**
 * The strings of a container that can hold JVM memory options, in the order the engine reads them:
 * each command entry, each args entry, then the values of the JVM's option variables. Other
 * variables are not read even when they hold `-Xmx`: a script may pass them on, or never use them.
 * Template text (`{{ }}`) is skipped.
 */
export function jvmOptionSources(container: Readonly<Record<string, unknown>>): JvmOptionSource[] {
  // Called for every container linted: only strings that name an option are kept (or allocated).
  const found: JvmOptionSource[] = [];
  for (const field of ['command', 'args'] as const) {
    const list = container[field];
    if (!Array.isArray(list)) continue;
    for (let index = 0; index < list.length; index++) {
      const text: unknown = list[index];
      if (typeof text === 'string' && mayHoldOptions(text)) found.push({ field, index, text });
    }
  }
  const env = container['env'];
  if (Array.isArray(env)) {
    for (let index = 0; index < env.length; index++) {
      const entry: unknown = env[index];
      if (!isObject(entry) || typeof entry['value'] !== 'string') continue;
      const name = typeof entry['name'] === 'string' ? entry['name'] : '';
      const text = entry['value'];
      if (JVM_OPTION_VARIABLES.has(name) && mayHoldOptions(text))
        found.push({ field: 'env', index, name, text });
    }
  }
  return found;
}

function mayHoldOptions(text: string): boolean {
  return text.includes('-X') && !text.includes('{{');
}

/** The memory options in one string, in the order they appear. */
export function jvmMemoryOptions(text: string): JvmMemoryOption[] {
  const found: Array<{ at: number; option: JvmMemoryOption }> = [];
  for (const match of text.matchAll(PERCENTAGE_OPTION)) {
    found.push({
      at: match.index,
      option: { kind: 'max-ram-percentage', flag: match[0], percentage: Number(match[1]) },
    });
  }
  for (const match of text.matchAll(SIZE_OPTION)) {
    const bytes = jvmSizeBytes(`${match[2] ?? ''}${match[3] ?? ''}`) ?? 0n;
    const kind = match[1] === 'XX:MaxRAM=' ? 'max-ram' : 'max-heap';
    found.push({ at: match.index, option: { kind, flag: match[0], bytes } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.option);
}

/** Bytes of a JVM size (`512m`, `2g`, `1024k`, `2147483648`), or undefined when it is not one. */
export function jvmSizeBytes(size: string): bigint | undefined {
  const match = /^(\d+)([kKmMgGtT]?)$/.exec(size);
  if (!match) return undefined;
  return BigInt(match[1] ?? '0') * 1024n ** BigInt(UNIT_POWERS[(match[2] ?? '').toLowerCase()] ?? 0);
}

export interface JvmHeap {
  readonly bytes: number;
  /** The option that sets it, as written (`-Xmx1g`, `-XX:MaxRAMPercentage=95`). */
  readonly flag: string;
  readonly source: JvmOptionSource;
}

/**
 * The heap cap a container's JVM is given: the first `-Xmx` or `-XX:MaxHeapSize`, otherwise the
 * first `-XX:MaxRAMPercentage` of `-XX:MaxRAM` or, without it, of the memory limit. Undefined when
 * the container sets none of them (the JVM then takes a quarter of the limit).
 */
export function jvmHeap(
  container: Readonly<Record<string, unknown>>,
  limitBytes?: number,
): JvmHeap | undefined {
  const options = jvmOptionSources(container).flatMap((source) =>
    jvmMemoryOptions(source.text).map((option) => ({ option, source })),
  );
  for (const { option, source } of options) {
    if (option.kind === 'max-heap') return { bytes: Number(option.bytes), flag: option.flag, source };
  }
  const percentage = options.find((o) => o.option.kind === 'max-ram-percentage');
  if (percentage?.option.kind !== 'max-ram-percentage') return undefined;
  const maxRam = options.find((o) => o.option.kind === 'max-ram');
  const ram = maxRam?.option.kind === 'max-ram' ? Number(maxRam.option.bytes) : limitBytes;
  if (ram === undefined) return undefined;
  return {
    bytes: Math.floor((ram * percentage.option.percentage) / 100),
    flag: percentage.option.flag,
    source: percentage.source,
  };
}
