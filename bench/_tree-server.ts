// The demo API server for bench/tree, in its own process so that its work does not count against
// the client being measured. Prints one JSON line {url, kubeconfig} when listening; then reads
// commands from stdin: `update NAMESPACE NAME REASON` (answers `updated`), `cpu` (answers the
// process's CPU milliseconds so far), `quit`.
import { createInterface } from 'node:readline';
import { startDemoCluster } from '../src/demo/index';

async function main(): Promise<void> {
  const pods = Number(process.argv[2] ?? '10000');
  const kubeconfig = process.argv[3] ?? '';
  const demo = await startDemoCluster({ port: 0, pods });
  await demo.writeKubeconfig(kubeconfig);
  process.stdout.write(`${JSON.stringify({ url: demo.url, kubeconfig })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, namespace = '', name = '', reason = 'Error'] = line.trim().split(/\s+/);
    if (command === 'quit') break;
    if (command === 'cpu') {
      // This process's CPU time so far, so that the bench can tell the server's share of a list.
      const { user, system } = process.cpuUsage();
      process.stdout.write(`${(user + system) / 1000}\n`);
      continue;
    }
    if (command === 'update') {
      demo.updatePod(namespace, name, (pod) => {
        const status = pod.status?.containerStatuses?.[0];
        if (!status) return;
        status.ready = false;
        status.state = {
          terminated: {
            exitCode: 1,
            reason,
            startedAt: new Date(Date.now() - 60_000).toISOString(),
            finishedAt: new Date().toISOString(),
          },
        };
      });
      process.stdout.write('updated\n');
    }
  }
  await demo.close();
  process.exit(0);
}

void main();
