import type { Pod } from '../k8s';
import { getPath, isObject } from '../manifest/workloads';
import type { JsonObject } from '../manifest/types';
import type { KubectlPodRow } from './pod-row';
import { plural } from '../text/plural';

/**
 * The running pods that a manifest's workload owns: same namespace (the manifest's, else the one
 * shown) and labels matching its selector's `matchLabels` (a bare Pod: the same name). A workload
 * without `matchLabels` is matched by its template labels, as the API defaults the selector to them.
 */
export function podsOfManifest(object: JsonObject, pods: readonly Pod[], defaultNamespace: string): Pod[] {
  const metadata = isObject(object['metadata']) ? object['metadata'] : {};
  const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : defaultNamespace;
  const inNamespace = pods.filter((p) => (p.metadata?.namespace ?? '') === namespace);
  if (object['kind'] === 'Pod') {
    return inNamespace.filter((p) => p.metadata?.name === metadata['name']);
  }
  const selector =
    stringMap(getPath(object, ['spec', 'selector', 'matchLabels'])) ??
    stringMap(getPath(object, ['spec', 'template', 'metadata', 'labels'])) ??
    stringMap(getPath(object, ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels']));
  if (!selector || Object.keys(selector).length === 0) return [];
  return inNamespace.filter((p) => {
    const labels = p.metadata?.labels ?? {};
    return Object.entries(selector).every(([k, v]) => labels[k] === v);
  });
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return undefined;
    out[k] = v;
  }
  return out;
}

/** `3 live pods: 2 CrashLoopBackOff, 1 Running` — failures first, then by count. */
export function livePodsTitle(rows: readonly KubectlPodRow[]): string {
  const counts = new Map<string, { n: number; problem: boolean }>();
  for (const row of rows) {
    const entry = counts.get(row.status) ?? { n: 0, problem: row.problem };
    entry.n++;
    counts.set(row.status, entry);
  }
  const parts = [...counts.entries()]
    .sort(
      (a, b) => Number(b[1].problem) - Number(a[1].problem) || b[1].n - a[1].n || a[0].localeCompare(b[0]),
    )
    .map(([status, { n }]) => `${n} ${status}`);
  return `${plural(rows.length, 'live pod')}: ${parts.join(', ')}`;
}
