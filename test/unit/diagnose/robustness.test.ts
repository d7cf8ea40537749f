import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainPod } from '../../../src/core/diagnose';
import type { DiagnoseInput } from '../../../src/core/diagnose';
import type { Pod } from '../../../src/core/k8s';
import { explanationHtml, explanationMarkdown, explanationText } from '../../../src/core/render';

const DIR = join(__dirname, '..', '..', 'fixtures', 'pods');
const NOW = Date.parse('2026-11-23T12:00:00Z');

function fixtures(): Array<Omit<DiagnoseInput, 'nowMs'>> {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.pod.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Omit<DiagnoseInput, 'nowMs'>);
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ODD_STRINGS = [
  '',
  'garbage',
  'Z',
  '2026-13-45T99:99:99Z',
  '0/0 nodes are available:',
  '{',
  'back-off restarting',
];
const ODD_NUMBERS = [0, -1, 1e308, 255, 137];

/**
 * Deletes one random field, nulls it, or gives it an odd value of the same JSON type: what partial
 * objects, old servers and hand-edited files look like. (Wrong types never come from the API.)
 */
function mutate(value: unknown, rnd: () => number): void {
  const holders: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      holders.push(v);
      v.forEach(walk);
    } else if (typeof v === 'object' && v !== null) {
      holders.push(v as Record<string, unknown>);
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  const target = holders[Math.floor(rnd() * holders.length)];
  if (!target) return;
  const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
  const key = keys[Math.floor(rnd() * keys.length)];
  if (key === undefined) return;
  const record = target as Record<string | number, unknown>;
  const current = record[key];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const roll = rnd();
  if (roll < 0.3 && !Array.isArray(target)) delete record[key as string];
  else if (roll < 0.45 && !Array.isArray(target)) record[key] = null;
  else if (typeof current === 'string') record[key] = pick(ODD_STRINGS);
  else if (typeof current === 'number') record[key] = pick(ODD_NUMBERS);
  else if (typeof current === 'boolean') record[key] = !current;
  else if (Array.isArray(current)) record[key] = [];
  else if (typeof current === 'object' && current !== null) record[key] = {};
}

function explainAll(input: DiagnoseInput): void {
  const e = explainPod(input);
  assert.ok(e.diagnoses.length > 0, 'every pod gets at least one diagnosis');
  explanationText(e);
  explanationHtml(e);
  explanationMarkdown(e);
}

describe('explainPod never throws', () => {
  it('on empty and minimal objects', () => {
    for (const pod of [
      {},
      { metadata: {} },
      { status: {} },
      { spec: { containers: [] } },
      { status: { phase: 'Running' } },
    ] as Pod[]) {
      explainAll({ pod, nowMs: NOW });
      explainAll({
        pod,
        events: [{}],
        logs: { x: {} },
        node: {},
        owners: [{}],
        ownerEvents: [{}],
        nowMs: NOW,
      });
    }
  });

  it('with Date objects for timestamps (as @kubernetes/client-node deserializes them)', () => {
    for (const fixture of fixtures()) {
      const withDates = JSON.parse(JSON.stringify(fixture), (_key, value: unknown) =>
        typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value)
          ? new Date(value)
          : value,
      ) as Omit<DiagnoseInput, 'nowMs'>;
      const a = explainPod({ ...fixture, nowMs: NOW });
      const b = explainPod({ ...withDates, nowMs: NOW });
      assert.deepEqual(
        b.diagnoses.map((d) => [d.id, d.severity, d.summary]),
        a.diagnoses.map((d) => [d.id, d.severity, d.summary]),
      );
      assert.deepEqual(b.timeline, a.timeline);
    }
  });

  it('on 3,000 randomly damaged real pods', () => {
    const all = fixtures();
    const rnd = random(20261123);
    for (let i = 0; i < 3000; i++) {
      const input = JSON.parse(JSON.stringify(all[i % all.length])) as Omit<DiagnoseInput, 'nowMs'>;
      for (let m = 0; m < 1 + Math.floor(rnd() * 4); m++) mutate(input, rnd);
      try {
        explainAll({ ...input, nowMs: NOW });
      } catch (error) {
        assert.fail(`mutation ${i} threw ${String(error)}\n${JSON.stringify(input).slice(0, 2000)}`);
      }
    }
  });
});
