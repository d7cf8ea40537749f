import type { Pod } from '../core/k8s';
import { kubectlPodRow, tabwriterLines, type KubectlPodRow } from '../core/status';
import { podCells, podHeader } from './pods-table';
import { watchPods } from './pods-watch';
import {
  CliError,
  formatFlag,
  connectCluster,
  parseFlags,
  untilSignal,
  writeOut,
  type CliCommand,
} from './common';

const HELP = `Usage: pod-doctor pods [--kubeconfig F] [--context C] [-n NS | -A] [-w] [--format text|json]

Lists pods as \`kubectl get pods\` does: NAME, READY, STATUS, RESTARTS and AGE, computed the same
way. The kubeconfig is --kubeconfig, else $KUBECONFIG (a path list, merged as kubectl merges it),
else ~/.kube/config; it is only read. Pods are printed 500 at a time as the list pages arrive,
so memory stays flat on clusters of any size; a column may widen from one page to the next.

Options:
  --kubeconfig FILE          kubeconfig file to use instead of $KUBECONFIG / ~/.kube/config
  --context NAME             kubeconfig context (default: its current-context)
  -n, --namespace NS         namespace (default: the context's, else "default")
  -A, --all-namespaces       pods of every namespace, with a NAMESPACE column
  -w, --watch                after the table, print a row for every change (as kubectl get -w does)
                             until Ctrl-C; it rides out dropped watches and API-server restarts
  --format text|json         json: [{"namespace","name","phase","status","ready","restarts","age","node","color"}]`;

/** The `pods --format json` entry of one pod: kubectl's columns, plus phase, node and color. */
function podJson(row: KubectlPodRow): Record<string, string> {
  const { namespace, name, phase, status, ready, restarts, age, node, color } = row;
  return { namespace, name, phase, status, ready, restarts, age, node, color };
}

function writeRaw(text: string): void {
  process.stdout.write(text);
}

/**
 * Prints pods page by page as the list arrives, holding one page at a time, so that memory stays
 * flat however many pods there are. Text: the header and the first page's rows are aligned
 * together; later pages keep those column widths and widen a column only when a cell does not
 * fit (as \`kubectl get -w\` lines up later rows). kubectl itself reads every chunk before it
 * prints, so its table is aligned as a whole: the two differ only when a later page has a wider
 * cell. JSON: one array, the same bytes as printing it whole. Returns how many pods were printed.
 */
export async function printPodPages(
  pages: AsyncIterable<readonly Pod[]>,
  options: { all: boolean; format: 'text' | 'json'; out: (text: string) => void },
): Promise<number> {
  const { all, format, out } = options;
  const widths: number[] = [];
  let count = 0;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const now = Date.now();
    const rows = page.map((p) => kubectlPodRow(p, now));
    if (format === 'json') {
      const items = rows.map((row) => JSON.stringify(podJson(row), null, 2).replace(/^/gm, '  '));
      out(`${count === 0 ? '[\n' : ',\n'}${items.join(',\n')}`);
    } else {
      const cells = rows.map((row) => podCells(row, all));
      out(`${tabwriterLines(count === 0 ? [podHeader(all), ...cells] : cells, widths).join('\n')}\n`);
    }
    count += rows.length;
  }
  if (format === 'json') out(count === 0 ? '[]\n' : '\n]\n');
  return count;
}

export const command: CliCommand = {
  async run(argv) {
    const { values } = parseFlags(
      argv,
      {
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        'all-namespaces': { type: 'boolean', short: 'A', default: false },
        format: { type: 'string', default: 'text' },
        watch: { type: 'boolean', short: 'w', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      false,
    );
    if (values.help) {
      writeOut(HELP);
      return 0;
    }
    const format = formatFlag('pods', values.format, ['text', 'json'] as const);
    if (values['all-namespaces'] && values.namespace !== undefined) {
      throw new CliError('Use either -n NAMESPACE or -A (all namespaces), not both.');
    }

    if (values.watch && format !== 'text') {
      throw new CliError('--watch prints the text table; leave out --format json.');
    }

    const session = await connectCluster(values);
    const all = values['all-namespaces'];
    const namespace = all ? undefined : (values.namespace ?? session.namespace);
    if (values.watch) {
      return watchPods({ session, namespace, until: untilSignal() });
    }
    let printed: number;
    try {
      printed = await printPodPages(session.podPages(namespace), { all, format, out: writeRaw });
    } catch (error) {
      throw new CliError(
        session.fault(error, { action: 'list pods', ...(namespace ? { namespace } : {}) }).message,
      );
    }
    if (printed === 0 && format === 'text') {
      process.stderr.write(all ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    }
    return 0;
  },
};
