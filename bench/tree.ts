// bench/tree: what the Pods tree's data costs in all-namespaces mode on clusters of 10,000 and
// 50,000 generated pods (targets: ≤ 1.5 KB retained heap per pod, first render < 3 s, a server
// change reaches the tree model < 100 ms p99, no task > 50 ms while the list streams in, one watch
// and no polling). The demo API server runs in a child process (bench/_tree-server.ts).
//
// Measured in a plain Node process, not in the VS Code extension host: the same modules the tree
// uses (the session's pod watch cache with its trimming, and the tree model's rows per pod, kept
// as the tree keeps its pod nodes), driven as the tree drives them. Baselines, measured in the same
// run: for time, the same pods listed page by page with the same client and no processing; for heap,
// a cache of the same pods kept whole (no trimming). Prints figures; asserts none.
//
//   node --import tsx bench/tree.ts [--sizes 10000,50000] [--runs 3] [--idle 10]
import { spawn } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ClusterSession, loadKubeconfig, podsPath, WatchCache, type PodCache } from '../src/cluster/index';
import type { Pod } from '../src/core/k8s';
import type { KubectlPodRow } from '../src/core/status';
import { GROUP_THRESHOLD, LISTING_REFRESH_MS, podRows, WorkloadIndex } from '../src/extension/tree/model';
import { best, report } from './_report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,50000' },
    runs: { type: 'string', default: '3' },
    idle: { type: 'string', default: '10' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const idleSeconds = Number(values.idle);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Every HTTP request this process makes (client-node goes through node:http/https or undici). */
const requests: string[] = [];
subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: { method: string; path: string } };
  requests.push(`${request.method} ${request.path}`);
});
subscribe('undici:request:create', (message) => {
  const { request } = message as { request: { method: string; path: string } };
  requests.push(`${request.method} ${request.path}`);
});

function heapBytes(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Server {
  send(line: string): void;
  next(): Promise<string>;
  stop(): Promise<void>;
}

function startServer(pods: number, kubeconfig: string): Server {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench', '_tree-server.ts'), String(pods), kubeconfig],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const queue: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else queue.push(line);
  });
  return {
    send: (line) => child.stdin.write(`${line}\n`),
    next: () => {
      const line = queue.shift();
      return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiters.push(resolve));
    },
    stop: async () => {
      child.stdin.write('quit\n');
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** The tree's model: one node per pod with its row, as the tree keeps its pod nodes. */
type TreeModel = Map<string, { pod: Pod; row: KubectlPodRow }>;

/** Watches the event loop: the longest gap between 2 ms ticks (wall and this process's CPU) and the longest GC pause. */
/** node:perf_hooks' GC entry kinds. */
const GC_KINDS: Record<number, string> = { 1: 'minor', 4: 'major', 8: 'incremental', 16: 'weak callbacks' };

function startProbe(): () => {
  wallMs: number;
  cpuMs: number;
  mainCpuMs: number;
  gcMs: number;
  gcKind: string;
} {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let last = performance.now();
  let longest = 0;
  // The machine may be shared: a gap can also be time this process was not scheduled, so the CPU
  // time this process used within the gap is kept too (it includes GC helper threads), and the
  // CPU time of the main thread alone (the task itself, GC pauses included).
  let lastCpu = process.cpuUsage();
  let lastMainCpu = process.threadCpuUsage();
  let longestCpu = 0;
  let longestMainCpu = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const mainCpu = process.threadCpuUsage(lastMainCpu);
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, (cpu.user + cpu.system) / 1000);
    longestMainCpu = Math.max(longestMainCpu, (mainCpu.user + mainCpu.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
    lastMainCpu = process.threadCpuUsage();
  }, 2);
  let longestGcMs = 0;
  let longestGcKind = '';
  const gcs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration <= longestGcMs) continue;
      longestGcMs = entry.duration;
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      longestGcKind = GC_KINDS[kind] ?? String(kind);
    }
  });
  gcs.observe({ entryTypes: ['gc'] });
  delay.enable();
  return () => {
    delay.disable();
    clearInterval(probe);
    gcs.disconnect();
    return {
      wallMs: Math.max(delay.max / 1e6, longest),
      cpuMs: longestCpu,
      mainCpuMs: longestMainCpu,
      gcMs: longestGcMs,
      gcKind: longestGcKind,
    };
  };
}

