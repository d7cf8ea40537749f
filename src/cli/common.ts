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
