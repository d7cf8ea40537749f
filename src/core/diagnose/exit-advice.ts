/**
 * Why a container exits with a given code, and what to change: the exit-code matrix that
 * crash-loop and failed share. Each row names its codes; the first row that matches is used.
 */
import type { ContainerInfo, DiagnoseContext } from './context';
import { cause, quote } from './evidence';
import { signalName } from './exit-codes';
import { nodeSystemOom } from './runs';
import type { Cause, Fix } from './types';

const SHELL_IMAGES =
  /^(?:[^/]+\/)*(busybox|alpine|ubuntu|debian|centos|fedora|rockylinux|almalinux|amazonlinux|archlinux|opensuse\/leap)(?::|@|$)/;

/** Causes of an exit with code 0 under restartPolicy Always: nothing stays in the foreground. */
function zeroExitCauses(c: ContainerInfo): { causes: Cause[]; fixes: Fix[] } {
  const command = [
    ...((c.spec?.['command'] as unknown[] | undefined) ?? []),
    ...((c.spec?.['args'] as unknown[] | undefined) ?? []),
  ]
    .map(String)
    .join(' ');
  const image = typeof c.spec?.image === 'string' ? c.spec.image : '';
  const causes: Cause[] = [];
  if (
    /&\s*$|&\s*(;|\n)|\bnohup\b|\bservice \S+ start\b|\bstartup\.sh\b|\s-d\b|--daemon|\bdaemonize\b/.test(
      command,
    )
  ) {
    causes.push(
      cause(
        `The command starts its work in the background and returns (${quote(command, 100)}): PID 1 exits, so the container stops.`,
        'likely',
      ),
    );
  }
  if (command === '' && SHELL_IMAGES.test(image)) {
    causes.push(
      cause(
        `The image ${image} runs a shell by default, which exits at once without a terminal: the container has no command.`,
        'likely',
      ),
    );
  }
  causes.push(
    cause(
      'The program does a finite job and exits: it should run as a Job, not under a controller that restarts it.',
      causes.length === 0 ? 'likely' : 'possible',
    ),
  );
  return {
    causes,
    fixes: [
      {
        text: 'Run the main process in the foreground (exec it as PID 1, no "&", no "service … start").',
        specPath: `${c.specPath}.command`,
      },
      { text: 'If the work is meant to finish, use a Job (restartPolicy: OnFailure) instead.' },
    ],
  };
}

const LOG_CAUSES: ReadonlyArray<[RegExp, string]> = [
  [
    /exec format error/i,
    'The binary is built for another CPU architecture than the node (e.g. amd64 image on an arm64 node).',
  ],
  [
    /address already in use|EADDRINUSE/i,
    'The port it binds is already taken (two processes, or hostNetwork clashing with something on the node).',
  ],
  [
    /Cannot find module|ModuleNotFoundError|ImportError|ClassNotFoundException|NoClassDefFoundError/,
    'A module or class is missing from the image (a build or packaging mistake).',
  ],
  [
    /no such file or directory|FileNotFoundException|ENOENT/i,
    'A file it needs is missing: a config file that should come from a ConfigMap or volume, or a wrong path.',
  ],
  [
    /permission denied|EACCES|Operation not permitted/i,
    'It lacks permission for a file or port (running as non-root, read-only root filesystem, or a port below 1024).',
  ],
  [
    /connection refused|ECONNREFUSED|could not connect|Connection timed out|no such host|getaddrinfo|UnknownHostException/i,
    'A dependency it connects to at startup (database, cache, API) is not reachable and it exits instead of retrying.',
  ],
  [
    /environment variable|env var|is not set|must be set|missing required/i,
    'A required setting (environment variable, flag) is missing.',
  ],
  [
    /OutOfMemoryError|out of memory|Cannot allocate memory/i,
    'It runs out of memory inside its own heap (raise -Xmx / the limit).',
  ],
  [
    /panic:|goroutine \d+ \[running\]|Traceback \(most recent call last\)|Exception in thread "main"|Unhandled exception|UnhandledPromiseRejection/,
    'The application crashes with an unhandled error at startup (see the log lines).',
  ],
];

export function logCauses(log: string | undefined): Cause[] {
  if (!log) return [];
  return LOG_CAUSES.filter(([re]) => re.test(log)).map(([, text]) => cause(text, 'likely'));
}

function sigkillCauses(ctx: DiagnoseContext): Cause[] {
  const out: Cause[] = [];
  if (ctx.pod.metadata?.deletionTimestamp)
    out.push(
      cause(
        'The pod is being deleted and the process did not exit on SIGTERM within the grace period, so it was killed.',
        'likely',
      ),
    );
  if (ctx.events.some((e) => e.reason === 'Preempting' || e.reason === 'Preempted' || e.reason === 'Evicted'))
    out.push(cause('The pod was evicted or preempted.', 'likely'));
  if (nodeSystemOom(ctx))
    out.push(cause('The node ran out of memory (SystemOOM) and the kernel killed the process.', 'likely'));
  out.push(
    cause(
      "Something sent SIGKILL outside the kubelet's probes: the kernel OOM killer for a child process, or a manual kill; check `kubectl get events` and the node's kernel log (dmesg).",
      out.length === 0 ? 'likely' : 'possible',
    ),
  );
  return out;
}

