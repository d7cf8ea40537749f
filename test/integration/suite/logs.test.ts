import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Pod } from '../../../src/core/k8s';
import type { PodDoctorApi } from '../../../src/extension/extension';
import { closeAllEditors, DEMO_CONTEXT, type DemoCluster, startDemo, waitFor } from './helpers';

describe('Followed logs', function () {
  this.timeout(60_000);
  let api: PodDoctorApi;
  let demo: DemoCluster;

  before(async () => {
    ({ api, demo } = await startDemo());
  });
  after(async () => {
    api.explain.dispose();
    await closeAllEditors();
    await api.cluster.closeDemoCluster();
  });

  async function runningPod(namespace: string, prefix: string): Promise<{ name: string; container: string }> {
    const session = await api.cluster.session(DEMO_CONTEXT);
    const pods: Pod[] = await session!.listPods(namespace);
    const pod = pods.find((p) => p.metadata?.name?.startsWith(prefix));
    assert.ok(pod, `no pod ${prefix}… in ${namespace}`);
    return { name: pod.metadata?.name ?? '', container: pod.spec?.containers?.[0]?.name ?? '' };
  }

  it('follows a server-side append in the explain panel, and stops when the panel closes', async () => {
    const { name, container } = await runningPod('shop', 'catalog-');
    const ref = { context: DEMO_CONTEXT, namespace: 'shop', name };
    await vscode.commands.executeCommand('podDoctor.explainPod', ref);
    const panel = api.explain.get(ref);
    assert.ok(panel, 'no explain panel');
    await waitFor(() => panel.lastMessage?.type === 'explanation', 15_000, 'the explanation');

    panel.showLog(container, false);
    await waitFor(
      () => panel.lastMessage?.type === 'logs' && panel.lastMessage.logs.state === 'following',
      15_000,
      'the log to be followed',
    );
    demo.appendLog('shop', name, container, ['GET /api/items 200 12ms', 'cache refreshed: 418 items']);
    const message = await waitFor(
      () =>
        panel.lastMessage?.type === 'logs' &&
        panel.lastMessage.logs.lines?.some((l) => l.text === 'cache refreshed: 418 items')
          ? panel.lastMessage
          : undefined,
      10_000,
      () => `the appended lines in the page (last: ${JSON.stringify(panel.lastMessage)?.slice(0, 300)})`,
    );
    assert.equal(message.logs.reset, false, 'appended, not the whole log again');
    assert.deepEqual(
      panel.logs
        .lines(container, false)
        .slice(-2)
        .map((l) => l.text),
      ['GET /api/items 200 12ms', 'cache refreshed: 418 items'],
    );
    assert.match(panel.logs.lines(container, false).at(-1)?.time ?? '', /^\d{4}-\d\d-\d\dT.*Z$/);
    assert.equal(panel.logs.following, 1);

    panel.dispose();
    assert.equal(panel.logs.following, 0, 'the stream stops with the panel');
  });

  it('follows a server-side append in a log document', async () => {
    const { name, container } = await runningPod('shop', 'catalog-');
    const uri = vscode.Uri.from({
      scheme: 'pod-doctor',
      path: `/${DEMO_CONTEXT}/shop/${name}/${container}.log`,
    });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await waitFor(() => document.getText().length > 0, 15_000, 'the log document');
    demo.appendLog('shop', name, container, ['document follow check 1']);
    await waitFor(
      () => document.getText().includes('document follow check 1'),
      10_000,
      () => `the appended line in the document (it ends: ${document.getText().slice(-300)})`,
    );
    assert.equal(document.getText().split('document follow check 1').length, 2, 'the line appears once');
    assert.match(document.lineAt(0).text, /following live · last 5,000 lines kept/);
    assert.equal(api.pods.documents.follows.following, 1);
    await closeAllEditors();
    await waitFor(() => api.pods.documents.follows.following === 0, 5_000, 'the stream to stop with its tab');
  });
});
