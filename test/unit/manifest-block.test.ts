import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readBlock } from '../../src/core/manifest/block';
import { iterateDocuments, splitDocuments } from '../../src/core/manifest/parse';
import type { ManifestDocument } from '../../src/core/manifest/types';
import { random } from './helpers';

/**
 * The block reader must give exactly what js-yaml gives for every document it accepts (the value,
 * and the location of every node and of every offset), and must accept nothing js-yaml rejects.
 */

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Everything a document tells its users, for every path in its value and every third offset. */
function project(document: ManifestDocument): unknown {
  const locations: unknown[] = [];
  const walk = (value: unknown, path: Array<string | number>): void => {
    locations.push([path.join('/'), document.locate(path)]);
    locations.push([
      `${path.join('/')}/absent`,
      document.locate([...path, 'absent']),
      document.locate([...path, 99]),
    ]);
    if (path.length > 12 || typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value))
      walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
  };
  walk(document.value, []);
  const offsets: unknown[] = [];
  for (let offset = document.range.start - 1; offset <= document.range.end + 1; offset += 3) {
    offsets.push(document.nodeAt(offset));
  }
  return {
    index: document.index,
    range: document.range,
    value: document.value,
    templated: document.templated,
    locations,
    offsets,
  };
}

/** Compares the block reader with js-yaml on each document of `text`; returns how many it read. */
function compare(text: string, label: string): { read: number; documents: number } {
  const withBlock = [...iterateDocuments(text, false, true)];
  const withJsYaml = [...iterateDocuments(text, false, false)];
  assert.equal(withBlock.length, withJsYaml.length, label);
  let read = 0;
  withBlock.forEach((document, i) => {
    const reference = withJsYaml[i]!;
    if (document.constructor !== reference.constructor) read++;
    assert.equal(document.syntaxError?.message, reference.syntaxError?.message, label);
    assert.deepEqual(project(document), project(reference), `${label}, document ${i}`);
  });
  // What the block reader accepts, js-yaml reads without an error.
  for (const [start, end] of splitDocuments(text)) {
    if (readBlock(text, start, end) === undefined) continue;
    const reference = [...iterateDocuments(text.slice(start, end), false, false)];
    assert.ok(
      reference.every((d) => d.syntaxError === undefined),
      `${label}: accepted what js-yaml rejects`,
    );
  }
  return { read, documents: withBlock.length };
}

/** Scalars in the subset, and (EDGE) in it or just outside it. */
const SAFE = [
  'web',
  'nginx:1.27',
  'true',
  '3',
  '100m',
  '128Mi',
  'a b',
  '/healthz',
  '"q"',
  "'s'",
  '[a, "b"]',
  '[]',
  '{}',
];
const EDGE = [
  'web',
  'nginx:1.27',
  'on',
  'yes',
  'No',
  '~',
  'null',
  '8080',
  '0755',
  '0x1F',
  '1e3',
  '.5',
  '-1',
  '+1',
  '1_000',
  '.inf',
  '2024-01-01',
  'a b',
  'x:y',
  'http://h:80/p',
  'a#b',
  'a #c',
  '--flag=1',
  '-x',
  'é',
  '{{ .V }}',
  '"q"',
  "'it''s'",
  '""',
  '"a\\"b"',
  '"a: b"',
  "'#'",
  '[]',
  '{}',
  '[a, "b", \'c\']',
  '[ x ]',
  '[1,2]',
  '[a, ]',
  '[a,,b]',
  '[a, [b]]',
  '[a b, c]',
  '{a: 1}',
  '&a x',
  '*a',
  '!!str 1',
  '|',
  '>-',
  '@x',
  '`x',
  '%x',
  '?x',
  ': x',
  'a:',
  'a: b',
  '<<',
  '__proto__',
];
const SAFE_KEYS = ['name', 'image', 'port', 'path', 'app', 'value', 'cpu', 'memory'];
const EDGE_KEYS = [
  'name',
  'image',
  'app',
  'on',
  'y',
  '~',
  'null',
  'true',
  '8080',
  '1.5',
  '.5',
  'a b',
  'a#b',
  'x:y',
  '<<',
  '__proto__',
  '"q"',
  '-k',
  'k ',
  'dup',
  'dup',
];

