import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig, type ConfigProblem, type PodDoctorConfig } from '../core/config';
import { HELM_TEMPLATE_RULE } from '../core/helm/source-map';
import { LIVE_RULE_IDS } from '../core/live-rules';
import { defaultRegistry } from '../core/lint/rules';

/** A `.pod-doctor.yaml` as read from disk. */
export interface LoadedConfig {
  /** Absolute path of the file. */
  readonly file: string;
  /** The folder its globs and values paths are relative to. */
  readonly dir: string;
  readonly text: string;
  readonly config: PodDoctorConfig;
  readonly problems: readonly ConfigProblem[];
}

/** Rule ids a config file may name: the lint rules plus `helm-template` and the `live-*` family, made outside the engine. */
function knownRuleIds(): string[] {
  return [...defaultRegistry.rules.map((r) => r.id), HELM_TEMPLATE_RULE, ...LIVE_RULE_IDS];
}

export function parseConfigText(text: string): Pick<LoadedConfig, 'config' | 'problems'> {
  return parseConfig(text, { ruleIds: knownRuleIds() });
}

/** A config file that cannot be read; its message is a sentence for the user. */
export class ConfigFileError extends Error {}

/**
 * Reads and checks a config file (synchronously: it is small, and the editor looks it up while
 * linting); an unreadable file is a ConfigFileError with a sentence for the user.
 */
export function readConfigFile(file: string): LoadedConfig {
  const absolute = resolve(file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code);
    throw new ConfigFileError(`Cannot read the config file "${file}": ${why}.`, { cause: error });
  }
  return { file: absolute, dir: dirname(absolute), text, ...parseConfigText(text) };
}

/**
 * The nearest `.pod-doctor.yaml` in `dir` or a folder above it. The search stops at a folder in
 * `stopDirs` (the editor's workspace folders), at a repository root (a folder holding `.git`), or
 * at the file system root, after looking in that folder.
 */
export function findConfigFile(dir: string, stopDirs: readonly string[] = []): string | undefined {
  const stops = new Set(stopDirs.map((d) => resolve(d)));
  for (let current = resolve(dir); ;) {
    const candidate = join(current, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (stops.has(current) || existsSync(join(current, '.git'))) return undefined;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** `file` relative to the config file's folder, with "/" separators (what globs are matched against). */
export function configRelativePath(loaded: Pick<LoadedConfig, 'dir'>, file: string): string {
  const path = relative(loaded.dir, isAbsolute(file) ? file : resolve(file));
  return sep === '/' ? path : path.split(sep).join('/');
}

/** `FILE:LINE: message` lines, as the CLI prints a config file's problems. */
export function formatConfigProblems(loaded: LoadedConfig, shownPath = loaded.file): string[] {
  return loaded.problems.map((p) => `${shownPath}:${p.start.line + 1}: ${p.message}`);
}

/**
 * Finds and loads the config of each linted file once per folder. `explicit` (`--config FILE`)
 * replaces the search for every file.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, Promise<LoadedConfig | undefined>>();
  private readonly byFile = new Map<string, Promise<LoadedConfig>>();

  constructor(
    private readonly options: {
      readonly explicit?: string | undefined;
      readonly stopDirs?: readonly string[];
    } = {},
  ) {}

  /** The config that applies to `file` ("-" means standard input: searched from the current folder). */
  forFile(file: string): Promise<LoadedConfig | undefined> {
    if (this.options.explicit !== undefined) return this.load(this.options.explicit);
    const dir = file === '-' ? process.cwd() : dirname(resolve(file));
    let found = this.byDir.get(dir);
    if (!found) {
      const path = findConfigFile(dir, this.options.stopDirs);
      found = path ? this.load(path) : Promise.resolve(undefined);
      this.byDir.set(dir, found);
    }
    return found;
  }

  /** Every config file loaded so far. */
  async loaded(): Promise<LoadedConfig[]> {
    return Promise.all(this.byFile.values());
  }

  private load(path: string): Promise<LoadedConfig> {
    const key = resolve(path);
    let loading = this.byFile.get(key);
    if (!loading) {
      loading = new Promise((done) => done(readConfigFile(path)));
      this.byFile.set(key, loading);
    }
    return loading;
  }
}
