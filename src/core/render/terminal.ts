import type { Severity } from '../diagnose/types';

/** The ANSI color of each severity in terminal reports: bold red, red, yellow, green. */
export const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  critical: '1;31',
  error: '31',
  warning: '33',
  info: '32',
};

/** Wraps text in an ANSI SGR `code` (`1` bold, `2` dim, `31` red…) when `color` is on. */
export function painter(color: boolean): (code: string, text: string) => string {
  return (code, text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
}
