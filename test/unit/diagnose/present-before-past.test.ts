import assert from 'node:assert/strict';
import { explanationExitCode } from '../../../src/core/diagnose';
import { explainFixture } from './pod-fixtures';

/** The present state of a pod comes first; every current problem is listed; the past stays below. */
describe('present before past', () => {
  it('a pod running and ready for days after one old OOM kill is healthy, with the kill as info', () => {
    const e = explainFixture('healthy-past-oom');
    assert.deepEqual(
      e.diagnoses.map((d) => [d.id, d.severity]),
      [
        ['healthy', 'info'],
        ['oom-killed', 'info'],
      ],
    );
    assert.equal(explanationExitCode(e), 0);
    assert.match(e.diagnoses[1]!.title, /^Container "app" was killed for running out of memory 3d2h ago$/);
    assert.ok(
      e.diagnoses[1]!.evidence.some(
        (x) => x.path === 'status.containerStatuses[app].lastState.terminated.reason',
      ),
    );
  });

  it('a recent OOM kill of a container that recovered stays a warning on top', () => {
    const e = explainFixture('oom-killed-recovered');
    assert.deepEqual(
      e.diagnoses.map((d) => [d.id, d.severity]),
      [['oom-killed', 'warning']],
    );
  });

  it('an evicted pod whose container was OOM-killed at its limit gets both', () => {
    const e = explainFixture('evicted-after-oom');
    const oom = e.diagnoses.find((d) => d.id === 'oom-killed');
    assert.ok(oom, 'no oom-killed diagnosis');
    assert.equal(oom.severity, 'error');
    assert.ok(oom.evidence.some((x) => /limits\.memory: 1Gi/.test(x.text)));
    assert.ok(
      oom.evidence.some(
        (x) =>
          x.path === 'status.containerStatuses[app].lastState.terminated.reason' && /^OOMKilled/.test(x.text),
      ),
    );
    assert.deepEqual(
      oom.fixes.map((f) => [f.specPath, f.value]),
      [['spec.containers[app].resources.limits.memory', '1280Mi']],
    );
  });

  it('an eviction without an OOM kill stays one diagnosis', () => {
    assert.deepEqual(
      explainFixture('evicted-memory-pressure').diagnoses.map((d) => d.id),
      ['evicted'],
    );
  });

  it('a Job pod that exited 1 under restartPolicy Never failed once: no back-off, no "keeps crashing"', () => {
    const e = explainFixture('job-failed-exit-1');
    const top = e.diagnoses[0]!;
    assert.equal(top.id, 'failed');
    assert.match(top.summary, /exited with 1 \(application error\); it will not be restarted\./);
    assert.doesNotMatch(`${top.title} ${top.summary}`, /keeps crashing|back-off|retry/i);
    assert.equal(explanationExitCode(e), 1);
  });
});
