import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIVE_RULE_IDS } from '../../../src/core/live-rules';
import { spawn } from 'node:child_process';
import { cli, MAIN, TSX } from './run-cli';
import { CONTROL_CHARACTERS } from '../helpers';

const root = join(__dirname, '..', '..', '..');

describe('pod-doctor lint (CLI)', function () {
  this.timeout(30_000);
  let dir = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-cli-'));
    mkdirSync(join(dir, 'k8s', 'nested'), { recursive: true });
    writeFileSync(
      join(dir, 'k8s', 'broken.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n     image: nginx:1.27\n',
    );
    writeFileSync(
      join(dir, 'k8s', 'nested', 'ok.yml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {}\n',
    );
    writeFileSync(join(dir, 'k8s', 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
    writeFileSync(join(dir, 'k8s', 'notes.txt'), 'not yaml: [');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints compiler-style lines and a summary, exit 1 on errors', () => {
    const { code, stdout, stderr } = cli(['lint', 'k8s'], dir);
    assert.equal(code, 1, stderr);
    const lines = stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^k8s\/broken\.yaml:8:\d+ error YAML syntax error: .+ \[yaml-syntax\]$/);
    assert.match(
      lines.at(-1)!,
      /^1 problem \(1 error, 0 warnings, 0 info\) in 1 of 3 files checked, 1 Kubernetes object\.$/,
    );
  });

  it('prints the documented JSON with 1-based positions and the file as given', () => {
    const { code, stdout } = cli(['lint', 'k8s/broken.yaml', '--format', 'json'], dir);
    assert.equal(code, 1);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    assert.equal(rows.length, 1);
    assert.deepEqual(Object.keys(rows[0]!), [
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'ruleId',
      'severity',
      'message',
    ]);
    assert.equal(rows[0]!['file'], 'k8s/broken.yaml');
    assert.equal(rows[0]!['line'], 8);
    assert.equal(rows[0]!['ruleId'], 'yaml-syntax');
  });

  it('prints SARIF 2.1.0 with rule metadata and relative artifact URIs', () => {
    const { stdout } = cli(['lint', 'k8s', '--format', 'sarif'], dir);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'pod-doctor');
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'yaml-syntax'));
    const result = run.results[0];
    assert.equal(result.ruleId, 'yaml-syntax');
    assert.equal(result.level, 'error');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'yaml-syntax');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, {
      uri: 'k8s/broken.yaml',
      uriBaseId: '%SRCROOT%',
    });
    assert.equal(result.locations[0].physicalLocation.region.startLine, 8);
  });

  it('exit 0 when only clean files, and with a rule turned off', () => {
    assert.equal(cli(['lint', 'k8s/nested'], dir).code, 0);
    const off = cli(['lint', 'k8s', '--rule', 'yaml-syntax=off'], dir);
    assert.equal(off.code, 0);
    assert.match(off.stdout, /^No problems found \(3 files checked, 1 Kubernetes object\)\.$/m);
  });

  it('reads standard input with -', () => {
    const { code, stdout } = cli(
      ['lint', '-', '--format', 'json'],
      dir,
      'apiVersion: v1\nkind: Pod\nspec: [\n',
    );
    assert.equal(code, 1);
    assert.equal((JSON.parse(stdout) as Array<{ file: string }>)[0]?.file, '<stdin>');
  });

  it('text output: escape sequences and line breaks quoted from a manifest stay out of the terminal', () => {
    writeFileSync(
      join(dir, 'hostile.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: "a\\e]0;pwned\\a\\e[2J\\nb"\n      image: nginx:1.27\n',
    );
    try {
      const { stdout } = cli(['lint', 'hostile.yaml'], dir);
      assert.match(stdout, /The container "a b" has no memory limit/);
      assert.doesNotMatch(stdout, CONTROL_CHARACTERS);
      for (const line of stdout
        .trimEnd()
        .split('\n')
        .filter((l) => l.startsWith('hostile.yaml'))) {
        assert.match(line, /^hostile\.yaml:\d+:\d+ \w+ .* \[[a-z-]+\]$/);
      }
    } finally {
      rmSync(join(dir, 'hostile.yaml'));
    }
  });

  it('usage and I/O errors: one sentence on stderr, exit 2, no stack trace', () => {
    for (const args of [
      ['lint', 'missing.yaml'],
      ['lint', 'k8s', '--format', 'xml'],
      ['lint', 'k8s', '--rule', 'yaml-syntx=off'],
      ['lint', 'k8s', '--rule', 'yaml-syntax=loud'],
      ['lint'],
      ['lint', '--bogus'],
      ['frobnicate'],
    ]) {
      const { code, stderr, stdout } = cli(args, dir);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.equal(stdout, '');
      assert.match(stderr, /^pod-doctor: [^\n]+\n$/, `${args.join(' ')}: ${stderr}`);
      assert.doesNotMatch(stderr, /\bat .+:\d+:\d+/);
    }
    assert.match(cli(['lint', 'k8s', '--rule', 'yaml-syntx=off'], dir).stderr, /did you mean "yaml-syntax"/);
  });
});

describe('pod-doctor output to a closed pipe', function () {
  this.timeout(60_000);

  it('stops quietly when the reader goes away (`pod-doctor lint . | head -1`)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-pipe-'));
    try {
      // Enough findings that the JSON is larger than a pipe's buffer, so writes go on after the close.
      const pod = (i: number) =>
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: app\n      image: nginx\n`;
      writeFileSync(join(dir, 'many.yaml'), Array.from({ length: 3000 }, (_, i) => pod(i)).join('---\n'));
      const child = spawn(
        process.execPath,
        ['--import', TSX, MAIN, 'lint', 'many.yaml', '--format', 'json'],
        {
          cwd: dir,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Read the first chunk, then close our end, as `head` does.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
      assert.equal(stderr, '', 'nothing on stderr: no EPIPE stack trace');
      assert.ok(code === 0 || code === 1, `exit code ${code}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pod-doctor rules (CLI)', function () {
  this.timeout(30_000);
  it('lists every rule as text and JSON', () => {
    const text = cli(['rules'], root);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^yaml-syntax\s+error\s+YAML does not parse$/m);
    assert.match(text.stdout, /^With --cluster, failing pods .* live-\* findings .*#live-findings$/m);
    const json = JSON.parse(cli(['rules', '--format', 'json'], root).stdout) as Array<{
      id: string;
      docs: string;
    }>;
    assert.ok(json.find((r) => r.id === 'yaml-syntax')?.docs.endsWith('docs/rules.md#yaml-syntax'));
  });

  it('lists the live-* family with the severity and title of each diagnosis', () => {
    const text = cli(['rules'], root);
    assert.match(
      text.stdout,
      /^live-oom-killed\s+error\s+Live: A container is killed for running out of memory$/m,
    );
    const json = JSON.parse(cli(['rules', '--format', 'json'], root).stdout) as Array<{
      id: string;
      severity: string;
      title: string;
      docs: string;
    }>;
    const live = json.filter((r) => r.id.startsWith('live-'));
    assert.deepEqual(live.map((r) => r.id).sort(), [...LIVE_RULE_IDS].sort());
    const crash = live.find((r) => r.id === 'live-crash-loop');
    assert.equal(crash?.severity, 'error');
    assert.equal(crash?.title, 'Live: A container keeps crashing');
    assert.ok(crash?.docs.endsWith('docs/rules.md#live-findings'));
    // No healthy, pending or completed: those never become findings.
    assert.ok(!live.some((r) => /^live-(healthy|pending|completed)$/.test(r.id)));
  });
});
