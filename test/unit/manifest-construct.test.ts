import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvents } from 'js-yaml';
import {
  constructPlain,
  constructWithJsYaml,
  iterateDocuments,
  splitDocuments,
} from '../../src/core/manifest/parse';

/**
 * The one-walk construction of plain documents must give exactly what js-yaml's constructor gives,
 * and must leave everything else (tags, anchors, merge keys, duplicate keys) to js-yaml.
 */
function compare(text: string): 'plain' | 'js-yaml' | 'invalid' {
  let kind: 'plain' | 'js-yaml' | 'invalid' = 'invalid';
  for (const [start, end] of splitDocuments(text)) {
    const source = text.slice(start, end);
    let events;
    try {
      events = parseEvents(source, { maxDepth: 100 });
    } catch {
      continue;
    }
    const plain = constructPlain(events, source);
    let expected: unknown;
    try {
      expected = constructWithJsYaml(events, source);
    } catch {
      assert.equal(plain, undefined, `js-yaml rejects this document, so must the plain walk:\n${source}`);
      kind = kind === 'invalid' ? 'js-yaml' : kind;
      continue;
    }
    if (plain === undefined) {
      kind = kind === 'invalid' ? 'js-yaml' : kind;
      continue;
    }
    kind = 'plain';
    assert.deepEqual(plain.value, expected, source);
  }
  return kind;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Everything a document tells its users: value, range, error, and the location of every path. */
function project(text: string, batched: boolean): unknown[] {
  return [...iterateDocuments(text, batched)].map((document) => {
    const locations: unknown[] = [];
    const walk = (value: unknown, path: Array<string | number>): void => {
      locations.push([path.join('/'), document.locate(path)]);
      if (path.length > 12 || typeof value !== 'object' || value === null) return;
      for (const [key, child] of Object.entries(value))
        walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
    };
    walk(document.value, []);
    const offsets = [document.range.start, document.range.start + 7, document.range.end - 2].map((offset) =>
      document.nodeAt(offset),
    );
    return {
      index: document.index,
      range: document.range,
      value: document.value,
      templated: document.templated,
      syntaxError: document.syntaxError,
      locations,
      offsets,
    };
  });
}

describe('manifest construction in one walk', () => {
  it('gives js-yaml’s values on every fixture', () => {
    const files = yamlFilesUnder(join(__dirname, '..', 'fixtures'));
    assert.ok(files.length > 50);
    const kinds = files.map((file) => compare(readFileSync(file, 'utf8')));
    // Nearly every fixture takes the one-walk path; the comparison is not vacuous.
    assert.ok(kinds.filter((k) => k === 'plain').length > files.length * 0.8);
  });

  it('resolves scalars with YAML 1.1 rules exactly as js-yaml does', () => {
    const text = [
      'a: yes',
      'b: off',
      'c: 0755',
      'd: 0x1F',
      'e: 1_000',
      'f: .inf',
      'g: -.NaN',
      'h: ~',
      'i:',
      'j: "yes"',
      "k: 'it''s'",
      'l: 2024-01-01',
      'm: -0',
      'n: 1e3',
      'o: 190:20:30',
      'p: |',
      '  block',
      '  text',
      'q: >-',
      '  folded',
      '  text',
      'r: plain',
      '  continued',
      's: [1, "two", {x: y}, [z]]',
      't: {}',
      'u: []',
      'on: key resolved to true',
      '"quoted key": 1',
      '1: numeric key',
      '~: null key',
      'v:',
      '  - - nested',
      '    - list',
      '  -',
      '  - # comment',
      '    x: 1',
      '',
    ].join('\n');
    assert.equal(compare(text), 'plain');
  });

  it('resolves plain scalars starting with any character as js-yaml does', () => {
    // Every printable ASCII first character, alone and followed by text that may make a number, a
    // boolean or null of it: the values must be js-yaml's.
    const tails = ['', 'es', 'ff', 'rue', 'alse', 'ull', '1', '0x1F', 'inf', 'nan', '_000', ':30', 'abc'];
    const lines: string[] = [];
    for (let code = 0x21; code < 0x7f; code++) {
      const first = String.fromCharCode(code);
      // Characters that start YAML syntax rather than a plain scalar are left out.
      if ('#&*!|>\'"%@`[]{},?:-'.includes(first)) continue;
      tails.forEach((tail, i) => lines.push(`k${code}_${i}: ${first}${tail}`));
    }
    lines.push('minus: -1', 'dash: -x', 'null_empty:', 'tilde: ~', 'merge_like: <x');
    assert.equal(compare(`${lines.join('\n')}\n`), 'plain');
  });

  it('leaves tags, anchors, aliases, merge keys, duplicate and __proto__ keys to js-yaml', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n',
      'a: !!str 1\n',
      'a: 1\na: 2\n',
      'on: 1\ntrue: 2\n',
      '__proto__: {polluted: true}\n',
      '? [complex, key]\n: value\n',
      '--- !!map\na: 1\n',
    ]) {
      assert.equal(compare(text), 'js-yaml', text);
    }
  });

  it('reads documents in batches exactly as one at a time', () => {
    const files = yamlFilesUnder(join(__dirname, '..', 'fixtures'));
    const tricky = [
      'a: 1\n---\nb: [\n---\nc: 3\n', // a syntax error between good documents
      'a: 1\n---\nb: 1\nb: 2\n---\nc: 3\n', // a duplicate key
      '%YAML 1.1\n---\na: 1\n---\nb: 2\n',
      'a: 1\n---\n# only a comment\n---\nb: 2\n---\n',
      'a: 1\n...\n---\nb: 2\n...\nc: 3\n',
      'a: &x 1\nb: *x\n---\nc: *x\n---\nd: 4\n',
      '---\n---\n- 1\n---\n"s"\n--- |\n  block\n---\nnull\n',
      'a: {{ .Values.x }}\n---\nb: 2\n---\nc: 3\n',
    ];
    for (const text of [...files.map((file) => readFileSync(file, 'utf8')), ...tricky]) {
      assert.deepEqual(project(text, true), project(text, false), text.slice(0, 200));
    }
    const many = Array.from({ length: 300 }, (_, i) => `kind: Pod\nmetadata:\n  name: p${i}\n`).join('---\n');
    assert.deepEqual(project(many, true), project(many, false));
  });

  it('locates keys and values of every kind of node, and finds nodes at offsets', () => {
    const text = 'a: {}\nb: [ ]\nc: [1, {x: "q"}]\nd: &n {k: v}\ne: *n\nf: 1\n';
    const [document] = [...iterateDocuments(text)];
    const at = (needle: string, from = 0): { start: number; end: number } => {
      const start = text.indexOf(needle, from);
      return { start, end: start + needle.length };
    };
    // Empty collections span their first character; a collection ends where what it holds ends.
    assert.deepEqual(document?.locate(['a']), { key: at('a'), value: { start: 3, end: 4 } });
    assert.deepEqual(document?.locate(['b'])?.value, { start: at('[ ]').start, end: at('[ ]').start + 1 });
    assert.deepEqual(document?.locate(['c'])?.value, { start: at('[1').start, end: at('"q"').end });
    assert.deepEqual(document?.locate(['c', 1, 'x']), { key: at('x'), value: at('"q"') });
    assert.equal(document?.locate(['c', 2]), undefined);
    assert.equal(document?.locate(['c', -1]), undefined);
    assert.equal(document?.locate(['c', 'x']), undefined);
    // An alias is its `*name`.
    assert.deepEqual(document?.locate(['e'])?.value, at('*n'));
    assert.deepEqual(document?.locate(['f'])?.value, at('1', at('f:').start));
    assert.deepEqual(document?.nodeAt(at('x').start), { path: ['c', 1, 'x'], on: 'key' });
    assert.deepEqual(document?.nodeAt(at('"q"').start + 1), { path: ['c', 1, 'x'], on: 'value' });
    assert.deepEqual(document?.nodeAt(at('{k').start), { path: ['d'], on: 'value' });
    assert.equal(document?.nodeAt(text.length + 5), undefined);
  });

  it('keeps documents, values and locations through iterateDocuments', () => {
    const text = 'kind: Pod\nspec:\n  containers:\n    - name: "a"\n---\nkind: Job\na: &x 1\nb: *x\n';
    const [pod, job] = [...iterateDocuments(text)];
    assert.deepEqual(pod?.value, { kind: 'Pod', spec: { containers: [{ name: 'a' }] } });
    assert.deepEqual(pod?.locate(['spec', 'containers', 0, 'name']), {
      key: { start: 36, end: 40 },
      value: { start: 42, end: 45 },
    });
    assert.deepEqual(job?.value, { kind: 'Job', a: 1, b: 1 });
    assert.deepEqual(job?.locate(['b'])?.value, { start: 71, end: 73 });
  });
});
