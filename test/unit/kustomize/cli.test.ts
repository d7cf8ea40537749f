import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintText } from '../../../src/core/lint/engine';
import { allRules } from '../../../src/core/lint/rules';
import { hasKustomize, kubectlKustomize, SKIP_MESSAGE } from './kubectl';

const root = join(__dirname, '..', '..', '..');
const main = join(root, 'src', 'cli', 'main.ts');
const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const SHOP = join(root, 'test', 'fixtures', 'kustomize', 'shop');

interface Row {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
  via?: string[];
}

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, ['--import', tsx, main, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const row = (f: Row): string => `${f.file}:${f.line} ${f.ruleId} via ${(f.via ?? []).join(',')}`;
const ABSENCE = new Set(allRules.filter((r) => r.reportsAbsence).map((r) => r.id));
const PATCH_FILES = [
  'overlays/prod/resources.yaml',
  'overlays/prod/log-shipper.yaml',
  'overlays/prod/cpu-limit.yaml',
  'overlays/staging/probes.yaml',
];

describe('pod-doctor lint on a Kustomize repository (real Kustomize)', function () {
  this.timeout(60_000);
  let rows: Row[] = [];
  let code: number | null = null;
  let stderr = '';

  before(function () {
    if (!hasKustomize()) {
      console.log(`      ${SKIP_MESSAGE}`);
      this.skip();
    }
    const run = cli(['lint', '.', '--format', 'json'], SHOP);
    code = run.code;
    stderr = run.stderr;
    rows = JSON.parse(run.stdout) as Row[];
  });

  it('finds each planted mistake at the file and line that defines it, with the overlays it came through', () => {
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.deepEqual(rows.map(row), [
      // The prod patch adds a sidecar without limits; staging replaces the api's resources: the
      // object is the base's, so the finding is at its kind: line, never on a patch.
      'base/deployment.yaml:2 resources-memory-limit-missing via overlays/canary,overlays/prod,overlays/staging',
      'overlays/broken/kustomization.yaml:6 kustomize-build via ',
      // Set by the canary's images: transformer (newName).
      'overlays/canary/kustomization.yaml:9 image-invalid-name via overlays/canary',
      // A JSON 6902 patch file: at the operation's value.
      'overlays/prod/cpu-limit.yaml:4 resources-cpu-unit via overlays/canary,overlays/prod',
      // An inline JSON 6902 patch: on the line inside the block scalar.
      'overlays/prod/kustomization.yaml:26 schema-type via overlays/canary,overlays/prod',
      // The base requests 512Mi, the prod patch limits to 256Mi: at the patch's line.
      'overlays/prod/resources.yaml:13 resources-request-exceeds-limit via overlays/canary,overlays/prod',
      // `newTag: latest` in the staging kustomization.
      'overlays/staging/kustomization.yaml:9 image-latest-tag via overlays/staging',
      'overlays/staging/probes.yaml:14 probe-too-aggressive via overlays/staging',
      'overlays/staging/probes.yaml:18 resources-memory-unit via overlays/staging',
    ]);
  });

  it('reports nothing absent on a patch file (the false errors of the bug report are gone)', () => {
    const onPatches = rows.filter((r) => PATCH_FILES.includes(r.file));
    assert.ok(onPatches.length > 0);
    assert.deepEqual(
      onPatches.filter((r) => ABSENCE.has(r.ruleId)),
      [],
    );
    assert.deepEqual(
      rows.filter((r) => r.file.endsWith('log-shipper.yaml')),
      [],
      'a patch that only adds a sidecar has nothing wrong in itself',
    );
  });

  it('carries Kustomize’s own message for a kustomization that does not build, without a stack trace', () => {
    const failure = rows.find((r) => r.ruleId === 'kustomize-build')!;
    assert.equal(failure.severity, 'error');
    assert.match(
      failure.message,
      /^Kustomize cannot build this kustomization: .*replicas\.yaml.*no such file or directory/,
    );
    assert.doesNotMatch(failure.message, /\n|at .+\.ts:\d+|# Warning/);
  });

  it('finds in Kustomize’s own output every problem it maps back (compared with kubectl kustomize)', () => {
    for (const overlay of ['overlays/prod', 'overlays/staging', 'overlays/canary']) {
      const rendered = lintText(kubectlKustomize(join(SHOP, overlay))).findings;
      const expected = [...new Set(rendered.map((f) => f.ruleId))].sort();
      const mapped = [...new Set(rows.filter((r) => r.via?.includes(overlay)).map((r) => r.ruleId))].sort();
      assert.deepEqual(mapped, expected, overlay);
    }
  });

  it('prints "(via …)" in text output and a related location in SARIF', () => {
    const text = cli(['lint', 'overlays/prod'], SHOP).stdout;
    assert.match(
      text,
      /^overlays\/prod\/resources\.yaml:13:23 error The container "api" requests 512Mi of memory but its limit is 256Mi; .* \[resources-request-exceeds-limit\] \(via overlays\/prod\)$/m,
    );
    // The base is outside the linted directory; the finding there is still reported where it is fixed.
    assert.match(
      text,
      /^base\/deployment\.yaml:2:1 info .* \[resources-memory-limit-missing\] \(via overlays\/prod\)$/m,
    );
    const sarif = JSON.parse(cli(['lint', 'overlays/prod', '--format', 'sarif'], SHOP).stdout) as {
      runs: {
        results: {
          ruleId: string;
          relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'resources-request-exceeds-limit')!;
    assert.equal(result.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri, 'overlays/prod');
  });
});

describe('pod-doctor lint without Kustomize', function () {
  this.timeout(60_000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-no-kustomize-'));
    cpSync(SHOP, dir, { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('says so once and lints the patches as partial objects', () => {
    const { code, stdout, stderr } = cli(['lint', '.', '--format', 'json'], dir, {
      ...process.env,
      PATH: '/nonexistent',
    });
    assert.equal(code, 1, stderr);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(
      stderr,
      /^pod-doctor: note: Kustomize was not found .* patches were linted as partial objects/,
    );
    const found = (JSON.parse(stdout) as Row[]).map((r) => `${r.file}:${r.line} ${r.ruleId}`);
    assert.deepEqual(found, [
      'overlays/prod/cpu-limit.yaml:4 resources-cpu-unit',
      'overlays/prod/kustomization.yaml:26 schema-type',
      'overlays/staging/probes.yaml:14 probe-too-aggressive',
      'overlays/staging/probes.yaml:18 resources-memory-unit',
    ]);
  });
});

describe('pod-doctor lint on a Kustomize repository with a .pod-doctor.yaml', function () {
  this.timeout(60_000);
  let dir = '';
  before(function () {
    if (!hasKustomize()) {
      console.log(`      ${SKIP_MESSAGE}`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-kustomize-config-'));
    cpSync(SHOP, dir, { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const lint = (config: string): string[] => {
    writeFileSync(join(dir, '.pod-doctor.yaml'), config);
    const { stdout, stderr } = cli(['lint', '.', '--format', 'json'], dir);
    assert.equal(stderr, '');
    return (JSON.parse(stdout) as Row[]).map((r) => `${r.file}:${r.line} ${r.ruleId} ${r.severity}`);
  };

  it('gives rendered findings the rule levels of the file they land on', () => {
    const found = lint('rules:\n  resources-cpu-unit: off\n  image-latest-tag: error\n');
    assert.ok(!found.some((f) => f.includes('resources-cpu-unit')), found.join('\n'));
    assert.ok(
      found.includes('overlays/staging/kustomization.yaml:9 image-latest-tag error'),
      found.join('\n'),
    );
  });

  it('renders nothing when kustomize.enabled is false, and still lints patches as partial objects', () => {
    const found = lint('kustomize:\n  enabled: false\n');
    assert.deepEqual(found, [
      'overlays/prod/cpu-limit.yaml:4 resources-cpu-unit warning',
      'overlays/prod/kustomization.yaml:26 schema-type error',
      'overlays/staging/probes.yaml:14 probe-too-aggressive warning',
      'overlays/staging/probes.yaml:18 resources-memory-unit warning',
    ]);
  });
});
