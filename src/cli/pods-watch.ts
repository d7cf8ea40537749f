import type { ClusterSession } from '../cluster/index';
import type { Pod } from '../core/k8s';
import { kubectlPodRow, tabwriterLines } from '../core/status';
import { CliError } from './common';
import { podCells, podHeader } from './pods-table';

export interface WatchPodsOptions {
  session: ClusterSession;
  /** Undefined: every namespace, with a NAMESPACE column. */
  namespace: string | undefined;
  /** The watch stops when this resolves (Ctrl-C in the CLI). */
  until: Promise<void>;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

function sortKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/**
 * `pods -w`: the table, then one row per change, as `kubectl get pods -w` prints them (no header
 * again; later rows keep the table's column widths and only widen a column that a cell overflows).
 * It reads the shared watch cache, which resumes a dropped watch from its last resourceVersion and
 * relists after 410 Gone, so it rides out watch timeouts, proxies' cuts and API-server restarts.
 * A relist prints only pods whose resourceVersion changed, so nothing is printed twice.
 */
export async function watchPods(options: WatchPodsOptions): Promise<number> {
  const { session, namespace } = options;
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const err = options.err ?? ((text: string) => process.stderr.write(text));
  const all = namespace === undefined;
  const cache = session.podCache(namespace);
  const widths: number[] = [];
  /** The resourceVersion last printed per pod, so a relist replaying the same object prints nothing. */
  const printed = new Map<string, string>();
  let synced = false;
  let outage = false;

  const printRows = (pods: readonly Pod[]): void => {
    const now = Date.now();
    const lines = tabwriterLines(
      pods.map((p) => podCells(kubectlPodRow(p, now), all)),
      widths,
    );
    for (const line of lines) out(`${line}\n`);
  };

  const subscription = cache.subscribe((event) => {
    if (event.type === 'state') {
      if (event.error && !outage && synced) {
        outage = true;
        err(`pod-doctor: ${event.error.message} Still watching; rows resume when the cluster answers.\n`);
      } else if (!event.error && event.state === 'watching' && outage) {
        outage = false;
        err('pod-doctor: reconnected; watching again.\n');
      }
      return;
    }
    if (!synced) return;
    const fresh = [...event.changed, ...event.deleted].filter((pod) => {
      const key = sortKey(pod);
      const rv = pod.metadata?.resourceVersion ?? '';
      if (printed.get(key) === rv && rv !== '') return false;
      printed.set(key, rv);
      return true;
    });
    for (const pod of event.deleted) printed.delete(sortKey(pod));
    printRows(fresh);
  });

  try {
    try {
      await Promise.race([cache.waitForSync(), options.until]);
    } catch (error) {
      const fault = error as { message?: string };
      throw new CliError(
        fault.message ??
          session.fault(error, { action: 'watch pods', ...(namespace ? { namespace } : {}) }).message,
      );
    }
    if (!cache.synced) return 0;
    const pods = cache.list().sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    for (const pod of pods) printed.set(sortKey(pod), pod.metadata?.resourceVersion ?? '');
    if (pods.length === 0) {
      err(all ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    } else {
      const now = Date.now();
      const lines = tabwriterLines(
        [podHeader(all), ...pods.map((p) => podCells(kubectlPodRow(p, now), all))],
        widths,
      );
      for (const line of lines) out(`${line}\n`);
    }
    synced = true;
    await options.until;
    return 0;
  } finally {
    subscription.dispose();
    session.dispose();
  }
}
