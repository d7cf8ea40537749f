import type { DiagnoseInput } from '../core/diagnose/types';
import type { KubeEvent, KubeNode, Pod } from '../core/k8s';
import { explainPod } from '../core/diagnose';
import { triage, type OwnerObject, type Triage } from '../core/triage';
import { HttpStatusError } from './errors';
import { readLogTails } from './gather';
import type { ClusterSession } from './index';

/** Page size of the pod list: as kubectl pages, so 2,000 pods are 4 requests. */
const PAGE = 500;

interface TriageRead {
  triage: Triage;
  /** How many API requests the triage took: a fixed number, whatever the number of pods. */
  requests: number;
  /** What could not be read (and why); the triage is then partial. */
  gaps: string[];
}

function scoped(namespace: string | undefined, group: string, plural: string): string {
  const prefix = group === '' ? '/api/v1' : `/apis/${group}`;
  return namespace === undefined
    ? `${prefix}/${plural}`
    : `${prefix}/namespaces/${encodeURIComponent(namespace)}/${plural}`;
}

/**
 * Every pod of a namespace (or of the cluster when `namespace` is undefined) explained and grouped,
 * read with a fixed number of requests: the pods in pages, the events once, the ReplicaSets and
 * Jobs once each (only when a pod is owned by one), the nodes once, then the log tails of each
 * group's representative pod only. Never one request per pod. Only the pod list is required;
 * everything else that fails becomes a gap.
 */
export async function readTriage(
  session: ClusterSession,
  namespace: string | undefined,
  nowMs: () => number = Date.now,
): Promise<TriageRead> {
  let requests = 0;
  const gaps: string[] = [];
  const list = async <T>(path: string): Promise<T[]> => {
    const items: T[] = [];
    let token: string | undefined;
    do {
      requests++;
      const page = await session.client.getJson<{ items?: T[]; metadata?: { continue?: string } }>(path, {
        limit: PAGE,
        continue: token,
      });
      items.push(...(page.items ?? []));
      token = page.metadata?.continue || undefined;
    } while (token);
    return items;
  };
  const tolerate = async <T>(what: string, read: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await read();
    } catch (error) {
      gaps.push(
        `${what}: ${session.fault(error, { action: what, ...(namespace ? { namespace } : {}) }).message}`,
      );
      return [];
    }
  };

  const pods = await list<Pod>(scoped(namespace, '', 'pods'));
  const ownerKinds = new Set(
    pods.flatMap((p) => (p.metadata?.ownerReferences ?? []).map((o) => o.kind ?? '')),
  );
  const [events, replicaSets, jobs, nodes] = await Promise.all([
    tolerate<KubeEvent>('list events', () => list(scoped(namespace, '', 'events'))),
    ownerKinds.has('ReplicaSet')
      ? tolerate<OwnerObject>('list replicasets', () => list(scoped(namespace, 'apps/v1', 'replicasets')))
      : Promise.resolve([]),
    ownerKinds.has('Job')
      ? tolerate<OwnerObject>('list jobs', () => list(scoped(namespace, 'batch/v1', 'jobs')))
      : Promise.resolve([]),
    // A namespace-scoped user may not list nodes: the node-lost diagnosis then goes without.
    pods.some((p) => p.spec?.nodeName)
      ? list<KubeNode>('/api/v1/nodes').catch((error: unknown) => {
          if (error instanceof HttpStatusError && error.statusCode === 403) return [];
          throw error;
        })
      : Promise.resolve([]),
  ]);
  const owners: OwnerObject[] = [
    ...replicaSets.map((o) => ({ ...o, kind: 'ReplicaSet' })),
    ...jobs.map((o) => ({ ...o, kind: 'Job' })),
  ];
  const now = nowMs();
  const scope = { context: session.context, namespace: namespace ?? null };
  const result = triage({ pods, events, owners, nodes, nowMs: now, scope });

  // The example of each group is explained again with its log tails: the crash's own words.
  const byKey = new Map(pods.map((p) => [`${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`, p]));
  const ownersByUid = new Map(owners.map((o) => [o.metadata?.uid ?? '', o]));
  const nodesByName = new Map(nodes.map((n) => [n.metadata?.name ?? '', n]));
  await Promise.all(
    result.groups.map(async (group) => {
      const pod = byKey.get(`${group.example.pod.namespace}/${group.example.pod.name}`);
      if (!pod) return;
      const logs = await readLogTails(session, pod, async <T>(what: string, read: () => Promise<T>) => {
        requests++;
        try {
          return await read();
        } catch (error) {
          gaps.push(`${what}: ${session.fault(error, { action: what }).message}`);
          return undefined;
        }
      });
      const owner = (pod.metadata?.ownerReferences ?? [])
        .map((r) => ownersByUid.get(r.uid ?? ''))
        .filter((o) => o !== undefined);
      const node = nodesByName.get(pod.spec?.nodeName ?? '');
      const input: DiagnoseInput = {
        pod,
        events: events.filter(
          (e) =>
            e.involvedObject?.name === pod.metadata?.name &&
            (e.involvedObject?.namespace ?? e.metadata?.namespace) === pod.metadata?.namespace,
        ),
        logs,
        owners: owner as Record<string, unknown>[],
        ...(node ? { node } : {}),
        nowMs: now,
      };
      const again = explainPod(input);
      // The logs may sharpen the diagnosis; they never move the pod to another group.
      if (again.diagnoses[0]?.id === group.id) group.example = again;
    }),
  );
  return { triage: result, requests, gaps };
}
