/** What a container's exit code means, and the kubelet's restart back-off. */

const SIGNALS: Readonly<Record<number, string>> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  5: 'SIGTRAP',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  10: 'SIGUSR1',
  11: 'SIGSEGV',
  12: 'SIGUSR2',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
};

export function signalName(signal: number): string {
  return SIGNALS[signal] ?? `signal ${signal}`;
}

/**
 * What common exit codes mean. 128 + n is "killed by signal n" (see `exitCodeMeaning`); 0 depends
 * on the restart policy.
 */
const EXIT_CODE_MEANINGS: Readonly<Record<number, string>> = {
  1: 'application error',
  2: 'misuse of a command or invalid arguments',
  126: 'command found but not executable',
  127: 'command not found',
  128: 'the runtime could not start the process',
  134: 'aborted (SIGABRT)',
  137: 'killed by SIGKILL',
  139: 'segmentation fault (SIGSEGV)',
  143: 'terminated by SIGTERM',
  255: 'exit status -1 or out of range',
};

/** A short phrase for an exit code: `command not found`, `killed by SIGKILL`. */
export function exitCodeMeaning(code: number, restartPolicy = 'Always'): string {
  if (code === 0)
    return restartPolicy === 'Always'
      ? 'exited successfully, but restartPolicy Always expects it to keep running'
      : 'completed successfully';
  const known = EXIT_CODE_MEANINGS[code];
  if (known !== undefined) return known;
  if (code > 128 && code < 160) return `killed by ${signalName(code - 128)}`;
  return 'application error';
}

const BACKOFF_INITIAL_S = 10;
const BACKOFF_MAX_S = 300;

/** The kubelet's crash back-off before the next start after `restarts` restarts: 10 s doubling, capped at 5 min. */
export function restartBackoffSeconds(restarts: number): number {
  return Math.min(BACKOFF_MAX_S, BACKOFF_INITIAL_S * 2 ** Math.max(0, restarts - 1));
}

/** `back-off 2m40s restarting failed container=…` → 160. */
export function backoffFromMessage(message: string | undefined): number | undefined {
  const match = /back-off (\d+m)?(\d+s)? restarting/i.exec(message ?? '');
  if (!match || (!match[1] && !match[2])) return undefined;
  return Number.parseInt(match[1] ?? '0', 10) * 60 + Number.parseInt(match[2] ?? '0', 10);
}