/**
 * What the Pods tree computes when it draws all namespaces (each namespace row expanded, as in
 * all-namespaces mode): its workload index catches up with the pods that changed (yielding every
 * 250 pods, as the tree's does), then each namespace's counts, and its workload groups when it
 * holds more than GROUP_THRESHOLD pods, else its pod rows.
 */
async function drawTree(cache: PodCache, index: WorkloadIndex): Promise<number> {
  await index.catchUp();
  let rows = 0;
  for (const namespace of cache.namespaces()) {
    await new Promise((r) => setImmediate(r));
    if (cache.namespaceSize(namespace) > GROUP_THRESHOLD) rows += index.groups(namespace).length;
    else rows += podRows(cache.listNamespace(namespace), Date.now()).length;
  }
  return rows;
}

/**
 * Lists all namespaces into a fresh cache while drawing the tree as the tree does: the first rows
 * once the first page is in, then again every LISTING_REFRESH_MS as pages arrive, and at once when
 * the list is complete (the cache's changes go to the tree's workload index, `index`, as they
 * arrive). Returns when the rows were first visible, when the list was complete and drawn, and the
 * longest task seen over all of it.
 */
async function firstRender(
  cache: PodCache,
  index: WorkloadIndex,
): Promise<{
  firstRowsMs: number;
  listMs: number;
  renderMs: number;
  longestTaskMs: number;
  longestTaskCpuMs: number;
  longestTaskMainCpuMs: number;
  longestGcMs: number;
  longestGcKind: string;
}> {
  const stop = startProbe();
  const started = performance.now();
  let firstRowsMs = NaN;
  let drawing: Promise<unknown> = Promise.resolve();
  let scheduled = false;
  let delay = 0;
  const redraw = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      drawing = drawing.then(async () => {
        const rows = await drawTree(cache, index);
        if (rows > 0 && Number.isNaN(firstRowsMs)) firstRowsMs = performance.now() - started;
      });
    }, delay);
    // The first page is drawn at once (the tree's getChildren waits for it); later ones now and then.
    delay = LISTING_REFRESH_MS;
  };
  await new Promise<void>((resolve, reject) => {
    cache.subscribe((event) => {
      if (event.type !== 'change') return;
      index.update(event.changed, event.deleted);
      redraw();
    });
    cache.waitForSync().then(resolve, reject);
  });
  const listed = performance.now();
  // The list is complete: the tree redraws at once (the cache's `state` event refreshes the context
  // node, and getChildren first hands the index what the cache has not handed out yet).
  await drawing;
  cache.flush();
  await drawTree(cache, index);
  const rendered = performance.now();
  const probe = stop();
  return {
    firstRowsMs,
    listMs: listed - started,
    renderMs: rendered - started,
    longestTaskMs: probe.wallMs,
    longestTaskCpuMs: probe.cpuMs,
    longestTaskMainCpuMs: probe.mainCpuMs,
    longestGcMs: probe.gcMs,
    longestGcKind: probe.gcKind,
  };
}

/** Every pod's row kept, as the tree keeps its pod nodes once all are shown (the most it holds). */
function fullModel(cache: PodCache): TreeModel {
  const model: TreeModel = new Map();
  const now = Date.now();
  for (const pod of cache.list()) {
    const [row] = podRows([pod], now);
    model.set(`${pod.metadata?.namespace}/${pod.metadata?.name}`, { pod, row: row! });
  }
  return model;
}

/**
 * Says so when the workload index does not count every pod of the cache (called after the heap
 * readings, it also keeps the index alive until then, as the tree keeps it).
 */
function checkIndex(cache: PodCache, index: WorkloadIndex): void {
  const counted = cache.namespaces().reduce((sum, namespace) => sum + index.counts(namespace).pods, 0);
  if (counted !== cache.size) console.log(`  the workload index counts ${counted} pods of ${cache.size}`);
}

/**
 * The same-run baseline for time: the same pods listed page by page with the same client and no
 * processing (parse only), and the demo server's own CPU time for it.
 */
async function rawList(
  session: ClusterSession,
  server: Server,
): Promise<{ firstPageMs: number; totalMs: number; pages: number; serverCpuMs: number }> {
  server.send('cpu');
  const cpuBefore = Number(await server.next());
  const started = performance.now();
  let firstPageMs = NaN;
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await session.client.getJson<{ metadata?: { continue?: string } }>(podsPath(undefined), {
      limit: 500,
      continue: token,
    });
    pages++;
    if (pages === 1) firstPageMs = performance.now() - started;
    token = page.metadata?.continue || undefined;
  } while (token);
  const totalMs = performance.now() - started;
  server.send('cpu');
  const serverCpuMs = Number(await server.next()) - cpuBefore;
  return { firstPageMs, totalMs, pages, serverCpuMs };
}

