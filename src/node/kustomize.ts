// Node-side Kustomize support shared by the CLI and the editor: finding kustomizations on disk,
// running the real Kustomize as a child process, and linting what it renders.
import { execFile } from 'node:child_process';
import { constants, readFileSync } from 'node:fs';
import { access, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  buildFailureFinding,
  isKustomizationFileName,
  KUSTOMIZATION_FILE_NAMES,
  kustomizeMessage,
  lintRendered,
  parseKustomization,
  SourceFiles,
  type Kustomization,
  type MappedFinding,
  type PatchUse,
} from '../core/kustomize';
import type { Finding, SeveritySetting } from '../core/lint/types';
import { readableEntries } from './directory';

/** The `kustomize` section of the configuration (`.pod-doctor.yaml`, editor settings). */
export interface KustomizeConfig {
  readonly enabled?: boolean;
  /** A `kustomize` or `kubectl` executable to use. */
  readonly bin?: string | undefined;
}

/** How to run Kustomize: `kustomize build DIR` or `kubectl kustomize DIR`. */
export interface KustomizeRunner {
  readonly command: string;
  readonly subcommand: readonly string[];
}

const BUILD_TIMEOUT_MS = 60_000;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Forward slashes, as the pure Kustomize code expects. */
export function toSlash(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir && (await executable(join(dir, name)))) return join(dir, name);
  }
  return undefined;
}

function runnerFor(bin: string): KustomizeRunner {
  const name = bin.split(/[\\/]/).pop() ?? bin;
  return { command: bin, subcommand: /^kubectl/.test(name) ? ['kustomize'] : ['build'] };
}

/**
 * The Kustomize to run: a configured executable, else `kustomize` on PATH, else `kubectl` (which
 * carries Kustomize). Undefined when none can run or Kustomize is turned off.
 */
export async function findKustomize(
  config: KustomizeConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<KustomizeRunner | undefined> {
  if (config.enabled === false) return undefined;
  if (config.bin) {
    const bin = isAbsolute(config.bin)
      ? config.bin
      : ((await onPath(config.bin, env)) ?? resolve(config.bin));
    if (await executable(bin)) return runnerFor(bin);
  }
  const kustomize = await onPath('kustomize', env);
  if (kustomize) return runnerFor(kustomize);
  const kubectl = await onPath('kubectl', env);
  return kubectl ? runnerFor(kubectl) : undefined;
}

export type RenderOutcome =
  | { readonly ok: true; readonly rendered: string; readonly wrapperDir: string }
  | { readonly ok: false; readonly message: string };

function run(
  runner: KustomizeRunner,
  dir: string,
  signal: AbortSignal | undefined,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      runner.command,
      [...runner.subcommand, dir],
      {
        maxBuffer: 256 * 1024 * 1024,
        timeout: BUILD_TIMEOUT_MS,
        ...(signal ? { signal } : {}),
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) return done({ code: 0, stdout, stderr });
        const e = error as NodeJS.ErrnoException & { killed?: boolean };
        const why =
          e.name === 'AbortError'
            ? 'the render was cancelled'
            : e.killed
              ? `it ran longer than ${BUILD_TIMEOUT_MS / 1000} s and was stopped`
              : e.code === 'ENOENT'
                ? `${runner.command} was not found`
                : '';
        done({ code: typeof e.code === 'number' ? e.code : 1, stdout, stderr: why || stderr || e.message });
      },
    );
  });
}

/**
 * Renders the kustomization in `dir` with the real Kustomize. It is built through a temporary
 * kustomization that only adds `buildMetadata` (origin and transformer annotations), which tell where
 * each rendered object came from and which kustomizations changed it. When the build fails, the
 * kustomization is built again as is, so the message names the user's own paths.
 */