export interface ExitFacts {
  ctx: DiagnoseContext;
  c: ContainerInfo;
  code: number;
  /** The log line that reads like the reason it stopped. */
  line: string | undefined;
  /** The container's current state is terminated (read its log, not --previous). */
  terminated: boolean;
}

export interface ExitAdvice {
  causes: Cause[];
  fixes: Fix[];
  /** The exit code says more than the log does: its causes go before those the log suggests. */
  beforeLog?: boolean;
}

interface ExitRow {
  /** The codes it explains: a list, or a test. */
  codes: readonly number[] | ((code: number, ctx: DiagnoseContext) => boolean);
  advice: (f: ExitFacts) => ExitAdvice;
}

/**
 * A code that says the container's command line is wrong (missing, not executable, rejected): one
 * likely cause, which outranks what the log suggests, and a fix in the container's `field`.
 */
function commandLineAdvice(
  causeText: (f: ExitFacts) => string,
  fixText: string,
  field: 'command' | 'args',
): (f: ExitFacts) => ExitAdvice {
  return (f) => ({
    beforeLog: true,
    causes: [cause(causeText(f), 'likely')],
    fixes: [{ text: fixText, specPath: `${f.c.specPath}.${field}` }],
  });
}

const EXIT_ROWS: readonly ExitRow[] = [
  {
    codes: (code, ctx) => code === 0 && ctx.restartPolicy === 'Always',
    advice: ({ c }) => zeroExitCauses(c),
  },
  {
    codes: [127],
    advice: commandLineAdvice(
      ({ line }) =>
        `A command does not exist in the image${line ? ` (${quote(line, 120)})` : ''}: a typo, a tool missing from a slim image, or a script run by a shell that lacks it.`,
      'Use a command that exists in the image, or install it in the Dockerfile.',
      'command',
    ),
  },
  {
    codes: [126],
    advice: commandLineAdvice(
      () =>
        'The command exists but cannot be executed: no execute bit, a directory, or a script for an interpreter the image lacks.',
      'chmod +x it in the image, or run it through its interpreter (["sh", "script.sh"]).',
      'command',
    ),
  },
  {
    codes: [2],
    advice: commandLineAdvice(
      () =>
        'The program rejected its command line (unknown flag, missing argument) or a shell script has a syntax error.',
      "Check the flags against the program's --help for this image version.",
      'args',
    ),
  },
  {
    codes: [137],
    advice: ({ ctx, c }) => ({
      causes: sigkillCauses(ctx),
      fixes: [
        {
          text: 'Find who sent SIGKILL (events, node kernel log); if it is memory, raise the memory limit.',
          specPath: `${c.specPath}.resources.limits.memory`,
        },
      ],
    }),
  },
  {
    codes: [143],
    advice: () => ({
      causes: [
        cause(
          'Something asked the container to stop with SIGTERM (a kubelet kill after a failed probe or hook, a node drain, or a supervisor inside the container).',
          'likely',
        ),
      ],
      fixes: [{ text: 'Check the events around the exit time for Killing or eviction entries.' }],
    }),
  },
  {
    codes: [139],
    advice: () => ({
      causes: [
        cause(
          'The process crashed with a segmentation fault: a native library bug, or a binary built for a different libc (glibc binary on alpine/musl) or CPU.',
          'likely',
        ),
      ],
      fixes: [
        {
          text: 'Run the same image locally with the same arguments; check that native dependencies match the base image.',
        },
      ],
    }),
  },
  {
    codes: [134],
    advice: () => ({
      causes: [
        cause(
          'The process aborted itself (failed assertion, fatal runtime error, JVM/Node crash).',
          'likely',
        ),
      ],
      fixes: [],
    }),
  },
  {
    codes: (code) => code > 128 && code < 160,
    advice: ({ code }) => ({
      causes: [cause(`The process was killed by ${signalName(code - 128)}.`, 'likely')],
      fixes: [],
    }),
  },
  {
    // Everything else: an application error the log explains best.
    codes: () => true,
    advice: ({ ctx, c, line, terminated }) => ({
      causes: [
        ...(line ? [cause(`The application reports: ${quote(line, 200)}`, 'likely')] : []),
        cause(
          "The application exits with an error at startup: read the previous run's log for the reason (configuration, a dependency, a bad argument).",
          line ? 'possible' : 'likely',
        ),
      ],
      fixes: [
        {
          text: `Read the ${terminated ? 'container' : "crashed run's"} log: kubectl logs ${ctx.name} -c ${c.name}${terminated ? '' : ' --previous'} -n ${ctx.namespace}.`,
        },
      ],
    }),
  },
];

/** The causes and fixes the exit code points to (the first matching row of the matrix). */
export function exitAdvice(f: ExitFacts): ExitAdvice {
  const row = EXIT_ROWS.find((r) =>
    typeof r.codes === 'function' ? r.codes(f.code, f.ctx) : r.codes.includes(f.code),
  );
  return row ? row.advice(f) : { causes: [], fixes: [] };
}