/**
 * A server-side change → the cache's event → the pod's row recomputed in the model, and the
 * workload index caught up (firstRender's subscription queued the change in it).
 */
async function changeLatencies(
  server: Server,
  cache: PodCache,
  model: TreeModel,
  index: WorkloadIndex,
  count: number,
): Promise<number[]> {
  const targets = [...model.values()].filter((n) => n.row.status === 'Running').slice(0, count);
  const latencies: number[] = [];
  for (const [i, target] of targets.entries()) {
    const reason = i % 2 === 0 ? 'OOMKilled' : 'Error';
    const key = `${target.row.namespace}/${target.row.name}`;
    const seen = new Promise<number>((resolve) => {
      const subscription = cache.subscribe((event) => {
        if (event.type !== 'change') return;
        const pod = event.changed.find((p) => `${p.metadata?.namespace}/${p.metadata?.name}` === key);
        if (!pod) return;
        const [row] = podRows([pod], Date.now());
        model.set(key, { pod, row: row! });
        subscription.dispose();
        void index.catchUp().then(() => resolve(performance.now()));
      });
    });
    const sent = performance.now();
    server.send(`update ${target.row.namespace} ${target.row.name} ${reason}`);
    latencies.push((await seen) - sent);
    await server.next();
  }
  return latencies;
}

/** One small request first, so that loading the client's modules and TLS set-up is not counted per pod. */
async function warm(session: ClusterSession): Promise<void> {
  await session.client.getJson(podsPath(undefined), { limit: 1 });
  await session.client.getJson(podsPath(undefined), { limit: 1 });
}

