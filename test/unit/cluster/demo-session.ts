import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type ClusterSession } from '../../../src/cluster/index';
import { startDemoCluster, type DemoCluster } from '../../../src/demo/index';

export interface DemoSession {
  readonly cluster: DemoCluster;
  /** A temporary folder, removed after the suite; the kubeconfig is in it. */
  readonly dir: string;
  readonly kubeconfig: string;
  readonly session: ClusterSession;
}

/**
 * For a mocha suite: a demo cluster, its kubeconfig (context `prod-eu`) in a temporary folder and a
 * session on it, closed after the suite; the recorded requests are cleared before each test.
 */
export function useDemoSession(prefix: string): DemoSession {
  let cluster: DemoCluster | undefined;
  let dir: string | undefined;
  let kubeconfig: string | undefined;
  let session: ClusterSession | undefined;
  before(async () => {
    cluster = await startDemoCluster();
    dir = mkdtempSync(join(tmpdir(), prefix));
    kubeconfig = join(dir, 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig, 'prod-eu');
    session = connect({ kubeconfig });
  });
  after(async () => {
    session?.dispose();
    await cluster?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => cluster?.clearRequests());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The demo cluster is not started: use it inside a test.');
    return value;
  };
  return {
    get cluster() {
      return started(cluster);
    },
    get dir() {
      return started(dir);
    },
    get kubeconfig() {
      return started(kubeconfig);
    },
    get session() {
      return started(session);
    },
  };
}