/**
 * A random document in the block subset (nested mappings and sequences, compact sequences, mappings
 * in sequence items, comments, scalars of every kind), often pushed just outside it by a mutation:
 * a line indented one space more or less, a line dropped or doubled, a character inserted.
 */
function randomDocument(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const scalar = (): string => (next() < 0.9 ? pick(SAFE) : pick(EDGE));
  const key = (): string => (next() < 0.9 ? pick(SAFE_KEYS) : pick(EDGE_KEYS));
  const lines: string[] = [];
  const block = (indent: number, depth: number, compact: boolean): void => {
    const pad = ' '.repeat(indent);
    const sequence = next() < 0.35;
    const count = 1 + Math.floor(next() * 4);
    for (let i = 0; i < count; i++) {
      if (next() < 0.1) lines.push(`${pad}# ${scalar()}`);
      const nested = depth < 4 && next() < 0.35;
      if (sequence) {
        if (nested && next() < 0.5) {
          // A mapping in the item: `- key: value` and its sibling keys.
          lines.push(`${pad}- ${key()}: ${scalar()}`);
          if (next() < 0.6) lines.push(`${pad}  ${key()}: ${scalar()}`);
        } else if (nested) {
          lines.push(`${pad}-`);
          block(indent + 2, depth + 1, false);
        } else {
          lines.push(`${pad}- ${scalar()}`);
        }
      } else if (nested) {
        lines.push(`${pad}${key()}:${next() < 0.2 ? ' # c' : ''}`);
        const inner = next() < 0.3 ? indent : indent + 1 + Math.floor(next() * 3);
        block(inner, depth + 1, inner === indent);
      } else {
        lines.push(`${pad}${key()}: ${scalar()}${next() < 0.1 ? ' # c' : ''}`);
      }
    }
    void compact;
  };
  block(next() < 0.9 ? 0 : 2, 0, false);
  if (next() < 0.5) {
    const at = Math.floor(next() * lines.length);
    const line = lines[at]!;
    const mutation = next();
    if (mutation < 0.3) lines[at] = ` ${line}`;
    else if (mutation < 0.5) lines[at] = line.replace(/^ /, '');
    else if (mutation < 0.6) lines.splice(at, 1);
    else if (mutation < 0.7) lines.splice(at, 0, line);
    else {
      const where = Math.floor(next() * (line.length + 1));
      lines[at] =
        line.slice(0, where) +
        pick([':', '#', ' ', '-', '"', "'", '[', ']', ',', '\t', '&', '{']) +
        line.slice(where);
    }
  }
  if (next() < 0.1) lines.unshift(pick(['---', '--- # start', '---x', '%YAML 1.1\n---']));
  return lines.join(next() < 0.85 ? '\n' : '\r\n') + pick(['\n', '', '\n\n']);
}

