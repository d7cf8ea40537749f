import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findHelm } from '../../../src/node/helm';
import { cli } from './run-cli';

/** The fixture charts and the stand-in helm (a script printing Helm's output format; see its header). */
const HELM = join(__dirname, '..', '..', 'fixtures', 'helm');
const STAND_IN = join(HELM, 'bin');
/** PATH without any helm, and PATH with the stand-in first. */
const withoutHelm = { PATH: process.env['PATH'] ?? '' };
const withHelm = { PATH: `${STAND_IN}${delimiter}${process.env['PATH'] ?? ''}` };

interface Row {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
}
const rows = (stdout: string) => JSON.parse(stdout) as Row[];

describe('Helm charts in the CLI (stand-in helm)', function () {
  this.timeout(60_000);
  let dir = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-helm-'));
    cpSync(join(HELM, 'charts'), join(dir, 'charts'), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('renders a chart with helm and reports on the template lines, naming the values keys', () => {
    const run = cli(['lint', 'charts/web', '--format', 'json'], dir, undefined, withHelm);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(
      rows(run.stdout).map((r) => `${r.file}:${r.line}:${r.column} ${r.severity} ${r.ruleId}`),
      [
        'charts/web/templates/deployment.yaml:19:11 info image-latest-tag',
        'charts/web/templates/deployment.yaml:28:13 warning probe-timeout-exceeds-period',
        'charts/web/templates/deployment.yaml:29:11 error resources-request-exceeds-limit',
      ],
    );
    assert.match(rows(run.stdout)[2]!.message, /\(value from \.Values\.resources\.requests\.memory\)$/);
  });

  it('passes helm.values of the config file as --values, uses helm.bin, and applies the config rules', () => {
    const args = join(dir, 'helm-args.txt');
    writeFileSync(
      join(dir, '.pod-doctor.yaml'),
      `rules: { image-latest-tag: off }\nhelm:\n  bin: ${join(STAND_IN, 'helm')}\n  values: [values-prod.yaml]\n`,
    );
    try {
      const run = cli(['lint', 'charts/web', '--format', 'json'], dir, undefined, {
        ...withoutHelm,
        HELM_STANDIN_ARGS: args,
      });
      assert.equal(run.code, 1, run.stderr);
      assert.deepEqual(
        rows(run.stdout).map((r) => r.ruleId),
        ['probe-timeout-exceeds-period', 'resources-request-exceeds-limit'],
      );
      assert.deepEqual(readFileSync(args, 'utf8').trimEnd().split('\n'), [
        'template',
        join(dir, 'charts', 'web'),
        '--values',
        join(dir, 'values-prod.yaml'),
      ]);
    } finally {
      rmSync(join(dir, '.pod-doctor.yaml'));
    }
  });

  it("a chart helm cannot render gives one helm-template error with Helm's message, at the line Helm names", () => {
    const run = cli(['lint', 'charts/broken', '--format', 'json'], dir, undefined, withHelm);
    assert.equal(run.code, 1, run.stderr);
    const [only, ...more] = rows(run.stdout);
    assert.equal(more.length, 0);
    assert.equal(
      `${only?.file}:${only?.line}:${only?.column} ${only?.ruleId}`,
      'charts/broken/templates/deployment.yaml:10:28 helm-template',
    );
    assert.equal(
      only?.message,
      'helm template failed: template: broken/templates/deployment.yaml:10:28: executing "broken/templates/deployment.yaml" at <.Values.image.repository>: nil pointer evaluating interface {}.repository. Fix the chart so that helm template succeeds.',
    );
  });

  it('without helm, a template keeps the single "render it first" note, which says to install helm', async function () {
    if (await findHelm()) this.skip(); // a machine with a real helm renders the chart instead
    const run = cli(
      ['lint', 'charts/web/templates/service.yaml', '--format', 'json'],
      dir,
      undefined,
      withoutHelm,
    );
    const [note, ...more] = rows(run.stdout);
    assert.equal(more.length, 0, run.stdout);
    assert.equal(note?.ruleId, 'yaml-syntax');
    assert.match(
      note?.message ?? '',
      /render it first \(helm template … \| pod-doctor lint -\), or install helm to lint charts/,
    );
  });

  it('finds helm on PATH or at helm.bin, and nothing when neither has it', async () => {
    assert.equal(await findHelm(undefined, withHelm.PATH), join(STAND_IN, 'helm'));
    assert.equal(await findHelm(join(STAND_IN, 'helm'), ''), join(STAND_IN, 'helm'));
    assert.equal(await findHelm(undefined, join(HELM, 'charts')), undefined);
  });
});