export async function renderKustomization(
  runner: KustomizeRunner,
  dir: string,
  signal?: AbortSignal,
): Promise<RenderOutcome> {
  const wrapperDir = await mkdtemp(join(tmpdir(), 'pod-doctor-kustomize-'));
  try {
    const target = toSlash(relative(wrapperDir, dir));
    await writeFile(
      join(wrapperDir, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${JSON.stringify(target)}\nbuildMetadata: [originAnnotations, transformerAnnotations]\n`,
    );
    const wrapped = await run(runner, wrapperDir, signal);
    if (wrapped.code === 0) return { ok: true, rendered: wrapped.stdout, wrapperDir: toSlash(wrapperDir) };
    if (signal?.aborted) return { ok: false, message: 'the render was cancelled' };
    const plain = await run(runner, dir, signal);
    return { ok: false, message: kustomizeMessage(plain.code === 0 ? wrapped.stderr : plain.stderr) };
  } finally {
    await rm(wrapperDir, { recursive: true, force: true });
  }
}

/** Kustomization files under the given paths (a kustomization file named directly counts too). */
export async function findKustomizationFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readableEntries(dir);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const own = entries.find((e) => e.isFile() && isKustomizationFileName(e.name));
    if (own) found.push(join(dir, own.name));
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(join(dir, entry.name));
    }
  };
  for (const path of paths) {
    if (path === '-') continue;
    const name = path.split(/[\\/]/).pop() ?? '';
    if (isKustomizationFileName(name)) found.push(resolve(path));
    else await walk(resolve(path));
  }
  return [...new Set(found.map((f) => resolve(f)))];
}

/**
 * Kustomizations in the folders above files named directly (up to `stop`): they tell whether such a
 * file is a patch, so that `pod-doctor lint overlays/prod/patch.yaml` lints it as one.
 */
export async function findKustomizationFilesAbove(paths: readonly string[], stop: string): Promise<string[]> {
  const found = new Set<string>();
  const root = resolve(stop);
  for (const path of paths) {
    if (path === '-') continue;
    let info;
    try {
      info = await stat(path);
    } catch {
      continue;
    }
    if (info.isDirectory()) continue;
    for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
      for (const name of KUSTOMIZATION_FILE_NAMES) {
        if (await exists(join(dir, name))) {
          found.add(join(dir, name));
          break;
        }
      }
      if (dir === root || !dir.startsWith(root) || dirname(dir) === dir) break;
    }
  }
  return [...found];
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** What the files of a project are to its kustomizations. */
export interface KustomizeProject {
  readonly kustomizations: readonly Kustomization[];
  /** Absolute (slash) path of each file used as a patch. */
  readonly patches: ReadonlyMap<string, PatchUse>;
}

export function loadProject(files: readonly string[], read = readSource): KustomizeProject {
  const kustomizations: Kustomization[] = [];
  const patches = new Map<string, PatchUse>();
  for (const file of files) {
    const text = read(file);
    if (text === undefined) continue;
    const kustomization = parseKustomization(toSlash(resolve(file)), text);
    kustomizations.push(kustomization);
    for (const patch of kustomization.patches) {
      if (!patch.file) continue;
      const kind = patch.target?.kind;
      patches.set(patch.file, kind ? { targetKind: kind } : (patches.get(patch.file) ?? {}));
    }
  }
  return { kustomizations, patches };
}

/** Rendered findings with the rule levels of the file each one lands on (`off` drops it). */
function withLevels<T extends Finding & { readonly file: string }>(
  findings: readonly T[],
  rulesFor: (file: string) => Readonly<Record<string, SeveritySetting>>,
): T[] {
  return findings.flatMap((f) => {
    const level = rulesFor(f.file)[f.ruleId];
    if (level === 'off') return [];
    return [level === undefined ? f : { ...f, severity: level }];
  });
}

export interface RenderedProject {
  readonly findings: readonly MappedFinding[];
  /** `kustomize-build` findings by kustomization file (absolute, slashes). */
  readonly failures: ReadonlyMap<string, Finding>;
  readonly objects: number;
}

/**
 * Renders the kustomizations of the project (all, or those in `only`); components are rendered only
 * as part of the kustomizations that use them.
 */
export async function renderProject(
  project: KustomizeProject,
  runner: KustomizeRunner,
  rulesFor: (file: string) => Readonly<Record<string, SeveritySetting>>,
  only?: ReadonlySet<string>,
  signal?: AbortSignal,
  read = readSource,
): Promise<RenderedProject> {
  const sources = new SourceFiles(read);
  const findings: MappedFinding[] = [];
  const failures = new Map<string, Finding>();
  let objects = 0;
  for (const kustomization of project.kustomizations) {
    if (kustomization.kind === 'Component' || signal?.aborted) continue;
    if (only && !only.has(kustomization.file)) continue;
    const outcome = await renderKustomization(runner, kustomization.dir, signal);
    if (!outcome.ok) {
      if (signal?.aborted) break;
      const failure = buildFailureFinding(kustomization, outcome.message, rulesFor(kustomization.file));
      if (failure) failures.set(kustomization.file, failure);
      continue;
    }
    const result = lintRendered({
      rendered: outcome.rendered,
      wrapperDir: outcome.wrapperDir,
      kustomizationDir: kustomization.dir,
      read,
      sources,
    });
    findings.push(...withLevels(result.findings, rulesFor));
    objects += result.objects;
  }
  return { findings, failures, objects };
}
