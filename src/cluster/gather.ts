import type { DiagnoseInput } from '../core/diagnose/types';
import type { KubeEvent, KubeNode, Pod } from '../core/k8s';
import type { ClusterSession } from './index';

/** How much of a log the diagnosis reads: enough for a stack trace, small enough to be quick. */
const LOG_TAIL_LINES = 120;

export interface GatheredEvidence extends Omit<DiagnoseInput, 'nowMs'> {
  /** What could not be read (and why), so the explanation can say its evidence is partial. */
  readonly gaps: string[];
}

/**
 * Reads everything the diagnosis engine uses about one pod, in parallel: the pod, its events, its
 * node, its owners and their events, and the log tails that explain a crash (the previous run of
 * every restarted container, the current run of terminated ones). Only the pod itself is required;
 * anything else that fails is reported in `gaps`.
 */
export async function gatherEvidence(
  session: ClusterSession,
  namespace: string,
  name: string,
  known?: Pod,
): Promise<GatheredEvidence> {
  const pod = known ?? (await session.getPod(namespace, name));
  const gaps: string[] = [];
  const tolerate = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      gaps.push(`${what}: ${session.fault(error, { namespace, action: what }).message}`);
      return undefined;
    }
  };
  const nodeName = pod.spec?.nodeName;
  const [events, node, owners, logs, metrics] = await Promise.all([
    tolerate('list events', () => session.listEventsFor(pod)),
    nodeName ? tolerate('get nodes', () => session.getNode(nodeName)) : Promise.resolve(undefined),
    tolerate('read owners', () => session.getOwnerChain(pod)),
    readLogTails(session, pod, tolerate),
    // Usage is extra evidence: a cluster without metrics-server is normal, not a gap.
    session.getPodMetrics(namespace, name).catch(() => undefined),
  ]);
  const ownerObjects = (owners ?? []).flatMap((o) => (o.object ? [o.object] : []));
  const ownerEvents = (
    await Promise.all(
      ownerObjects.map((o) =>
        tolerate('list owner events', () =>
          session.listEventsFor({ ...o, metadata: { ...o.metadata, namespace } } as Pod),
        ),
      ),
    )
  ).flatMap((list) => list ?? []);
  return {
    pod,
    events: events ?? [],
    ...(node ? { node: node as KubeNode } : {}),
    owners: ownerObjects,
    ownerEvents: ownerEvents as KubeEvent[],
    logs,
    ...(metrics ? { metrics } : {}),
    gaps,
  };
}

async function readLogTails(
  session: ClusterSession,
  pod: Pod,
  tolerate: <T>(what: string, read: () => Promise<T>) => Promise<T | undefined>,
): Promise<Record<string, { current?: string; previous?: string }>> {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const reads: Array<Promise<void>> = [];
  const logs: Record<string, { current?: string; previous?: string }> = {};
  for (const status of statuses) {
    const container = status.name;
    if (!container) continue;
    const entry: { current?: string; previous?: string } = {};
    logs[container] = entry;
    if ((status.restartCount ?? 0) > 0 || status.lastState?.terminated) {
      reads.push(
        tolerate('read logs', () =>
          session.readLogs(pod, container, { previous: true, tailLines: LOG_TAIL_LINES }),
        ).then((text) => {
          if (text !== undefined) entry.previous = text;
        }),
      );
    }
    if (status.state?.terminated || status.state?.running) {
      reads.push(
        tolerate('read logs', () => session.readLogs(pod, container, { tailLines: LOG_TAIL_LINES })).then(
          (text) => {
            if (text !== undefined) entry.current = text;
          },
        ),
      );
    }
  }
  await Promise.all(reads);
  return logs;
}
