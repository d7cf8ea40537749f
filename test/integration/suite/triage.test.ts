import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PodDoctorApi } from '../../../src/extension/extension';
import type { NamespaceNode, PodsNode } from '../../../src/extension/tree/model';
import type { TriageHostMessage } from '../../../src/webview/triage-protocol';
import {
  closeAllEditors,
  DEMO_CONTEXT,
  type DemoCluster,
  extension,
  healDemoPod,
  startDemo,
  waitFor,
} from './helpers';

type Triaged = Extract<TriageHostMessage, { type: 'triage' }>;

describe('Triage panel', function () {
  this.timeout(60_000);
  let api: PodDoctorApi;
  let demo: DemoCluster;

  before(async () => {
    ({ api, demo } = await startDemo());
  });

  after(async () => {
    api.triage.dispose();
    await closeAllEditors();
    // The test healed a pod on the server: leave a fresh demo cluster to whoever runs next.
    await api.cluster.closeDemoCluster();
  });

  const rollout = (m: Triaged) => m.groups.find((g) => g.workloads.some((w) => w.name === 'checkout-v2'));

  it('groups the bad rollout, and its count follows the pods as they heal', async () => {
    await vscode.commands.executeCommand('podDoctor.triage', { context: DEMO_CONTEXT, namespace: 'shop' });
    const panel = api.triage.get({ context: DEMO_CONTEXT, namespace: 'shop' });
    assert.ok(panel, 'podDoctor.triage opened no panel for shop');
    assert.equal(panel.title, 'Triage shop');
    const first = await waitFor(
      () =>
        panel.lastMessage?.type === 'triage' && panel.lastMessage.groups.length > 0
          ? panel.lastMessage
          : undefined,
      15_000,
      () => `the groups of shop (last message: ${JSON.stringify(panel.lastMessage)?.slice(0, 300)})`,
    );
    assert.match(first.summary, /^\d+ pods, \d+ unhealthy in \d+ groups$/);
    assert.equal(first.scope, `namespace shop (${DEMO_CONTEXT})`);
    const group = rollout(first);
    assert.ok(group, first.groups.map((g) => g.title).join('; '));
    assert.equal(group.title, '12 pods keep crashing');
    assert.equal(group.count, 12);
    assert.equal(group.pods.length, 12);
    // The watch cache holds pods only: the Deployment comes from the ReplicaSet's name and hash.
    assert.deepEqual(group.workloads, [
      { kind: 'Deployment', namespace: 'shop', name: 'checkout-v2', count: 12 },
    ]);
    assert.match(group.headline, /^Container "checkout" keeps crashing/);

    // One replica heals on the server: the panel's group shrinks without a refresh.
    const healed = group.pods[0]!.name;
    healDemoPod(demo, 'shop', healed);
    const updated = await waitFor(
      () => {
        const m = panel.lastMessage;
        return m?.type === 'triage' && rollout(m)?.count === 11 ? m : undefined;
      },
      10_000,
      () =>
        `the group to shrink to 11 (now ${String(panel.lastMessage?.type === 'triage' ? rollout(panel.lastMessage)?.count : '?')})`,
    );
    assert.equal(rollout(updated)?.title, '11 pods keep crashing');
    assert.ok(!rollout(updated)?.pods.some((p) => p.name === healed));
  });

  it("shows the namespace's worst group in the tree row's tooltip", async () => {
    const provider = api.pods.provider;
    const context = (await provider.getChildren()).find(
      (n) => n.kind === 'context' && n.context === DEMO_CONTEXT,
    );
    assert.ok(context);
    const shop = await waitFor(
      async () =>
        (await provider.getChildren(context)).find(
          (n: PodsNode): n is NamespaceNode => n.kind === 'namespace' && n.namespace === 'shop',
        ),
      15_000,
      'the shop namespace row',
    );
    await waitFor(
      async () => ((await provider.getChildren(shop)).some((n) => n.kind === 'pod') ? true : undefined),
      15_000,
      'the pods of shop',
    );
    const item = await provider.resolveTreeItem(provider.getTreeItem(shop), shop);
    assert.match(String(item.tooltip), /^Namespace shop\n\d+ pods? (keeps? crashing|[a-z].*) \(.+\)$/);
  });

  it('builds its page from text only, under a nonce CSP', () => {
    const root = extension().extensionPath;
    for (const file of [join('src', 'webview', 'triage.ts'), join('dist', 'webview', 'triage.js')]) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write']) {
        assert.ok(!text.includes(sink), `${file} uses ${sink}`);
      }
    }
    // The page shell (CSP with a nonce) is the shared one, tested in test/unit/extension/webview-page.test.ts.
    const host = readFileSync(join(root, 'src', 'extension', 'triage', 'panel.ts'), 'utf8');
    assert.match(host, /webview\.html = webviewHtml\(\{\s+nonce,/);
  });
});
