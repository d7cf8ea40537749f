import { availableParallelism } from 'node:os';
import { lintText } from '../core/lint/engine';
import type { Finding, LintOptions, SeveritySetting } from '../core/lint/types';
import { computeLineStarts, positionAt } from '../core/manifest/parse';

/** Below this much YAML, starting a worker costs more than it saves. */
const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;
const MAX_WORKERS = 4;
const WORKER_FLAG = 'podDoctorLintWorker';
/** Added to a lint worker's argv, so that the main thread can tell it is not one without loading worker_threads. */
const WORKER_ARG = '--pod-doctor-lint-worker';

/** node:worker_threads, loaded only when workers are used (loading it costs every run a few ms). */
function threads(): typeof import('node:worker_threads') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  return require('node:worker_threads') as typeof import('node:worker_threads');
}

interface Part {
  readonly id: number;
  readonly text: string;
}
interface PartResult {
  readonly id: number;
  readonly findings: Finding[];
  readonly objects: number;
}

export interface FileResult {
  readonly findings: Finding[];
  readonly objects: number;
}

/**
 * Lints the texts, spreading large inputs over worker threads: each file is cut at `---` lines
 * into about as many parts as there are cores, the parts are linted in parallel (the main thread
 * takes a share), and the findings are shifted back to whole-file positions.
 */
export async function lintTexts(
  texts: readonly string[],
  rules: Readonly<Record<string, SeveritySetting>>,
  target: TargetOptions = {},
): Promise<FileResult[]> {
  const total = texts.reduce((n, t) => n + t.length, 0);
  const threads = threadCount();
  if (total < PARALLEL_MIN_BYTES || threads < 2) {
    return texts.map((text) => {
      const { findings, objects } = lintText(text, { ...target, rules });
      return { findings: [...findings], objects };
    });
  }
  const partSize = Math.ceil(total / threads);
  const parts: Array<Part & { file: number; start: number; line: number }> = [];
  texts.forEach((text, file) => {
    for (const [start, end] of cutAtDocuments(text, partSize)) {
      parts.push({ id: parts.length, file, start, line: 0, text: text.slice(start, end) });
    }
  });
  // Greedy balance by size: the biggest part goes to the least loaded thread (thread 0 = this one).
  const loads = Array.from({ length: threads }, () => ({ bytes: 0, parts: [] as Part[] }));
  for (const part of [...parts].sort((a, b) => b.text.length - a.text.length)) {
    const least = loads.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    least.bytes += part.text.length;
    least.parts.push({ id: part.id, text: part.text });
  }
  const [own, ...others] = loads;
  const pending = others.filter((l) => l.parts.length > 0).map((l) => runWorker(l.parts));
  const results = lintParts(own?.parts ?? []);
  for (const r of await Promise.all(pending)) results.push(...r);

  const byId = new Map(results.map((r) => [r.id, r]));
  const lineStartsOf = texts.map((t) => (t.length > 0 ? computeLineStarts(t) : [0]));
  const out: FileResult[] = texts.map(() => ({ findings: [], objects: 0 }));
  for (const part of parts) {
    const result = byId.get(part.id);
    if (!result) continue;
    const starts = lineStartsOf[part.file]!;
    const lineShift = positionAt(starts, part.start).line;
    const file = out[part.file]!;
    (file as { objects: number }).objects += result.objects;
    for (const f of result.findings) {
      file.findings.push({
        ...f,
        range: { start: f.range.start + part.start, end: f.range.end + part.start },
        start: { line: f.start.line + lineShift, character: f.start.character },
        end: { line: f.end.line + lineShift, character: f.end.character },
      });
    }
  }
  return out;
}

/**
 * Threads to lint with: `POD_DOCTOR_LINT_THREADS` when set (1 turns workers off). By default workers
 * are used from 4 cores on: measured on 2 cores, a second thread is slower than one, because V8's
 * garbage collector and compiler threads then compete with it.
 */
function threadCount(): number {
  const wanted = Number(process.env['POD_DOCTOR_LINT_THREADS']);
  if (Number.isInteger(wanted) && wanted >= 1) return Math.min(wanted, MAX_WORKERS);
  const cores = availableParallelism();
  return cores >= 4 ? Math.min(MAX_WORKERS, cores) : 1;
}

function lintParts(parts: readonly Part[]): PartResult[] {
  return parts.map(({ id, text }) => {
    const { findings, objects } = lintText(text, currentOptions);
    // Fixes carry offsets into the part and are not printed by the CLI.
    return { id, objects, findings: findings.map(({ fix: _fix, ...f }) => f) };
  });
}

/** Lint options besides the rule levels: the target cluster. */
export type TargetOptions = Omit<LintOptions, 'rules'>;

let currentOptions: LintOptions = {};

function runWorker(parts: readonly Part[]): Promise<PartResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new (threads().Worker)(__filename, {
      argv: [WORKER_ARG],
      workerData: { [WORKER_FLAG]: true, parts, options: currentOptions },
    });
    worker.once('message', (results: PartResult[]) => {
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a lint worker stopped with exit code ${code}`));
    });
  });
}

/** Sets the rule overrides used by the parallel lint (kept module-wide so workers get the same). */
export function useRules(rules: Readonly<Record<string, SeveritySetting>>, target: TargetOptions = {}): void {
  currentOptions = { ...target, rules };
}

/** True in a lint worker thread; the entry point then only serves its parts. */
export function isLintWorker(): boolean {
  if (!process.argv.includes(WORKER_ARG)) return false;
  const { isMainThread, workerData } = threads();
  return !isMainThread && typeof workerData === 'object' && workerData !== null && WORKER_FLAG in workerData;
}

function serveLintWorker(): void {
  const { parentPort, workerData } = threads();
  const data = workerData as { parts: Part[]; options: LintOptions };
  currentOptions = data.options;
  parentPort?.postMessage(lintParts(data.parts));
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/** Cuts the text at document markers into pieces of roughly `target` characters. */
export function cutAtDocuments(text: string, target: number): Array<[number, number]> {
  const cuts: Array<[number, number]> = [];
  let start = 0;
  DOCUMENT_START.lastIndex = 0;
  for (let m = DOCUMENT_START.exec(text); m !== null; m = DOCUMENT_START.exec(text)) {
    if (m.index - start >= target) {
      cuts.push([start, m.index]);
      start = m.index;
    }
  }
  cuts.push([start, text.length]);
  return cuts;
}

// Worker threads start this same script; they only lint the parts they are sent.
if (isLintWorker()) serveLintWorker();
