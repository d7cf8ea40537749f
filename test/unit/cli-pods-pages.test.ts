import assert from 'node:assert/strict';
import { printPodPages } from '../../src/cli/pods';
import type { Pod } from '../../src/core/k8s';
import { kubectlPodRow } from '../../src/core/status';
import { CONTROL_CHARACTERS } from './helpers';

const NOW = Date.now();

function pod(namespace: string, name: string, reason?: string): Pod {
  return {
    metadata: { namespace, name, creationTimestamp: new Date(NOW - 3_600_000).toISOString() },
    spec: { containers: [{ name: 'app' }], nodeName: 'worker-1' },
    status: {
      phase: 'Running',
      containerStatuses: [
        reason
          ? { name: 'app', ready: false, restartCount: 0, state: { waiting: { reason } } }
          : { name: 'app', ready: true, restartCount: 0, state: { running: {} } },
      ],
    },
  };
}

/** Pages handed out one at a time, recording what had been printed when each was asked for. */
function pagesOf(pages: Pod[][], printed: () => number): { pages: AsyncIterable<Pod[]>; seen: number[] } {
  const seen: number[] = [];
  return {
    seen,
    pages: (async function* () {
      for (const page of pages) {
        seen.push(printed());
        await new Promise((r) => setImmediate(r));
        yield page;
      }
    })(),
  };
}

const PAGES = [
  [pod('shop', 'web-1'), pod('shop', 'web-2')],
  [pod('shop', 'checkout-with-a-much-longer-name', 'CreateContainerConfigError')],
  [],
  [pod('shop', 'web-3')],
];

describe('printPodPages: pods printed page by page', () => {
  it('prints each page before asking for the next one', async () => {
    const out: string[] = [];
    const { pages, seen } = pagesOf(PAGES, () => out.length);
    const count = await printPodPages(pages, { all: true, format: 'text', out: (t) => out.push(t) });
    assert.equal(count, 4);
    assert.deepEqual(seen, [0, 1, 2, 2]);
  });

  it('text: the first page sets the widths; a wider cell later widens its column from there on', async () => {
    const out: string[] = [];
    await printPodPages(pagesOf(PAGES, () => 0).pages, {
      all: true,
      format: 'text',
      out: (t) => out.push(t),
    });
    assert.deepEqual(out.join('').split('\n'), [
      'NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE',
      'shop        web-1   1/1     Running   0          60m',
      'shop        web-2   1/1     Running   0          60m',
      'shop        checkout-with-a-much-longer-name   0/1     CreateContainerConfigError   0          60m',
      'shop        web-3                              1/1     Running                      0          60m',
      '',
    ]);
  });

  it('json: one array, byte for byte what printing all rows at once gives', async () => {
    const out: string[] = [];
    await printPodPages(pagesOf(PAGES, () => 0).pages, {
      all: true,
      format: 'json',
      out: (t) => out.push(t),
    });
    const whole = PAGES.flat().map((p) => {
      const { namespace, name, phase, status, ready, restarts, age, node, color } = kubectlPodRow(p, NOW);
      return { namespace, name, phase, status, ready, restarts, age, node, color };
    });
    assert.equal(out.join(''), `${JSON.stringify(whole, null, 2)}\n`);
  });

  it('text: escape sequences in a cluster reason never reach the terminal; json keeps the reason as sent', async () => {
    const hostile = 'Err\u001b]8;;https://evil.example\u0007Click\u001b]8;;\u0007\u001b[2J\nBoom';
    const out: string[] = [];
    await printPodPages(pagesOf([[pod('shop', 'web-1', hostile)]], () => 0).pages, {
      all: false,
      format: 'text',
      out: (t) => out.push(t),
    });
    const text = out.join('');
    assert.doesNotMatch(text, CONTROL_CHARACTERS);
    assert.match(text, /web-1 +0\/1 +ErrClick Boom +0 +60m/);
    const json: string[] = [];
    await printPodPages(pagesOf([[pod('shop', 'web-1', hostile)]], () => 0).pages, {
      all: false,
      format: 'json',
      out: (t) => json.push(t),
    });
    assert.equal((JSON.parse(json.join('')) as Array<{ status: string }>)[0]?.status, hostile);
  });

  it('json: no pods is an empty array; text prints nothing', async () => {
    const json: string[] = [];
    assert.equal(
      await printPodPages(pagesOf([[]], () => 0).pages, {
        all: false,
        format: 'json',
        out: (t) => json.push(t),
      }),
      0,
    );
    assert.equal(json.join(''), '[]\n');
    const text: string[] = [];
    await printPodPages(pagesOf([], () => 0).pages, { all: false, format: 'text', out: (t) => text.push(t) });
    assert.deepEqual(text, []);
  });
});
