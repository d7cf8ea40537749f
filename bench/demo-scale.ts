// bench/demo-scale: the demo API server with 10,000 generated pods. Start-up, a full paged list over
// HTTPS (limit=500, as kubectl and informers page), one unpaged list, and a watch event's delivery
// time, against JSON.stringify + JSON.parse of the same pods in the same process (the floor any
// server and client pay).
import { request } from 'node:https';
import { startDemoCluster, type DemoCluster } from '../src/demo/index';

const PODS = Number(process.env.POD_DOCTOR_BENCH_PODS ?? 10_000);

function get(cluster: DemoCluster, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.url}${path}`,
      { ca: cluster.caPem, headers: { Authorization: `Bearer ${cluster.token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function main(): Promise<void> {
  const [cluster, startMs] = await timed(() => startDemoCluster({ pods: PODS }));
  try {
    const [paged, pagedMs] = await timed(async () => {
      const items: unknown[] = [];
      let token = '';
      let pages = 0;
      do {
        const body = JSON.parse(
          await get(
            cluster,
            `/api/v1/pods?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`,
          ),
        ) as {
          items: unknown[];
          metadata: { continue?: string };
        };
        items.push(...body.items);
        token = body.metadata.continue ?? '';
        pages++;
      } while (token);
      return { items, pages };
    });
    const [whole, wholeMs] = await timed(
      async () => JSON.parse(await get(cluster, '/api/v1/pods')) as { items: unknown[] },
    );
    const [, floorMs] = await timed(() => JSON.parse(JSON.stringify(whole.items)) as unknown[]);

    const watchLatency = await new Promise<number>((resolve, reject) => {
      const name = (whole.items[0] as { metadata: { name: string; namespace: string } }).metadata;
      const req = request(
        `${cluster.url}/api/v1/pods?watch=1&resourceVersion=${cluster.resourceVersion()}`,
        { ca: cluster.caPem, headers: { Authorization: `Bearer ${cluster.token}` } },
        (res) => {
          let sent = 0;
          res.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('"bench":"touched"')) {
              resolve(performance.now() - sent);
              req.destroy();
            }
          });
          setTimeout(() => {
            sent = performance.now();
            cluster.updatePod(name.namespace, name.name, (p) => {
              p.metadata = { ...p.metadata, annotations: { bench: 'touched' } };
            });
          }, 50);
        },
      );
      req.on('error', reject);
      req.end();
    });

    const mb = (Buffer.byteLength(JSON.stringify(whole.items)) / 1024 / 1024).toFixed(1);
    console.log(`pods served            ${whole.items.length} (${mb} MB of JSON)`);
    console.log(`start-up               ${startMs.toFixed(0)} ms`);
    console.log(
      `paged list (limit=500) ${pagedMs.toFixed(0)} ms in ${paged.pages} pages, ${paged.items.length} pods`,
    );
    console.log(`unpaged list           ${wholeMs.toFixed(0)} ms`);
    console.log(`JSON round trip floor  ${floorMs.toFixed(0)} ms`);
    console.log(`ratio paged/floor      ${(pagedMs / floorMs).toFixed(1)}`);
    console.log(`ratio unpaged/floor    ${(wholeMs / floorMs).toFixed(1)}`);
    console.log(`watch event delivery   ${watchLatency.toFixed(1)} ms`);
  } finally {
    await cluster.close();
  }
}

void main();
