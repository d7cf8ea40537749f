import type { Pod } from '../core/k8s';
import { kubectlPodRow, type KubectlPodRow } from '../core/status';
import { podTable } from './pods-table';
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
else ~/.kube/config; it is only read.

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
    let pods: Pod[];
    try {
      pods = await session.listPods(namespace);
    } catch (error) {
      throw new CliError(
        session.fault(error, { action: 'list pods', ...(namespace ? { namespace } : {}) }).message,
      );
    }

    const now = Date.now();
    const rows = pods.map((p) => kubectlPodRow(p, now));
    if (format === 'json') {
      writeOut(JSON.stringify(rows.map(podJson), null, 2));
    } else if (rows.length === 0) {
      process.stderr.write(all ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    } else {
      writeOut(podTable(rows, all));
    }
    return 0;
  },
};
