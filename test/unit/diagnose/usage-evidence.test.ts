import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainPod } from '../../../src/core/diagnose';
import type { DiagnoseInput } from '../../../src/core/diagnose/types';
import type { PodMetrics } from '../../../src/core/usage';

const DIR = join(__dirname, '..', '..', 'fixtures', 'pods');

function fixture(name: string): DiagnoseInput {
  const f = JSON.parse(readFileSync(join(DIR, `${name}.pod.json`), 'utf8')) as DiagnoseInput & {
    now: string;
  };
  return { ...f, nowMs: Date.parse(f.now) };
}

const metrics = (container: string, cpu: string, memory: string): PodMetrics => ({
  metadata: { name: 'p', namespace: 'ns' },
  window: '15s',
  containers: [{ name: container, usage: { cpu, memory } }],
});

describe('usage as evidence (metrics.k8s.io)', () => {
  it('adds "using 249Mi of its 256Mi memory limit" to an OOM kill', () => {
    const input = fixture('oom-killed-limit');
    const without = explainPod(input).diagnoses.find((d) => d.id === 'oom-killed');
    const withUsage = explainPod({
      ...input,
      metrics: metrics('app', '120m', `${249 * 1024}Ki`),
    }).diagnoses.find((d) => d.id === 'oom-killed');
    assert.ok(without && withUsage);
    assert.equal(withUsage.evidence.length, without.evidence.length + 1);
    assert.equal(
      withUsage.evidence.at(-1)?.text,
      'Container "app" is using 249Mi of its 256Mi memory limit (97%). (metrics.k8s.io, 15s window)',
    );
  });

  it('adds CPU near its limit to probes that time out, and nothing when usage is low', () => {
    const input = fixture('liveness-timeout-exit-137');
    const id = explainPod(input).diagnoses[0]?.id;
    assert.equal(id, 'liveness-restarts');
    const near = explainPod({ ...input, metrics: metrics('app', '195m', '100Mi') }).diagnoses[0];
    assert.match(
      near?.evidence.at(-1)?.text ?? '',
      /is using 195m of its 200m CPU limit \(98%\): it is throttled/,
    );
    const low = explainPod({ ...input, metrics: metrics('app', '20m', '100Mi') }).diagnoses[0];
    assert.equal(low?.evidence.length, explainPod(input).diagnoses[0]?.evidence.length);
  });
});