async function measure(pods: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-bench-tree-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const server = startServer(pods, kubeconfig);
  const label = pods >= 1000 ? `${Math.round(pods / 1000)}k` : String(pods);
  /** Lets closed watches and their requests end, so that the next heap reading starts clean. */
  const settle = () => new Promise((r) => setTimeout(r, 1_500));
  try {
    const ready = JSON.parse(await server.next()) as { url: string };
    console.log(`demo API server with ${pods} generated pods at ${ready.url} (separate process)`);
    const loaded = loadKubeconfig({ files: [kubeconfig] });

    const firstRows: number[] = [];
    const lists: number[] = [];
    const renders: number[] = [];
    const tasks: number[] = [];
    const cpuTasks: number[] = [];
    const mainCpuTasks: number[] = [];
    const raws: Array<Awaited<ReturnType<typeof rawList>>> = [];
    let perPod = NaN;
    let cachePerPod = NaN;
    for (let run = 0; run < runs; run++) {
      // The baseline first in each run, on the same warm server and client.
      const rawSession = new ClusterSession(loaded, 'pod-doctor-demo');
      await warm(rawSession);
      const raw = await rawList(rawSession, server);
      raws.push(raw);
      rawSession.dispose();
      console.log(
        `  run ${run + 1}: raw paged list (parse only): first page ${raw.firstPageMs.toFixed(0)} ms, ` +
          `${raw.pages} pages in ${raw.totalMs.toFixed(0)} ms; demo server CPU ${raw.serverCpuMs.toFixed(0)} ms ` +
          `(${(raw.serverCpuMs / raw.pages).toFixed(1)} ms per page)`,
      );
      const session = new ClusterSession(loaded, 'pod-doctor-demo');
      await warm(session);
      const heapBefore = heapBytes();
      const cache = session.podCache(undefined);
      // The tree keeps its workload index as long as the cache: it counts in the heap per pod.
      const index = new WorkloadIndex();
      const result = await firstRender(cache, index);
      firstRows.push(result.firstRowsMs);
      lists.push(result.listMs);
      renders.push(result.renderMs);
      tasks.push(result.longestTaskMs);
      cpuTasks.push(result.longestTaskCpuMs);
      mainCpuTasks.push(result.longestTaskMainCpuMs);
      console.log(
        `  run ${run + 1}: first rows at ${result.firstRowsMs.toFixed(0)} ms; ${cache.size} pods listed in ${result.listMs.toFixed(0)} ms ` +
          `(${cache.stats.pages} pages), tree drawn at ${result.renderMs.toFixed(0)} ms; longest task ${result.longestTaskMs.toFixed(1)} ms wall, ` +
          `${result.longestTaskCpuMs.toFixed(1)} ms CPU, ${result.longestTaskMainCpuMs.toFixed(1)} ms main-thread CPU (longest GC pause ${result.longestGcMs.toFixed(1)} ms, ${result.longestGcKind})`,
      );
      if (run === 0) {
        // The cache (trimmed pods), the workload index and every pod's row as the tree keeps them,
        // after a full GC.
        const model = fullModel(cache);
        const heapAll = heapBytes();
        perPod = (heapAll - heapBefore) / cache.size;
        // The same without the rows: what the cache and the index keep.
        model.clear();
        cachePerPod = (heapBytes() - heapBefore) / cache.size;
        checkIndex(cache, index);
        const latencies = await changeLatencies(server, cache, fullModel(cache), index, 40);
        report({ name: `tree.change-to-model.p50.${label}`, value: percentile(latencies, 50), unit: 'ms' });
        report({
          name: `tree.change-to-model.p99.${label}`,
          value: percentile(latencies, 99),
          unit: 'ms',
          target: '< 100 ms',
        });
        const before = requests.length;
        const watchesBefore = cache.stats.watches;
        await new Promise((r) => setTimeout(r, idleSeconds * 1000));
        const idle = requests.slice(before);
        console.log(
          `  requests in ${idleSeconds} idle seconds: ${idle.length}${idle.length ? ` (${[...new Set(idle)].join(', ')})` : ''}; ` +
            `watches opened meanwhile: ${cache.stats.watches - watchesBefore}; since start: ${cache.stats.pages} list pages, ${cache.stats.watches} watch`,
        );
        report({ name: `tree.idle-requests.${label}`, value: idle.length, unit: 'requests', target: '0' });
      }
      session.dispose();
      await settle();
    }

    // Baseline for heap, last so that it cannot inflate the readings above: the same pods kept whole.
    const wholeSession = new ClusterSession(loaded, 'pod-doctor-demo');
    await warm(wholeSession);
    const heapBefore = heapBytes();
    const whole = new WatchCache<Pod>({ client: wholeSession.client, path: podsPath(undefined) });
    const wholeIndex = new WorkloadIndex();
    await firstRender(whole, wholeIndex);
    const wholeModel = fullModel(whole);
    const wholePerPod = (heapBytes() - heapBefore) / whole.size;
    checkIndex(whole, wholeIndex);
    wholeModel.clear();
    whole.close();
    wholeSession.dispose();

    const rawFirst = best(raws.map((r) => r.firstPageMs));
    const rawTotal = best(raws.map((r) => r.totalMs));
    report({
      name: `tree.heap-per-pod.${label}`,
      value: perPod,
      unit: 'B/pod',
      baseline: 'whole pods cached',
      baselineValue: wholePerPod,
      target: '≤ 1536 B',
    });
    // The cache and the tree's workload index, without the rows.
    report({ name: `tree.heap-per-pod-cache-only.${label}`, value: cachePerPod, unit: 'B/pod' });
    report({ name: `tree.heap-per-pod-whole.${label}`, value: wholePerPod, unit: 'B/pod' });
    report({
      name: `tree.first-rows-visible.${label}`,
      value: best(firstRows),
      unit: 'ms',
      baseline: 'raw list, first page',
      baselineValue: rawFirst,
      target: '< 3000 ms',
    });
    report({
      name: `tree.list-complete.${label}`,
      value: best(lists),
      unit: 'ms',
      baseline: 'raw paged list',
      baselineValue: rawTotal,
    });
    report({
      name: `tree.first-render.${label}`,
      value: best(renders),
      unit: 'ms',
      baseline: 'raw paged list',
      baselineValue: rawTotal,
    });
    report({ name: `tree.raw-list.${label}`, value: rawTotal, unit: 'ms' });
    report({
      name: `tree.demo-server-cpu-per-page.${label}`,
      value: best(raws.map((r) => r.serverCpuMs / r.pages)),
      unit: 'ms/page',
    });
    report({
      name: `tree.longest-task-listing.${label}`,
      value: best(tasks),
      unit: 'ms',
      target: '≤ 50 ms',
    });
    report({
      name: `tree.longest-task-listing-cpu.${label}`,
      value: best(cpuTasks),
      unit: 'ms',
      target: '≤ 50 ms',
    });
    report({
      name: `tree.longest-task-listing-main-cpu.${label}`,
      value: best(mainCpuTasks),
      unit: 'ms',
      target: '≤ 50 ms',
    });
    console.log(`  (best of ${runs} for times; heap of the first run, after a full GC)`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const pods of sizes) await measure(pods);
  process.exit(0);
}

void main();
