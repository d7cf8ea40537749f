import { parseArgs, type ParseArgsConfig } from 'node:util';

/** An error the user caused or can fix: printed as one sentence, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface CliCommand {
  run(argv: string[]): Promise<number>;
}

/** `node:util` parseArgs with errors turned into usage errors (exit 2). */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = true,
): ReturnType<typeof parseArgs<{ options: T; allowPositionals: boolean; strict: true; args: string[] }>> {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    throw new CliError(`${message}; run with --help for usage.`);
  }
}

export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * Loads the cluster bundle (@kubernetes/client-node). Its HTTP stack needs Node 22.19 or newer:
 * say so in one sentence instead of crashing on an older Node.
 */
export async function loadCluster(): Promise<typeof import('../cluster/index')> {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 19)) {
    throw new CliError(
      `Talking to a cluster needs Node 22.19 or newer, and this is Node ${process.versions.node}; install a newer Node (see .nvmrc) or run through scripts/env.sh.`,
    );
  }
  return import('../cluster/index');
}

/**
 * A session on the cluster that --kubeconfig and --context name (else $KUBECONFIG and its current
 * context). A kubeconfig that cannot be used is a CliError whose message says what to fix.
 */
export async function connectCluster(flags: {
  kubeconfig?: string | undefined;
  context?: string | undefined;
}): Promise<import('../cluster/index').ClusterSession> {
  const cluster = await loadCluster();
  try {
    return cluster.connect({
      ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
      ...(flags.context !== undefined ? { context: flags.context } : {}),
    });
  } catch (error) {
    if (error instanceof cluster.KubeconfigError) throw new CliError(error.message);
    throw error;
  }
}

/** Checks a `--format` value against the formats a command prints. */
export function formatFlag<T extends string>(command: string, value: string, formats: readonly T[]): T {
  if ((formats as readonly string[]).includes(value)) return value as T;
  const list = `${formats.slice(0, -1).join(', ')} or ${formats.at(-1) ?? ''}`;
  throw new CliError(`Unknown format "${value}" for ${command}; use ${list}.`);
}

/** Resolves on the first Ctrl-C or SIGTERM. */
export function untilSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
