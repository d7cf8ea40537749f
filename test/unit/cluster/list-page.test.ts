import assert from 'node:assert/strict';
import { readListPage } from '../../../src/cluster/list-page';

/** What the page gives: its metadata and every item. */
function read(text: string): { metadata: unknown; items: unknown[] } {
  const page = readListPage<unknown>(Buffer.from(text, 'utf8'));
  return { metadata: page.metadata, items: Array.from({ length: page.length }, (_, i) => page.item(i)) };
}

describe('List pages read item by item', () => {
  it('gives the same metadata and items as parsing the page whole, however the JSON is laid out', () => {
    const list = {
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '42', continue: 'eyJ2Ijoi}]"x', remainingItemCount: 3 },
      items: [
        { metadata: { name: 'a', labels: { 'quote"d': 'br}ace]s{[', back: 'slash\\', esc: '\\"' } } },
        {
          metadata: { name: 'ünïcödé ✓ 🚀', annotations: { json: '{"items":[1,2]}' } },
          spec: { n: [1, [2, {}]] },
        },
        { metadata: { name: 'c' }, status: { ready: true, restarts: 0, gone: null, ratio: -1.5e3 } },
      ],
    };
    for (const text of [
      JSON.stringify(list),
      JSON.stringify(list, null, 2),
      `\n ${JSON.stringify(list, null, '\t')} \r\n`,
    ]) {
      assert.deepEqual(read(text), { metadata: list.metadata, items: list.items });
    }
  });

  it('finds the items wherever they stand among the members, and takes non-object items too', () => {
    const text = '{"items":[{"a":1},"x",3,[4]],"metadata":{"continue":"t"},"kind":"List"}';
    assert.deepEqual(read(text), { metadata: { continue: 't' }, items: [{ a: 1 }, 'x', 3, [4]] });
    assert.deepEqual(read('{"metadata":{},"items":[]}'), { metadata: {}, items: [] });
    assert.deepEqual(read('{"kind":"PodList","items":null}'), { metadata: undefined, items: [] });
    assert.deepEqual(read('{}'), { metadata: undefined, items: [] });
  });

  it('a body that is not a list object reads as an empty page, and broken JSON throws as JSON.parse does', () => {
    assert.deepEqual(read('null'), { metadata: undefined, items: [] });
    assert.deepEqual(read('[1,2]'), { metadata: undefined, items: [] });
    assert.throws(() => readListPage(Buffer.from('{"items":[{"a":1}')), SyntaxError);
    assert.throws(() => readListPage(Buffer.from('{"items":[{"a":1}]} trailing')), SyntaxError);
    assert.throws(() => readListPage(Buffer.from('<html>Bad gateway</html>')), SyntaxError);
    assert.throws(() => readListPage(Buffer.from('{} {}')), SyntaxError);
    assert.throws(() => readListPage(Buffer.from('{"items":[],}')), SyntaxError);
    assert.throws(() => readListPage(Buffer.from('')), SyntaxError);
  });
});
