import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readScenario, sampleFile, workloadOf } from '../../../src/demo/scenario';
import { allScenarios } from '../../../src/demo/scenarios';
import {
  generatedFiles,
  relativeToRoot,
  SAMPLE,
  sampleFilesOf,
  scenarioIds,
} from '../../../scripts/scenario-files';

/** One file per scenario (and code beside it where needed): what is generated from the files matches them. */

describe('demo scenarios as data', function () {
  this.timeout(60_000);

  it('has current generated files: the index, sample/ and the sample README table (npm run gen:scenarios)', async () => {
    const stale: string[] = [];
    for (const [path, text] of await generatedFiles()) {
      let current: string | undefined;
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        current = undefined;
      }
      if (current !== text) stale.push(relativeToRoot(path));
    }
    assert.deepEqual(stale, [], `stale: run \`npm run gen:scenarios\``);
  });

  it('lists every scenario file in the index, in file-name order', () => {
    const ids = allScenarios.map((s) => {
      const w = workloadOf(s.manifest);
      return `${w.namespace}/${w.name}`;
    });
    assert.deepEqual(ids, scenarioIds());
    assert.deepEqual(
      allScenarios.map((s) => s.id),
      ids,
    );
    assert.ok(ids.length >= 27);
  });

  it('leaves no manifest in the scenarios’ sample folders that no scenario owns', () => {
    const owned = new Set(allScenarios.flatMap((s) => sampleFilesOf(s).map(([path]) => path)));
    const folders = new Set([...owned].map((path) => path.split('/')[0] ?? ''));
    const orphans = [...folders].flatMap((folder) =>
      readdirSync(join(SAMPLE, folder))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `${folder}/${f}`)
        .filter((path) => !owned.has(path)),
    );
    assert.deepEqual(orphans, []);
  });

  it('gives every scenario its README row', () => {
    for (const scenario of allScenarios) {
      const file = sampleFile(workloadOf(scenario.manifest));
      assert.ok(scenario.shows.trim() && scenario.wrong.trim(), `${file}: "shows" or "wrong" is empty`);
    }
  });

  it('plays most scenarios from data: crash loops, image pulls, unschedulable pods', () => {
    const kinds: string[] = allScenarios.map((s) => (typeof s.play === 'function' ? 'code' : s.play.kind));
    for (const kind of ['crash-loop', 'image-pull', 'unschedulable'])
      assert.ok(kinds.includes(kind), `no scenario plays ${kind}`);
    assert.ok(kinds.filter((k) => k !== 'code').length >= 14, kinds.join(' '));
  });
});

describe('reading a scenario file', () => {
  const manifest = `apiVersion: batch/v1
kind: Job
metadata:
  name: once
  namespace: batch
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: once
          image: busybox:1.37
`;
  const file = (head: string): string => `${head}\n---\n${manifest}`;
  const play = `play:
  kind: crash-loop
  createdAgo: 1h5m
  container: once
  runSeconds: 2
  exitCode: 1
  reason: Error
  log: |
    0 starting
    2
    2 \tat Main.main(Main.java:3)`;

  it('splits the scenario document from the manifest, and keeps the data as written', () => {
    const s = readScenario(
      'batch/once',
      file(`shows: Failed\nwrong: it exits 1\ndiagnosis: failed\n${play}`),
    );
    assert.equal(s.manifest, manifest);
    assert.equal(s.diagnosis, 'failed');
    assert.deepEqual(typeof s.play === 'function' ? undefined : s.play.kind, 'crash-loop');
    assert.equal(sampleFile(workloadOf(s.manifest)), 'batch/once.yaml');
  });

  it('takes the play of the code beside the file when the file has none', () => {
    const code = (): void => undefined;
    assert.equal(readScenario('batch/once', file('shows: Failed\nwrong: it exits 1'), code).play, code);
  });

  it('says where the manifest starts when the file has no `---` line', () => {
    assert.throws(
      () => readScenario('batch/once', `shows: Failed\nwrong: it exits 1\n${play}\n${manifest}`),
      /^Error: src\/demo\/scenarios\/batch\/once\.yaml: put the manifest after a `---` line/,
    );
  });

  const cases: Array<[string, string, RegExp, (() => void)?]> = [
    ['a list on top', '- shows', /must be a mapping/],
    ['no row', play, /`shows` and `wrong` are required/],
    [
      'a misspelt field',
      `shows: Failed\nwrong: it exits 1\ndiagnosys: failed\n${play}`,
      /unknown field diagnosys/,
    ],
    ['no play', 'shows: Failed\nwrong: it exits 1', /needs a `play`/],
    ['play twice', `shows: Failed\nwrong: it exits 1\n${play}`, /keep one/, () => undefined],
    [
      'an unknown kind',
      'shows: Failed\nwrong: it exits 1\nplay:\n  kind: explode',
      /`kind` must be one of crash-loop/,
    ],
    [
      'a bad duration',
      `shows: Failed\nwrong: it exits 1\n${play.replace('1h5m', '65 minutes')}`,
      /`createdAgo` must be a duration/,
    ],
    [
      'an event with a stray key',
      `shows: Failed\nwrong: it exits 1\n${play}\n  onEnd:\n    - { reason: Killing, message: a, b }`,
      /`onEnd` must be a list of events/,
    ],
    [
      'a missing field',
      `shows: Failed\nwrong: it exits 1\n${play.replace('  exitCode: 1\n', '')}`,
      /`exitCode` must be a number/,
    ],
  ];
  for (const [what, head, message, code] of cases)
    it(`says what is wrong, naming the file: ${what}`, () => {
      assert.throws(
        () => readScenario('batch/once', file(head), code),
        (e: Error) => e.message.startsWith('src/demo/scenarios/batch/once.yaml: ') && message.test(e.message),
      );
    });
});
