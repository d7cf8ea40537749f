import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainPod } from '../../../src/core/diagnose';
import type { DiagnoseInput, DiagnosisId, Explanation, Severity } from '../../../src/core/diagnose';

/**
 * The real-shaped pods of test/fixtures/pods: `NAME.pod.json` holds the pod with its events, logs,
 * node and owners as they were read, and the time they were read at; `NAME.expect.json` says what
 * explaining it must give.
 */
const POD_FIXTURES_DIR = join(__dirname, '..', '..', 'fixtures', 'pods');

/** Strings under headline, summary, evidence[].text, cause, causes[] and fixes[].text are regular expressions. */
export interface Expectation {
  /** Every diagnosis id, most important first. */
  ids: DiagnosisId[];
  /** Ids the pod resembles but must not get (near misses). */
  not?: DiagnosisId[];
  severity: Severity;
  status: string;
  container?: string;
  headline?: string;
  summary?: string;
  /** Evidence of the first diagnosis: at `path`, a text matching (path '' = any evidence). */
  evidence?: Array<{ path: string; text: string }>;
  /** The first (most likely) cause. */
  cause?: string;
  /** Some cause of the first diagnosis (any rank). */
  causes?: string[];
  /** Timeline lines (`source text`) that must appear. */
  timeline?: string[];
  /** Fixes of the first diagnosis: specPath and, when given, the exact value. */
  fixes?: Array<{ specPath?: string; value?: string; text?: string }>;
}

interface PodFixture extends Omit<DiagnoseInput, 'nowMs'> {
  description: string;
  now: string;
}

function namesEndingIn(suffix: string): string[] {
  return readdirSync(POD_FIXTURES_DIR)
    .filter((f) => f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length))
    .sort();
}

export const fixtureNames = namesEndingIn('.pod.json');
export const expectationNames = namesEndingIn('.expect.json');

function loadFixture(name: string): PodFixture {
  return JSON.parse(readFileSync(join(POD_FIXTURES_DIR, `${name}.pod.json`), 'utf8')) as PodFixture;
}

export function loadExpectation(name: string): Expectation | undefined {
  const file = join(POD_FIXTURES_DIR, `${name}.expect.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Expectation) : undefined;
}

export function explainFixture(name: string): Explanation {
  const fixture = loadFixture(name);
  return explainPod({ ...fixture, nowMs: Date.parse(fixture.now) });
}
