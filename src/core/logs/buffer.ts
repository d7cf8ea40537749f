/** Lines a followed log keeps; older ones are dropped (and counted) so memory stays bounded. */
export const LOG_LINES_KEPT = 5_000;

/** One line of a container log read with `timestamps=true`: the kubelet's RFC3339Nano time, then the text. */
export interface LogLine {
  /** The timestamp as the server wrote it (`2026-12-07T02:55:01.123456789Z`), or '' when absent. */
  readonly time: string;
  readonly text: string;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) ?/;

/** Splits a `timestamps=true` log line into its time and text (a line without one keeps all as text). */
export function parseLogLine(line: string): LogLine {
  const match = TIMESTAMP.exec(line);
  return match ? { time: match[1] ?? '', text: line.slice(match[0].length) } : { time: '', text: line };
}

/**
 * Compares two RFC3339(Nano) UTC timestamps as instants, to the nanosecond: padding the fraction
 * makes them compare as strings ('' sorts first).
 */
export function compareLogTimes(a: string, b: string): number {
  const norm = (t: string): string => {
    const m = /^(.*?)(?:\.(\d+))?Z$/.exec(t);
    return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : t;
  };
  const [x, y] = [norm(a), norm(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `sinceTime` for resuming after `time`: whole seconds, as the API server parses RFC3339 (it drops fractions). */
export function resumeSinceTime(time: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/.exec(time);
  return m ? `${m[1]}Z` : undefined;
}

/**
 * The last `limit` lines of a followed log. After a reconnect with `sinceTime` (whole seconds, so
 * the server repeats the lines of that second), `resume()` makes `push` skip the lines it already
 * holds: older than the last one, or equal in time and text to one held since that second.
 */
export class LogBuffer {
  private lines: LogLine[] = [];
  /** Lines dropped from the front to stay within the limit. */
  dropped = 0;
  /** Lines of the last kept second that a resumed stream may repeat, by `time\0text`, with counts. */
  private replay: Map<string, number> | undefined;
  private resumeFrom = '';

  constructor(readonly limit = LOG_LINES_KEPT) {}

  get size(): number {
    return this.lines.length;
  }

  all(): readonly LogLine[] {
    return this.lines;
  }

  /** The time of the newest line, '' when there is none with a time. */
  lastTime(): string {
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const time = this.lines[i]?.time;
      if (time) return time;
    }
    return '';
  }

  /** Call before reading a stream resumed with `resumeSinceTime(lastTime())`. */
  resume(): void {
    const last = this.lastTime();
    const since = resumeSinceTime(last);
    if (!since) {
      this.replay = undefined;
      return;
    }
    this.resumeFrom = last;
    this.replay = new Map();
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const line = this.lines[i];
      if (!line?.time || compareLogTimes(line.time, since) < 0) break;
      const key = `${line.time}\0${line.text}`;
      this.replay.set(key, (this.replay.get(key) ?? 0) + 1);
    }
  }

  /** Adds lines; returns the ones that were new (not repeats of a resumed stream). */
  push(incoming: readonly LogLine[]): LogLine[] {
    const fresh: LogLine[] = [];
    for (const line of incoming) {
      if (this.replay && line.time) {
        const order = compareLogTimes(line.time, this.resumeFrom);
        // Older than the newest line held: seen before (or dropped on purpose).
        if (order < 0) continue;
        if (order === 0) {
          const key = `${line.time}\0${line.text}`;
          const seen = this.replay.get(key) ?? 0;
          if (seen > 0) {
            this.replay.set(key, seen - 1);
            continue;
          }
        }
        this.replay = undefined;
      }
      fresh.push(line);
    }
    this.lines.push(...fresh);
    const over = this.lines.length - this.limit;
    if (over > 0) {
      this.lines.splice(0, over);
      this.dropped += over;
    }
    return fresh;
  }

  clear(): void {
    this.lines = [];
    this.dropped = 0;
    this.replay = undefined;
  }
}

/** The log as text: with or without timestamps, only lines containing `search` (any case) when given. */
export function formatLogLines(
  lines: readonly LogLine[],
  options: { timestamps: boolean; search?: string },
): string {
  const needle = options.search?.toLowerCase() ?? '';
  return lines
    .filter((l) => !needle || l.text.toLowerCase().includes(needle))
    .map((l) => (options.timestamps && l.time ? `${l.time} ${l.text}` : l.text))
    .join('\n');
}

/** "Following · last 5,000 lines kept (1,234 earlier dropped)". */
export function logBufferNote(dropped: number, limit = LOG_LINES_KEPT): string {
  const kept = `last ${limit.toLocaleString('en-US')} lines kept`;
  return dropped > 0 ? `${kept} (${dropped.toLocaleString('en-US')} earlier dropped)` : kept;
}
