import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../src/core/lint/engine';
import { defaultRegistry } from '../../src/core/lint/rules';
import { random } from './helpers';

const dir = join(__dirname, '..', 'fixtures', 'manifests', 'realistic');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));

const NOISE = [
  '\0',
  '\t',
  '{',
  '}',
  '[',
  ']',
  ':',
  '- ',
  '&a ',
  '*a',
  '!!int ',
  '"',
  "'",
  '|',
  '>',
  '#',
  '\r',
  '\uFFFD',
  '%',
  '@',
  '`',
  '{{ .Values.x }}',
  '\n  ',
  '---\n',
];
const WRONG_VALUES = [
  '[]',
  '{}',
  '~',
  '12',
  'yes',
  '"80"',
  '-1',
  '1e309',
  '[1, [2, [3]]]',
  '{a: {b: {c: d}}}',
  '!!binary aGVsbG8=',
  '0x1F',
  '.inf',
  '2024-01-01',
  '"{{ .Values.image }}"',
];

type Mutation = (text: string, rnd: () => number) => string;
const pick = <T>(items: readonly T[], rnd: () => number): T => items[Math.floor(rnd() * items.length)]!;

const mutations: Record<string, Mutation> = {
  truncate: (t, r) => t.slice(0, Math.floor(r() * t.length)),
  'random bytes': (t, r) => {
    let out = t;
    for (let i = 0; i < 5; i++) {
      const at = Math.floor(r() * out.length);
      out = out.slice(0, at) + pick(NOISE, r) + out.slice(at);
    }
    return out;
  },
  'duplicate a line': (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, lines[i] ?? '');
    return lines.join('\n');
  },
  'wrong types everywhere': (t, r) =>
    t.replace(/: ([^\n#]+)$/gm, (whole, _value: string) =>
      r() < 0.4 ? `: ${pick(WRONG_VALUES, r)}` : whole,
    ),
  'shifted indentation': (t, r) =>
    t
      .split('\n')
      .map((line) => (r() < 0.1 ? ` ${line}` : r() < 0.05 ? line.trimStart() : line))
      .join('\n'),
  'BOM and CRLF': (t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`,
};

function assertSane(text: string, label: string): void {
  const result = lintText(text, { throwOnRuleError: true });
  for (const f of result.findings) {
    assert.ok(defaultRegistry.get(f.ruleId), `${label}: unknown rule id ${f.ruleId}`);
    assert.ok(
      f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length,
      `${label}: bad range`,
    );
    assert.ok(f.message.length > 0, `${label}: empty message`);
  }
}

describe('robustness: the linter never throws on hostile input', function () {
  this.timeout(120_000);

  for (const [name, mutate] of Object.entries(mutations)) {
    it(`survives ${name} of every fixture (40 seeds each)`, () => {
      for (const fixture of fixtures) {
        for (let seed = 1; seed <= 40; seed++) {
          assertSane(mutate(fixture.text, random(seed)), `${name} of ${fixture.name}, seed ${seed}`);
        }
      }
    });
  }

  it('survives an alias bomb (billion laughs) without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n  annotations:\n${levels.map((l) => `    ${l}`).join('\n')}\nspec:\n  containers:\n    - name: x\n      image: nginx:1.27\n      args: *i\n`;
    assertSane(bomb, 'alias bomb');
  });

  it('survives deep nesting', () => {
    assertSane(`apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(5000)}`, 'deep flow nesting');
    let nested = 'apiVersion: v1\nkind: Pod\nspec:\n';
    for (let i = 1; i < 500; i++) nested += `${'  '.repeat(i)}k${i}:\n`;
    assertSane(nested, 'deep block nesting');
  });

  it('survives 10 MB scalars', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    assertSane(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n    - name: a\n      image: ${huge}\n      env:\n        - name: BLOB\n          value: "${huge}"\n`,
      '10 MB scalars',
    );
  });

  it('survives binary garbage and empty input', () => {
    const r = random(7);
    const garbage = Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(r() * 0x3000))).join(
      '',
    );
    assertSane(garbage, 'garbage');
    assertSane('', 'empty');
    assertSane('---\n---\n...\n', 'markers only');
  });
});
