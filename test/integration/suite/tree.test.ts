import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { Pod } from '../../../src/core/k8s';
import { kubectlPodRow } from '../../../src/core/status';
import type { PodDoctorApi } from '../../../src/extension/extension';
import type {
  ContextNode,
  MessageNode,
  NamespaceNode,
  PodNode,
  PodsNode,
} from '../../../src/extension/tree/model';
import { podDescription } from '../../../src/extension/tree/model';
import { PodProblemDecorations } from '../../../src/extension/tree/pods-tree';
import {
  activateExtension,
  DEMO_CONTEXT,
  type DemoCluster,
  openFixture,
  setSetting,
  waitFor,
} from './helpers';

/**
 * What `kubectl get pods` prints in the STATUS column for each scenario pod of the demo cluster
 * (by the pod name's prefix). Crash-looping containers run for a few seconds between back-offs,
 * and kubectl then prints Running (Init:0/1 for an init container): the row is only CrashLoopBackOff
 * while the container waits.
 */
const EXPECTED_STATUS: Record<string, string | ((pod: Pod) => string)> = {
  'default/api-': crashLoop,
  'default/cache-': crashLoop,
  'default/frontend-': 'Running',
  'default/legacy-api-': 'Unknown',
  'default/legacy-billing-': 'ContainerCreating',
  'default/metrics-proxy-': 'ContainerCreating',
  'default/report-gen-': crashLoop,
  'default/search-': 'Running',
  'default/thumbnailer-': crashLoop,
  'default/web-': 'Running',
  'default/worker-': crashLoop,
  'shop/cart-': 'ImagePullBackOff',
  'shop/catalog-': 'Running',
  'shop/checkout-': crashLoop,
  'shop/inventory-': 'CreateContainerConfigError',
  'shop/orders-': (pod) =>
    waitingReason(pod, true) === 'CrashLoopBackOff' ? 'Init:CrashLoopBackOff' : 'Init:0/1',
  'shop/payments-': crashLoop,
  'shop/queue-consumer-': 'Terminating',
  'shop/recommendations-': 'ImagePullBackOff',
  'shop/search-indexer-': 'Pending',
  'shop/storefront-': (pod) => (waitingReason(pod) ? 'ContainerCreating' : 'Running'),
  'batch/nightly-backup-': 'Completed',
  'batch/train-recommender-': 'Pending',
};

function waitingReason(pod: Pod, init = false): string | undefined {
  const statuses = (init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses) ?? [];
  return statuses.find((s) => s.state?.waiting)?.state?.waiting?.reason;
}

function crashLoop(pod: Pod): string {
  return waitingReason(pod) === 'CrashLoopBackOff' ? 'CrashLoopBackOff' : 'Running';
}

function expectedStatus(namespace: string, pod: Pod): string | undefined {
  const name = pod.metadata?.name ?? '';
  // The longest prefix wins: `search-indexer-` before `search-`, `legacy-api-` before `api-`.
  const key = Object.keys(EXPECTED_STATUS)
    .filter((k) => `${namespace}/${name}`.startsWith(k))
    .sort((a, b) => b.length - a.length)[0];
  const expected = key === undefined ? undefined : EXPECTED_STATUS[key];
  return typeof expected === 'function' ? expected(pod) : expected;
}

const isPod = (n: PodsNode): n is PodNode => n.kind === 'pod';
const isMessage = (n: PodsNode): n is MessageNode => n.kind === 'message';

