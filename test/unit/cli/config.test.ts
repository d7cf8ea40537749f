import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfigFile } from '../../../src/node/config-file';
import { cli } from './run-cli';

/** A pod with a latest tag (info), no memory limit (info) and a milli memory request (warning). */
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:latest
      resources:
        requests:
          memory: 512m
`;

interface Row {
  file: string;
  line: number;
  ruleId: string;
  severity: string;
}
const rowsOf = (stdout: string): string[] =>
  (JSON.parse(stdout) as Row[]).map((r) => `${r.file}:${r.line} ${r.severity} ${r.ruleId}`);

describe('.pod-doctor.yaml in the CLI', function () {
  this.timeout(30_000);
  let dir = '';
  const write = (path: string, text: string): void => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-config-'));
    mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
    write('repo/k8s/web.yaml', POD);
    write('repo/k8s/jobs/backup.yaml', POD);
    write('repo/k8s/generated/out.yaml', POD);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('applies rules, overrides and ignore of the nearest config file, and --rule wins over it', () => {
    write(
      'repo/.pod-doctor.yaml',
      [
        'rules:',
        '  image-latest-tag: off',
        '  resources-memory-unit: error',
        'ignore: [generated/]',
        'overrides:',
        '  - files: ["k8s/jobs/**"]',
        '    rules: { resources-memory-limit-missing: off, resources-memory-unit: warning }',
        '',
      ].join('\n'),
    );
    const run = cli(['lint', 'k8s', '--format', 'json'], join(dir, 'repo'));
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(rowsOf(run.stdout), [
      'k8s/jobs/backup.yaml:11 warning resources-memory-unit',
      'k8s/web.yaml:9 info resources-memory-limit-missing',
      'k8s/web.yaml:11 error resources-memory-unit',
    ]);
    const flagged = cli(
      ['lint', 'k8s/web.yaml', '--rule', 'resources-memory-unit=info', '--format', 'json'],
      join(dir, 'repo'),
    );
    assert.equal(flagged.code, 0, flagged.stderr);
    assert.deepEqual(rowsOf(flagged.stdout), [
      'k8s/web.yaml:9 info resources-memory-limit-missing',
      'k8s/web.yaml:11 info resources-memory-unit',
    ]);
    // A file named on the command line is linted even when ignored.
    const named = cli(['lint', 'k8s/generated/out.yaml', '--format', 'json'], join(dir, 'repo'));
    assert.equal(rowsOf(named.stdout).length, 2, named.stderr);
  });

  it('the nearest config wins, and the search stops at the repository root', async () => {
    write('.pod-doctor.yaml', 'rules: { resources-memory-unit: off }\n');
    write('repo/k8s/jobs/.pod-doctor.yaml', 'rules: { image-latest-tag: error }\n');
    assert.equal(await findConfigFile(join(dir, 'repo', 'k8s')), undefined);
    assert.equal(
      await findConfigFile(join(dir, 'repo', 'k8s', 'jobs')),
      join(dir, 'repo', 'k8s', 'jobs', '.pod-doctor.yaml'),
    );
    assert.equal(
      await findConfigFile(join(dir, 'repo', 'k8s'), [join(dir, 'repo', 'k8s')]),
      undefined,
      'a workspace folder also stops the search',
    );
    const run = cli(['lint', 'k8s', '--format', 'json'], join(dir, 'repo'));
    assert.deepEqual(rowsOf(run.stdout), [
      'k8s/generated/out.yaml:8 info image-latest-tag',
      'k8s/generated/out.yaml:9 info resources-memory-limit-missing',
      'k8s/generated/out.yaml:11 warning resources-memory-unit',
      'k8s/jobs/backup.yaml:8 error image-latest-tag',
      'k8s/jobs/backup.yaml:9 info resources-memory-limit-missing',
      'k8s/jobs/backup.yaml:11 warning resources-memory-unit',
      'k8s/web.yaml:8 info image-latest-tag',
      'k8s/web.yaml:9 info resources-memory-limit-missing',
      'k8s/web.yaml:11 warning resources-memory-unit',
    ]);
  });

  it('--config replaces the search', () => {
    write('repo/.pod-doctor.yaml', 'rules: { image-latest-tag: error }\n');
    write('ci.yaml', 'rules: { image-latest-tag: off, resources-memory-limit-missing: off }\n');
    const run = cli(
      ['lint', 'k8s/web.yaml', '--config', '../ci.yaml', '--format', 'json'],
      join(dir, 'repo'),
    );
    assert.deepEqual(rowsOf(run.stdout), ['k8s/web.yaml:11 warning resources-memory-unit']);
  });

  it('kubernetesVersion reaches the rules: an API the target still serves is a warning, not an error', () => {
    write('repo/.pod-doctor.yaml', 'kubernetesVersion: "1.24"\n');
    write(
      'repo/k8s/pdb.yaml',
      'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: db\n',
    );
    const run = cli(['lint', 'k8s/pdb.yaml', '--format', 'json'], join(dir, 'repo'));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(rowsOf(run.stdout), ['k8s/pdb.yaml:1 warning schema-api-version']);
  });

  it('a config file with mistakes prints FILE:LINE: message for each and exits 2 without linting', () => {
    write('repo/.pod-doctor.yaml', 'rules:\n  image-latest-tags: off\n  image-pull-never: fatal\n');
    const run = cli(['lint', 'k8s'], join(dir, 'repo'));
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.deepEqual(run.stderr.trimEnd().split('\n'), [
      '.pod-doctor.yaml:2: Unknown rule "image-latest-tags" (did you mean "image-latest-tag"?); run `pod-doctor rules` for the list.',
      '.pod-doctor.yaml:3: Unknown level "fatal" for rule image-pull-never; use off, info, warning or error.',
      'pod-doctor: The config file has 2 problems (above); fix them and run again.',
    ]);
    const missing = cli(['lint', 'k8s', '--config', 'nope.yaml'], join(dir, 'repo'));
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'pod-doctor: Cannot read the config file "nope.yaml": no such file.\n');
  });
});

describe('pod-doctor init', function () {
  this.timeout(30_000);

  it('writes the commented starter file, which lint then reads, and never overwrites it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-init-'));
    try {
      const first = cli(['init'], dir);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(
        first.stdout,
        'Wrote .pod-doctor.yaml. Edit its rules, ignore and overrides; `pod-doctor lint` and the editor read it.\n',
      );
      const written = readFileSync(join(dir, '.pod-doctor.yaml'), 'utf8');
      assert.match(written, /^# Pod Doctor configuration/);
      writeFileSync(join(dir, '.pod-doctor.yaml'), 'rules: { image-latest-tag: off }\n');
      const second = cli(['init'], dir);
      assert.equal(second.code, 2);
      assert.equal(
        second.stderr,
        'pod-doctor: .pod-doctor.yaml already exists; edit it, or remove it to start over.\n',
      );
      assert.equal(readFileSync(join(dir, '.pod-doctor.yaml'), 'utf8'), 'rules: { image-latest-tag: off }\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
