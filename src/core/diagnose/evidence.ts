import { timeMillis, type Time } from '../k8s';
import { stripTerminalEscapes } from '../render/escape';
import type { PodEvent } from './events';
import { timesSuffix } from './events';
import type { Cause, Evidence, Likelihood } from './types';

export function isoTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function isoOf(time: Time | undefined): string | undefined {
  return isoTime(timeMillis(time));
}

export function eventEvidence(event: PodEvent, prefix = ''): Evidence {
  const time = isoTime(event.timeMs);
  return {
    source: 'event',
    text: `${prefix}${event.type} ${event.reason}: ${event.message}${timesSuffix(event.count)}`,
    ...(time ? { time } : {}),
  };
}

export function statusEvidence(path: string, text: string, time?: Time): Evidence {
  const iso = isoOf(time);
  return { source: 'status', text, path, ...(iso ? { time: iso } : {}) };
}

export function specEvidence(path: string, text: string): Evidence {
  return { source: 'spec', text, path };
}

export function cause(text: string, likelihood: Likelihood): Cause {
  return { text, likelihood };
}

const RANK: Readonly<Record<Likelihood, number>> = { likely: 0, possible: 1, unlikely: 2 };

/** Causes ranked most likely first, duplicates dropped (first wording wins). */
export function rankCauses(causes: readonly Cause[]): Cause[] {
  const seen = new Set<string>();
  return causes
    .filter((c) => (seen.has(c.text) ? false : (seen.add(c.text), true)))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => RANK[a.c.likelihood] - RANK[b.c.likelihood] || a.i - b.i)
    .map(({ c }) => c);
}

/** The last `n` non-empty lines of a log. */
export function logTail(log: string | undefined, n = 8): string[] {
  if (!log) return [];
  const lines = stripTerminalEscapes(log)
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0);
  return lines.slice(-n);
}

// No leading \b: `RuntimeError:` and `psycopg2.OperationalError:` are the lines that matter.
const ERROR_LINE =
  /(error|exception|fatal|panic|failed|cannot|can't|could not|unable to|not found|denied|refused|killed|segmentation fault|no such file|must be set|NXDOMAIN)\b/i;

/** The last log line that reads like the reason the process stopped. */
export function explainingLogLine(log: string | undefined): string | undefined {
  const lines = logTail(log, 200);
  for (let i = lines.length - 1; i >= 0; i--) {
    if (ERROR_LINE.test(lines[i]!)) return lines[i]!.trim();
  }
  return undefined;
}

/** The newest event matching `test`, or undefined. */
export function newest(events: readonly PodEvent[], test: (e: PodEvent) => boolean): PodEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (test(events[i]!)) return events[i];
  return undefined;
}

/** The text with a final full stop unless it already ends in punctuation. */
export function sentence(text: string): string {
  return /[.!?…:]$/.test(text) ? text : `${text}.`;
}

export function quote(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