describe('Pods tree', function () {
  this.timeout(60_000);
  let api: PodDoctorApi;
  let demo: DemoCluster;

  const provider = () => api.pods.provider;

  async function contextNode(name = DEMO_CONTEXT): Promise<ContextNode> {
    const roots = await provider().getChildren();
    const node = roots.find((n): n is ContextNode => n.kind === 'context' && n.context === name);
    assert.ok(node, `no context ${name} in the tree: ${roots.map(describeNode).join(', ')}`);
    return node;
  }

  async function namespaceNode(namespace: string): Promise<NamespaceNode> {
    const children = await provider().getChildren(await contextNode());
    const node = children.find(
      (n): n is NamespaceNode => n.kind === 'namespace' && n.namespace === namespace,
    );
    assert.ok(node, `no namespace ${namespace}: ${children.map(describeNode).join(', ')}`);
    return node;
  }

  async function podsOf(namespace: string): Promise<PodsNode[]> {
    return provider().getChildren(await namespaceNode(namespace));
  }

  /** The pod rows of a namespace once its first list is in (the tree shows "Loading pods…" before). */
  async function podNodes(namespace: string): Promise<PodNode[]> {
    return waitFor(
      async () => {
        const nodes = await podsOf(namespace);
        return nodes.some(isPod) ? nodes.filter(isPod) : undefined;
      },
      15_000,
      `the pods of ${namespace}`,
    );
  }

  function podNamed(nodes: readonly PodNode[], prefix: string): PodNode {
    const node = nodes.find((n) => n.row.name.startsWith(prefix));
    assert.ok(node, `no pod ${prefix}… in ${nodes.map((n) => n.row.name).join(', ')}`);
    return node;
  }

  before(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand('podDoctor.openDemoCluster');
    const running = api.cluster.demoCluster;
    assert.ok(running, 'podDoctor.openDemoCluster did not start the demo cluster');
    demo = running;
    await vscode.commands.executeCommand('podDoctor.pods.focus');
  });

  after(async () => {
    await vscode.commands.executeCommand('podDoctor.showAllPods');
    provider().filter = { text: '', onlyUnhealthy: false };
    // The fault tests revoke the demo's token: leave a fresh demo cluster to whoever runs next.
    await api.cluster.closeDemoCluster();
  });

  it('shows the demo context as current, with its server', async () => {
    const node = await contextNode();
    assert.equal(node.current, true);
    const item = provider().getTreeItem(node);
    assert.equal(item.label, DEMO_CONTEXT);
    assert.equal(item.description, `current · ${demo.url}`);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'server-environment');
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });

  it("lists the demo's namespaces, the context's own (default) expanded", async () => {
    const children = await provider().getChildren(await contextNode());
    const namespaces = children.filter((n): n is NamespaceNode => n.kind === 'namespace');
    assert.deepEqual(
      namespaces.map((n) => n.namespace),
      [
        'batch',
        'billing',
        'data',
        'default',
        'kube-node-lease',
        'kube-public',
        'kube-system',
        'restricted',
        'shop',
      ],
    );
    const expanded = namespaces
      .filter((n) => provider().getTreeItem(n).collapsibleState === vscode.TreeItemCollapsibleState.Expanded)
      .map((n) => n.namespace);
    assert.deepEqual(expanded, ['default']);
    assert.equal(
      (provider().getTreeItem(namespaces[0]!).iconPath as vscode.ThemeIcon).id,
      'symbol-namespace',
    );
  });

  for (const namespace of ['default', 'shop', 'batch']) {
    it(`shows every pod of ${namespace} with kubectl's STATUS, READY, RESTARTS and AGE`, async () => {
      const nodes = await podNodes(namespace);
      const session = await api.cluster.session(DEMO_CONTEXT);
      const listed = (await session!.listPods(namespace)).map((p) => p.metadata?.name ?? '').sort();
      assert.deepEqual(
        nodes.map((n) => n.row.name),
        listed,
        'the tree lists exactly the pods of the namespace, sorted by name',
      );
      // Crash loops move on while we look: retry until one pass sees every STATUS as expected.
      await waitFor(
        async () => {
          const fresh = (await podsOf(namespace)).filter(isPod);
          const now = Date.now();
          for (const node of fresh) {
            const item = provider().getTreeItem(node);
            const row = kubectlPodRow(node.pod, now);
            assert.equal(item.label, row.name);
            const [status, ready, restarts, age, ...rest] = String(item.description).split('  ');
            assert.equal(status, row.status, `${row.name}: STATUS differs from kubectlPodRow`);
            assert.equal(ready, row.ready, `${row.name}: READY differs from kubectlPodRow`);
            assert.equal(restarts, row.restarts, `${row.name}: RESTARTS differs from kubectlPodRow`);
            assert.match(age ?? '', /^\d+[smhdy]/, `${row.name}: AGE`);
            assert.deepEqual(rest, []);
            assert.equal(item.description, podDescription(node.row));
            const expected = expectedStatus(namespace, node.pod);
            if (expected !== undefined) assert.equal(status, expected, `${row.name}: STATUS`);
          }
          return true;
        },
        20_000,
        `every STATUS in ${namespace} to be what kubectl prints`,
      );
    });
  }

  it('shows the live pods of a workspace manifest above its pod template, linked to the failing one', async () => {
    await podNodes('shop'); // the tree watches shop, so the manifest's lens has live data
    const { document } = await openFixture('live/checkout.yaml');
    const lens = await waitFor(
      async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
          'vscode.executeCodeLensProvider',
          document.uri,
        );
        return lenses.find((l) => l.command?.title.includes('live pod'));
      },
      15_000,
      'the live pods CodeLens',
    );
    // checkout crash-loops: between its back-offs it runs for a few seconds, so both can be seen.
    assert.match(lens.command?.title ?? '', /^\$\(pulse\) 1 live pod: 1 (CrashLoopBackOff|Running)$/);
    assert.equal(document.lineAt(lens.range.start.line).text, '  template:');
    assert.equal(lens.command?.command, 'podDoctor.explainPod');
    const [ref] = (lens.command?.arguments ?? []) as Array<{
      context: string;
      namespace: string;
      name: string;
    }>;
    assert.equal(ref?.context, DEMO_CONTEXT);
    assert.equal(ref?.namespace, 'shop');
    assert.match(ref?.name ?? '', /^checkout-/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('colors each pod icon by phase and badges failure statuses', async () => {
    const nodes = [...(await podNodes('default')), ...(await podNodes('shop')), ...(await podNodes('batch'))];
    const decorations = new PodProblemDecorations();
    const seen = new Map<string, string>();
    for (const node of nodes) {
      const item = provider().getTreeItem(node);
      const icon = item.iconPath as vscode.ThemeIcon;
      if (node.row.problem) {
        // A failure STATUS shows the failure icon whatever the phase: never green.
        assert.equal(`${icon.id} ${icon.color?.id ?? ''}`, 'error podDoctor.phase.failed', node.row.name);
      } else {
        seen.set(node.row.phase, `${icon.id} ${icon.color?.id ?? ''}`);
      }
      const decoration = item.resourceUri && decorations.provideFileDecoration(item.resourceUri);
      if (node.row.problem) {
        assert.ok(decoration, `${node.row.name} (${node.row.status}) has no problem badge`);
        assert.equal(decoration.badge, '!');
        assert.equal(decoration.tooltip, node.row.status);
        assert.equal((decoration.color as vscode.ThemeColor).id, 'podDoctor.problem');
      } else {
        assert.equal(decoration, undefined, `${node.row.name} (${node.row.status}) has a badge`);
      }
    }
    assert.deepEqual(Object.fromEntries([...seen].sort()), {
      Failed: 'error podDoctor.phase.failed',
      Pending: 'clock podDoctor.phase.pending',
      Running: 'circle-filled podDoctor.phase.running',
      Succeeded: 'pass-filled podDoctor.phase.succeeded',
    });
    const cart = podNamed(nodes, 'cart-');
    assert.equal(cart.row.problem, true, 'ImagePullBackOff is a problem');
    const web = podNamed(nodes, 'web-');
    assert.equal(web.row.problem, false);
  });

  it('never shows a crash-looping pod green: failure icon and color, phase Running in the tooltip', async () => {
    const crashing = await waitFor(
      async () =>
        [...(await podNodes('default')), ...(await podNodes('shop'))].find(
          (n) => n.row.status === 'CrashLoopBackOff' && n.row.phase === 'Running',
        ),
      30_000,
      'a Running pod whose STATUS is CrashLoopBackOff',
    );
    const item = provider().getTreeItem(crashing);
    const icon = item.iconPath as vscode.ThemeIcon;
    assert.equal(icon.id, 'error');
    assert.equal(icon.color?.id, 'podDoctor.phase.failed');
    assert.notEqual(icon.color?.id, 'podDoctor.phase.running');
    assert.ok(item.tooltip instanceof vscode.MarkdownString);
    assert.match(item.tooltip.value, /phase Running/);
  });

  it('gives each pod a Markdown tooltip and an explain command', async () => {
    const checkout = podNamed(await podNodes('shop'), 'checkout-');
    const item = provider().getTreeItem(checkout);
    assert.ok(item.tooltip instanceof vscode.MarkdownString, 'the tooltip is Markdown');
    assert.match(item.tooltip.value, /checkout/);
    assert.equal(item.command?.command, 'podDoctor.explainPod');
    assert.equal(item.contextValue, 'pod.restarted', 'a restarted pod offers its previous log');
  });

  it('escapes cluster text in the tooltip: no HTML, links, icons or line breaks from a message', async () => {
    const pod = podNamed(await podNodes('shop'), 'inventory-');
    const hostile = '<img src=x onerror=alert(1)> [run](command:workbench.action.quit) $(zap)\n# big\n===';
    demo.updatePod('shop', pod.row.name, (p) => {
      const waiting = p.status?.containerStatuses?.[0]?.state?.waiting;
      if (waiting) waiting.message = hostile;
    });
    const tooltip = await waitFor(
      async () => {
        const item = provider().getTreeItem(podNamed(await podNodes('shop'), 'inventory-'));
        const md = item.tooltip as vscode.MarkdownString;
        return md.value.includes('onerror') ? md : undefined;
      },
      5000,
      'the tooltip with the new message',
    );
    assert.equal(tooltip.isTrusted, false);
    assert.equal(tooltip.supportHtml, false);
    assert.ok(
      tooltip.value.includes(
        '\\<img src\\=x onerror\\=alert\\(1\\)\\> \\[run\\]\\(command:workbench\\.action\\.quit\\) $\\(zap\\) \\# big \\=\\=\\=',
      ),
      tooltip.value,
    );
  });

  it('filters pods by text and shows only unhealthy pods', async () => {
    try {
      provider().filter = { text: 'CrashLoop', onlyUnhealthy: false };
      const crashing = (await podsOf('default')).filter(isPod);
      assert.ok(crashing.length >= 1);
      for (const n of crashing) assert.match(`${n.row.name} ${n.row.status}`, /crashloop/i);

      provider().filter = { text: 'no-such-pod', onlyUnhealthy: false };
      const none = await podsOf('default');
      assert.deepEqual(none.map(describeNode), ['message: No pods match the filter']);

      provider().filter = { text: '', onlyUnhealthy: false };
      await vscode.commands.executeCommand('podDoctor.showOnlyUnhealthy');
      assert.equal(provider().filter.onlyUnhealthy, true);
      assert.equal(api.pods.view.message, 'Showing only unhealthy pods.');
      const unhealthy = (await podsOf('default')).filter(isPod).map((n) => n.row.name);
      assert.ok(!unhealthy.some((n) => n.startsWith('web-')), 'web pods are Running 2/2');
      assert.ok(unhealthy.some((n) => n.startsWith('report-gen-')));
      assert.ok(
        unhealthy.some((n) => n.startsWith('frontend-')),
        'Running 0/1 is unhealthy',
      );
    } finally {
      await vscode.commands.executeCommand('podDoctor.showAllPods');
      provider().filter = { text: '', onlyUnhealthy: false };
    }
    assert.equal(api.pods.view.message, '');
  });

  it('shows a status change on the server (latency printed; target < 100 ms)', async () => {
    const before = podNamed(await podNodes('default'), 'search-');
    const name = before.row.name;
    const samples: number[] = [];
    for (const reason of ['OOMKilled', 'Error']) {
      const changed = new Promise<number>((resolve) => {
        const sub = provider().onDidChangeTreeData(async () => {
          const nodes = (await podsOf('default')).filter(isPod);
          if (nodes.find((n) => n.row.name === name)?.row.status === reason) {
            sub.dispose();
            resolve(performance.now());
          }
        });
      });
      const started = performance.now();
      demo.updatePod('default', name, (pod) => {
        const status = pod.status?.containerStatuses?.[0];
        if (!status) return;
        status.ready = false;
        status.state = {
          terminated: {
            exitCode: reason === 'OOMKilled' ? 137 : 1,
            reason,
            startedAt: new Date(Date.now() - 60_000).toISOString(),
            finishedAt: new Date().toISOString(),
          },
        };
      });
      const at = await Promise.race([
        changed,
        new Promise<number>((_, reject) =>
          setTimeout(() => reject(new Error(`${name} never showed ${reason}`)), 5000),
        ),
      ]);
      samples.push(at - started);
    }
    console.log(
      `      (server status change → tree: ${samples.map((ms) => `${ms.toFixed(0)} ms`).join(', ')})`,
    );
    const item = provider().getTreeItem(podNamed(await podNodes('default'), name));
    assert.match(String(item.description), /^Error {2}0\/1 {2}0 {2}/);
    // Error while the phase is still Running: the failure icon, not the Running one.
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal((item.iconPath as vscode.ThemeIcon).color?.id, 'podDoctor.phase.failed');
  });

  it('shows Init:Error when an init container fails', async () => {
    const orders = podNamed(await podNodes('shop'), 'orders-');
    demo.updatePod('shop', orders.row.name, (pod) => {
      const init = pod.status?.initContainerStatuses?.[0];
      if (!init) return;
      init.state = {
        terminated: {
          exitCode: 2,
          reason: 'Error',
          startedAt: new Date(Date.now() - 2000).toISOString(),
          finishedAt: new Date().toISOString(),
        },
      };
    });
    await waitFor(
      async () => podNamed(await podNodes('shop'), 'orders-').row.status === 'Init:Error',
      5000,
      () => `${orders.row.name} to show Init:Error`,
    );
  });

  it('lists every namespace that has pods in all-namespaces mode, and goes back to one namespace', async () => {
    // The scenario pods of shop, with the 12 replicas of the checkout-v2 bad rollout.
    const shopPods = (await podNodes('shop')).length;
    assert.ok(shopPods >= 24, `only ${shopPods} pods in shop`);
    await vscode.commands.executeCommand('podDoctor.allNamespaces');
    try {
      const children = await waitFor(
        async () => {
          const nodes = await provider().getChildren(await contextNode());
          return nodes.every((n) => n.kind === 'namespace' && n.fromAll) ? nodes : undefined;
        },
        10_000,
        'namespaces from the all-namespaces watch',
      );
      const names = children.map((n) => (n as NamespaceNode).namespace);
      assert.deepEqual(names, ['batch', 'data', 'default', 'kube-system', 'shop']);
      const shop = children[names.indexOf('shop')] as NamespaceNode;
      const pods = (await provider().getChildren(shop)).filter(isPod);
      assert.equal(pods.length, shopPods);
      assert.ok(pods.every((p) => p.row.namespace === 'shop'));
      assert.equal(String(provider().getTreeItem(shop).description).split(' ')[0], String(shopPods));
    } finally {
      await api.cluster.setNamespace(DEMO_CONTEXT, 'default');
    }
    assert.equal(api.cluster.allNamespaces, false);
    assert.ok((await podNodes('default')).length > 0);
  });

  it('shows a forbidden namespace as a lock row with the 403 message', async () => {
    const nodes = await podsOf('restricted');
    assert.equal(nodes.length, 1, nodes.map(describeNode).join(', '));
    const node = nodes[0]!;
    assert.ok(isMessage(node));
    assert.equal(node.icon, 'lock');
    assert.equal(
      node.text,
      `You are not allowed to list pods in namespace "restricted" with context "${DEMO_CONTEXT}" (403 Forbidden)`,
    );
    assert.match(node.detail ?? '', /Ask a cluster admin for access or pick another namespace\./);
    assert.equal(node.command?.command, 'podDoctor.switchNamespace');
  });

  it('shows an unreachable server as an error row within the connect timeout', async () => {
    // A context whose server is a port nobody listens on (the demo's own, after closing a probe server).
    const deadUrl = await closedPortUrl();
    const file = join(tmpdir(), `pod-doctor-dead-${process.pid}.yaml`);
    writeFileSync(file, demo.kubeconfigYaml('dead-cluster').replace(/server: \S+/, `server: ${deadUrl}`), {
      mode: 0o600,
    });
    const restore = await setSetting('podDoctor', 'kubeconfig', [file]);
    try {
      await waitFor(
        async () =>
          (await provider().getChildren()).some((n) => n.kind === 'context' && n.context === 'dead-cluster'),
        5000,
        'the dead-cluster context',
      );
      const started = performance.now();
      const children = await provider().getChildren(await contextNode('dead-cluster'));
      const ms = performance.now() - started;
      console.log(`      (unreachable server reported after ${ms.toFixed(0)} ms)`);
      assert.equal(children.length, 1, children.map(describeNode).join(', '));
      const node = children[0]!;
      assert.ok(isMessage(node));
      assert.equal(node.icon, 'error');
      assert.match(
        node.text,
        /^Cannot reach the API server of context "dead-cluster" at https:\/\/127\.0\.0\.1:\d+/,
      );
      assert.equal(node.command?.command, 'podDoctor.refreshPods');
    } finally {
      await restore();
      rmSync(file, { force: true });
    }
  });

  it('shows revoked credentials as a 401 row, above the last known pods and after a refresh', async () => {
    const before = await podNodes('default');
    const defaultNode = await namespaceNode('default');
    demo.revokeToken();
    demo.dropWatches();
    // The open watch reconnects, gets 401 and keeps its pods: the tree says why they are stale.
    const stale = await waitFor(
      async () => {
        const nodes = await provider().getChildren(defaultNode);
        return nodes[0] && isMessage(nodes[0]) ? nodes : undefined;
      },
      10_000,
      'the 401 row above the pods of default',
    );
    const message = stale[0] as MessageNode;
    assert.equal(message.icon, 'error');
    assert.equal(
      message.text,
      `The credentials for context "${DEMO_CONTEXT}" were rejected (401 Unauthorized)`,
    );
    assert.equal(stale.filter(isPod).length, before.length, 'the last known pods stay listed');

    await vscode.commands.executeCommand('podDoctor.refreshPods');
    const children = await provider().getChildren(await contextNode());
    assert.deepEqual(children.map(describeNode), [
      `message: The credentials for context "${DEMO_CONTEXT}" were rejected (401 Unauthorized)`,
    ]);
    const node = children[0] as MessageNode;
    assert.match(node.detail ?? '', /refresh them, e\.g\. re-run your cloud's login command, then Refresh\./);
  });
});

function describeNode(node: PodsNode): string {
  switch (node.kind) {
    case 'context':
      return `context: ${node.context}`;
    case 'namespace':
      return `namespace: ${node.namespace}`;
    case 'workload':
      return `workload: ${node.workloadKind} ${node.name}`;
    case 'pod':
      return `pod: ${node.row.name}`;
    case 'message':
      return `message: ${node.text}`;
  }
}

/** `https://127.0.0.1:PORT` of a port that was free a moment ago. */
async function closedPortUrl(): Promise<string> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `https://127.0.0.1:${port}`;
}
