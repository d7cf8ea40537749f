import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/engine';
import { parseManifests } from '../../../src/core/manifest/parse';
import { startDemoCluster } from '../../../src/demo/index';
import { sampleFile, workloadOf } from '../../../src/demo/scenario';
import { allScenarios } from '../../../src/demo/scenarios';
import { getJson } from './http';

/**
 * sample/ holds the manifests that "produced" the demo pods: same specs, same mistakes. Each
 * scenario file declares the lint findings its manifest must have.
 */

const SAMPLE = join(__dirname, '..', '..', '..', 'sample');

function sampleFiles(): string[] {
  return readdirSync(SAMPLE, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

describe('sample workspace', () => {
  it('flags the mistakes that make the demo pods fail, where they are written', () => {
    const found = new Set<string>();
    for (const file of sampleFiles()) {
      const { findings } = lintText(readFileSync(join(SAMPLE, file), 'utf8'));
      for (const f of findings) found.add(`${file}:${f.start.line + 1} ${f.ruleId}`);
    }
    const declared = allScenarios.flatMap((s) =>
      (s.lint ?? []).map((finding) => `${sampleFile(workloadOf(s.manifest))}:${finding}`),
    );
    assert.ok(declared.length >= 5, `only ${declared.length} lint findings declared by the scenarios`);
    for (const expected of declared) {
      assert.ok(found.has(expected), `expected ${expected}; found:\n${[...found].join('\n')}`);
    }
  });

  it('has the same pod templates as the demo cluster’s workloads', async () => {
    const cluster = await startDemoCluster();
    try {
      let compared = 0;
      // sample/cluster/ holds manifests not applied yet: the cluster-aware lint judges them.
      for (const file of sampleFiles().filter((f) => !f.startsWith('cluster/'))) {
        for (const doc of parseManifests(readFileSync(join(SAMPLE, file), 'utf8')).documents) {
          const object = doc.value as {
            kind?: string;
            metadata?: { name?: string; namespace?: string };
            spec?: Record<string, unknown>;
          };
          const plural = { Deployment: 'deployments', StatefulSet: 'statefulsets' }[object.kind ?? ''];
          if (!plural) continue;
          const live = await getJson<Record<string, unknown>>(
            cluster,
            `/apis/apps/v1/namespaces/${object.metadata?.namespace}/${plural}/${object.metadata?.name}`,
          );
          const liveSpec = (
            (live.spec as Record<string, unknown>).template as { spec: Record<string, unknown> }
          ).spec;
          const sampleSpec = (object.spec?.template as { spec: Record<string, unknown> }).spec;
          assert.deepEqual(
            withoutDefaults(liveSpec),
            sampleSpec,
            `${file} differs from the demo's ${object.kind}`,
          );
          compared++;
        }
      }
      const workloads = allScenarios
        .filter((s) => s.inSample !== false)
        .map((s) => workloadOf(s.manifest).kind)
        .filter((kind) => kind === 'Deployment' || kind === 'StatefulSet');
      assert.equal(compared, workloads.length);
      assert.ok(compared >= 24);
    } finally {
      await cluster.close();
    }
  });
});

/** The demo keeps the defaults the API server would add (protocol: TCP …); sample files omit them. */
function withoutDefaults(value: unknown): unknown {
  const defaults: Record<string, unknown> = {
    protocol: 'TCP',
    scheme: 'HTTP',
    successThreshold: 1,
    defaultMode: 420,
  };
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => defaults[k] !== v)
        .map(([k, v]) => [k, withoutDefaults(v)]),
    );
  }
  return value;
}
