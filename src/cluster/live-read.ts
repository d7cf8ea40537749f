import type { KubeEvent, Pod } from '../core/k8s';
import { liveFindings } from '../core/live-findings';
import type { Finding, SeveritySetting } from '../core/lint/types';
import type { JsonObject, ParsedFile } from '../core/manifest/types';
import { isObject, podTemplates } from '../core/manifest/workloads';
import { listAll, listPods } from './api';
import { HttpStatusError } from './errors';
import { mapLimited } from './snapshot';
import type { KubeClient } from './transport';

/**
 * Reads what live findings need: the pods and the events of each namespace the manifests name,
 * one list of each per namespace however many manifests share it. A namespace RBAC forbids or
 * that does not exist gives a notice and no findings; it never fails the lint.
 */
export async function liveFindingsOf(
  client: KubeClient,
  files: readonly ParsedFile[],
  objects: readonly JsonObject[],
  options: { namespace: string; nowMs: number; rules?: Readonly<Record<string, SeveritySetting>> },
  notices: Set<string>,
): Promise<Finding[][]> {
  const namespaces = [
    ...new Set(
      objects
        .filter((o) => podTemplates(o).length > 0)
        .map((o) => {
          const ns = isObject(o['metadata']) ? o['metadata']['namespace'] : undefined;
          return typeof ns === 'string' && ns !== '' ? ns : options.namespace;
        }),
    ),
  ].sort();
  const reads = await mapLimited(namespaces, 4, async (namespace) => {
    try {
      const [pods, events] = await Promise.all([
        listPods(client, namespace),
        listAll<KubeEvent>(client, `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`),
      ]);
      return { pods, events };
    } catch (error) {
      if (error instanceof HttpStatusError && (error.statusCode === 403 || error.statusCode === 404)) {
        notices.add(
          error.statusCode === 403
            ? `cannot list pods or events in namespace ${namespace} (forbidden): no live findings there; ask for list permission on pods and events.`
            : `namespace ${namespace} does not exist: no live findings there.`,
        );
        return { pods: [] as Pod[], events: [] as KubeEvent[] };
      }
      throw error;
    }
  });
  const pods = reads.flatMap((r) => r.pods);
  const events = reads.flatMap((r) => r.events);
  return files.map((file) =>
    liveFindings(file, {
      pods,
      events,
      namespace: options.namespace,
      nowMs: options.nowMs,
      ...(options.rules ? { rules: options.rules } : {}),
    }),
  );
}
