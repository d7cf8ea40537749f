import { basename } from 'node:path';
import { CliError, type CliCommand } from './common';
import { isLintWorker } from './parallel';
import { VERSION } from './version';

/** One table of commands; each module owns its flags and output. Loaded on demand to keep `lint` fast. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: CliCommand }> }> = {
  lint: {
    summary: 'lint Kubernetes manifests (files, directories or -)',
    load: () => import('./lint'),
  },
  init: {
    summary: 'write a commented .pod-doctor.yaml to start from',
    load: () => import('./init'),
  },
  rules: { summary: 'list the lint rules', load: () => import('./rules') },
  pods: {
    summary: 'list pods as `kubectl get pods` shows them',
    load: () => import('./pods'),
  },
  explain: {
    summary: 'explain why a pod is not healthy (from a cluster or saved JSON)',
    load: () => import('./explain'),
  },
  demo: {
    summary: 'run a demo cluster of failing pods to try Pod Doctor on',
    load: () => import('./demo'),
  },
};

/** `kubectl pod-doctor` when kubectl runs us as its plugin (bin kubectl-pod_doctor), else `pod-doctor`. */
const PROGRAM = basename(process.argv[1] ?? '').startsWith('kubectl-') ? 'kubectl pod-doctor' : 'pod-doctor';

const USAGE = `Usage: ${PROGRAM} <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}

Run \`${PROGRAM} <command> --help\` for a command's options.
As a kubectl plugin (kubectl pod-doctor), the cluster commands take kubectl's -n, -A, --context and --kubeconfig.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) throw new CliError(`Unknown command "${name}"; run \`${PROGRAM} --help\` for the list.`);
  const { command } = await entry.load();
  return command.run(rest);
}

const debug = process.argv.includes('--debug');

/**
 * The reader of our output went away (`pod-doctor lint . | head`, or a closed `pods -w` pipe): stop
 * quietly, as other command-line tools do, instead of failing on the next write.
 */
function stopWhenOutputCloses(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    process.stderr.write(`${PROGRAM}: cannot write the output: ${error.message}.\n`);
    process.exit(2);
  });
}
// In a lint worker thread the parallel module serves its parts instead.
if (!isLintWorker()) {
  stopWhenOutputCloses(process.stdout);
  main(process.argv.slice(2).filter((a) => a !== '--debug')).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof CliError) {
        process.stderr.write(`${PROGRAM}: ${error.message}\n`);
        process.exitCode = error.exitCode;
      } else {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`${PROGRAM}: unexpected error: ${message}. Re-run with --debug for details.\n`);
        if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
        process.exitCode = 2;
      }
    },
  );
}
