import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFile, workloadOf } from '../../../src/demo/scenario';
import { allScenarios } from '../../../src/demo/scenarios';
import {
  generatedFiles,
  relativeToRoot,
  SAMPLE,
  sampleFilesOf,
  scenarioIds,
} from '../../../scripts/scenario-files';

/** One file per scenario: what is generated from the files matches them. */

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
});
