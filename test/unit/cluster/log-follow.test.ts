import assert from 'node:assert/strict';
import type { FollowUpdate } from '../../../src/cluster/index';
import { useDemoSession } from './demo-session';

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('following a container log', function () {
  this.timeout(60_000);
  const demo = useDemoSession('pd-logs-');
  let pod: string;
  let container: string;

  before(async () => {
    const running = (await demo.session.listPods('shop')).find((p) =>
      p.metadata?.name?.startsWith('catalog-'),
    );
    assert.ok(running, 'the demo cluster has a running catalog pod');
    pod = running.metadata?.name ?? '';
    container = running.spec?.containers?.[0]?.name ?? '';
  });

  it('shows appended lines over one stream, and after a drop resumes without a line twice', async () => {
    const updates: FollowUpdate[] = [];
    const follower = demo.session.followLogs(
      { namespace: 'shop', pod, container, backoff: { initialMs: 50, maxMs: 500 } },
      (u) => updates.push(u),
    );
    try {
      await until(() => follower.state === 'following', 'the stream to open');
      const texts = () => updates.flatMap((u) => u.lines.map((l) => l.text));
      demo.cluster.appendLog('shop', pod, container, ['order 1 accepted', 'order 2 accepted']);
      await until(() => texts().includes('order 2 accepted'), 'the appended lines');
      assert.equal(follower.stats.connections, 1, 'one streaming request, no polling');

      demo.cluster.dropWatches();
      await until(() => follower.stats.connections === 2 && follower.state === 'following', 'a reconnect');
      demo.cluster.appendLog('shop', pod, container, ['order 3 accepted']);
      await until(() => texts().includes('order 3 accepted'), 'a line after the reconnect');

      const orders = texts().filter((t) => t.startsWith('order '));
      assert.deepEqual(orders, ['order 1 accepted', 'order 2 accepted', 'order 3 accepted']);
      assert.deepEqual(
        follower.buffer.all().map((l) => l.text),
        texts(),
        'what was sent is what the buffer holds',
      );
      assert.match(follower.buffer.all().at(-1)?.time ?? '', /^\d{4}-\d\d-\d\dT/);
    } finally {
      follower.dispose();
    }
    const count = updates.length;
    demo.cluster.appendLog('shop', pod, container, ['after stop']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(updates.length, count, 'no update after dispose');
    assert.equal(follower.state, 'stopped');
  });

  it('keeps only the last lines of its limit and says how many it dropped', async () => {
    let last: FollowUpdate | undefined;
    const follower = demo.session.followLogs(
      { namespace: 'shop', pod, container, limit: 5 },
      (u) => (last = u),
    );
    try {
      await until(() => follower.state === 'following', 'the stream to open');
      demo.cluster.appendLog(
        'shop',
        pod,
        container,
        Array.from({ length: 20 }, (_, i) => `burst ${i}`),
      );
      await until(() => follower.buffer.all().at(-1)?.text === 'burst 19', 'the burst');
      assert.equal(follower.buffer.size, 5);
      assert.deepEqual(
        follower.buffer.all().map((l) => l.text),
        ['burst 15', 'burst 16', 'burst 17', 'burst 18', 'burst 19'],
      );
      await until(() => (last?.dropped ?? 0) >= 15, 'the dropped count in an update');
    } finally {
      follower.dispose();
    }
  });
});