describe('block reader', () => {
  it('gives js-yaml’s values and locations on every fixture and sample, and reads most of them', () => {
    const root = join(__dirname, '..', '..');
    const files = [
      ...yamlFilesUnder(join(root, 'test', 'fixtures')),
      ...yamlFilesUnder(join(root, 'sample')),
    ];
    assert.ok(files.length > 100);
    let read = 0;
    let documents = 0;
    for (const file of files) {
      const counts = compare(readFileSync(file, 'utf8'), file);
      read += counts.read;
      documents += counts.documents;
    }
    // The comparison is not vacuous: most manifests are in the subset.
    assert.ok(read > documents * 0.7, `${read} of ${documents} documents read by the block reader`);
  });

  it('agrees with js-yaml on js-yaml’s own test samples, and accepts none that js-yaml rejects', () => {
    const suite = join(__dirname, '..', 'js-yaml-suite');
    let read = 0;
    for (const file of yamlFilesUnder(suite)) {
      read += compare(readFileSync(file, 'utf8'), file).read;
    }
    assert.ok(read > 0);
    for (const file of yamlFilesUnder(join(suite, 'samples-load-errors'))) {
      const text = readFileSync(file, 'utf8');
      const rejected = [...iterateDocuments(text, false, false)].some((d) => d.syntaxError !== undefined);
      if (!rejected) continue;
      for (const [start, end] of splitDocuments(text)) {
        const chunk = [...iterateDocuments(text.slice(start, end), false, false)];
        if (chunk.some((d) => d.syntaxError !== undefined))
          assert.equal(readBlock(text, start, end), undefined, file);
      }
    }
  });

  it('agrees with js-yaml on 4,000 random documents in and around the subset', () => {
    const next = random(20261207);
    let read = 0;
    for (let i = 0; i < 4000; i++) {
      const text = randomDocument(next);
      read += compare(text, JSON.stringify(text)).read;
    }
    assert.ok(read > 1000, `${read} random documents read by the block reader`);
  });

  it('resolves values and keys starting with any character as js-yaml does', () => {
    const tails = [
      '',
      'es',
      'ES',
      'ff',
      'rue',
      'alse',
      'ull',
      'ULL',
      '1',
      '0x1F',
      'inf',
      'nan',
      '_000',
      ':30',
      'abc',
      '.5',
      'e3',
    ];
    const lines: string[] = [];
    for (let code = 0x21; code < 0x7f; code++) {
      const first = String.fromCharCode(code);
      tails.forEach((tail, i) => {
        lines.push(`k${code}_${i}: ${first}${tail}`, `- ${first}${tail}`, `${first}${tail}: v`);
      });
    }
    // One document per line, so that a line js-yaml rejects does not hide the others.
    const text = lines.join('\n---\n');
    const { read } = compare(`${text}\n`, 'first characters');
    assert.ok(read > lines.length / 2, `${read} of ${lines.length}`);
  });

  it('reads a document with many nodes, and the next one as well', () => {
    const big = `${Array.from({ length: 100_000 }, (_, i) => `k${i}: v${i}`).join('\n')}\n---\nsmall: 1\n`;
    const [first, second] = [...iterateDocuments(big)];
    assert.equal(Object.keys(first?.value as object).length, 100_000);
    const last = big.indexOf('k99999');
    assert.deepEqual(first?.locate(['k99999']), {
      key: { start: last, end: last + 6 },
      value: { start: last + 8, end: last + 14 },
    });
    assert.deepEqual(second?.value, { small: 1 });
    assert.deepEqual(second?.locate(['small'])?.value, { start: big.length - 2, end: big.length - 1 });
  });

  it('leaves deep nesting to js-yaml, which refuses what is nested more than 100 deep', () => {
    const deep = (levels: number): string =>
      Array.from({ length: levels }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' v\n';
    assert.notEqual(readBlock(deep(20), 0, deep(20).length), undefined);
    for (const levels of [60, 150]) {
      const text = deep(levels);
      assert.equal(readBlock(text, 0, text.length), undefined);
      compare(text, `${levels} levels`);
    }
  });

  it('reads the manifests people write: compact sequences, quotes, comments, CRLF, empty collections', () => {
    const text = [
      '--- # first',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web   # the name',
      '  labels: {}',
      'spec:',
      '  containers:',
      '  - name: web',
      "    image: 'nginx:1.27'",
      '    args:',
      '    - --port=8080',
      '    - "--verbose"',
      '    env: []',
      '    ports:',
      '      -   containerPort: 80',
      '          name: http',
      '',
    ].join('\r\n');
    const [start, end] = [0, text.length];
    const block = readBlock(text, start, end);
    assert.deepEqual(block?.value, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: {} },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            args: ['--port=8080', '--verbose'],
            env: [],
            ports: [{ containerPort: 80, name: 'http' }],
          },
        ],
      },
    });
    compare(text, 'manifest');
  });
});
