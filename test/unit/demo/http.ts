import { request } from 'node:https';
import type { DemoCluster } from '../../../src/demo/index';

/** GET `path` from the demo API server over HTTPS with its CA and `token`: the status and the body as sent. */
export function rawGet(
  cluster: DemoCluster,
  path: string,
  token = cluster.token,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${cluster.url}${path}`,
      { ca: cluster.caPem, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** GET `path` from the demo API server with the cluster's own token, parsed as JSON. */
export async function getJson<T>(cluster: DemoCluster, path: string): Promise<T> {
  return JSON.parse((await rawGet(cluster, path)).body) as T;
}
