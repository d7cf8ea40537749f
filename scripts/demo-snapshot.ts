// Prints what the demo API server serves, stably: every object of every listed resource, the pod
// and event tables, and every container's log, at start-up and after the simulation has played
// 40 s and 10 min more. Diff two runs to prove that a change to src/demo moved nothing it should
// not have.
//
//   npx tsx scripts/demo-snapshot.ts > before.json
//
// The clock is fixed, so times are stable. What only numbers the store's writes
// (resourceVersion, the serial part of event names) is left out, and lists are sorted.
import { request } from 'node:https';
import { startDemoCluster, type DemoCluster } from '../src/demo/index';

const START_MS = Date.UTC(2026, 10, 23, 20, 0, 0);

const LISTS = [
  '/api/v1/namespaces',
  '/api/v1/nodes',
  '/api/v1/pods',
  '/api/v1/events',
  '/apis/apps/v1/deployments',
  '/apis/apps/v1/replicasets',
  '/apis/apps/v1/statefulsets',
  '/apis/batch/v1/jobs',
];
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

type Json = Record<string, unknown>;

function get(cluster: DemoCluster, path: string, accept = 'application/json'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.url}${path}`,
      { ca: cluster.caPem, headers: { Authorization: `Bearer ${cluster.token}`, Accept: accept } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(`${res.statusCode ?? 0} ${body}`));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Drops write counters and sorts object keys, so that only content compares. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Json)
      .filter(([k]) => k !== 'resourceVersion')
      .sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries.map(([k, v]) => [k, stable(v)]));
  }
  return value;
}

function eventKey(event: Json): string {
  const io = (event.involvedObject ?? {}) as Json;
  return [io.namespace, io.kind, io.name, io.fieldPath, event.reason, event.message, event.firstTimestamp]
    .map((v) => String(v ?? ''))
    .join('|');
}

function withoutEventNames(items: Json[]): Json[] {
  return items
    .map((e) => {
      const meta = { ...(e.metadata as Json) };
      meta.name = String(meta.name).replace(/\.[0-9a-f]+$/, '.*');
      delete meta.uid;
      return { ...e, metadata: meta };
    })
    .sort((a, b) => eventKey(a).localeCompare(eventKey(b)));
}

async function snapshot(cluster: DemoCluster): Promise<Json> {
  const out: Json = {};
  for (const path of LISTS) {
    const raw = await get(cluster, path);
    const body = JSON.parse(raw.slice(raw.indexOf(' ') + 1)) as { items: Json[] };
    out[path] = stable(path.endsWith('/events') ? withoutEventNames(body.items) : body.items);
  }
  for (const path of ['/api/v1/pods', '/apis/apps/v1/deployments']) {
    const raw = await get(cluster, path, TABLE);
    const table = JSON.parse(raw.slice(raw.indexOf(' ') + 1)) as Json;
    out[`table ${path}`] = stable({ columns: table.columnDefinitions, rows: table.rows });
  }
  const pods = JSON.parse((await get(cluster, '/api/v1/pods')).replace(/^\d+ /, '')) as { items: Json[] };
  for (const pod of pods.items) {
    const meta = pod.metadata as Json;
    const spec = pod.spec as Json;
    const containers = [...((spec.initContainers as Json[]) ?? []), ...((spec.containers as Json[]) ?? [])];
    for (const c of containers) {
      const base = `/api/v1/namespaces/${String(meta.namespace)}/pods/${String(meta.name)}/log?container=${String(c.name)}&timestamps=true`;
      out[`log ${String(meta.namespace)}/${String(meta.name)}/${String(c.name)}`] = await get(cluster, base);
      out[`previous log ${String(meta.namespace)}/${String(meta.name)}/${String(c.name)}`] = await get(
        cluster,
        `${base}&previous=true`,
      );
    }
  }
  return out;
}

async function main(): Promise<void> {
  const cluster = await startDemoCluster({ now: () => START_MS });
  try {
    const result: Json = { start: await snapshot(cluster) };
    cluster.advance(40);
    result['+40s'] = await snapshot(cluster);
    cluster.advance(560);
    result['+10min'] = await snapshot(cluster);
    process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
  } finally {
    await cluster.close();
  }
}

void main();
