import { didYouMean } from '../text/suggest';
import type { SeveritySetting } from '../lint/types';
import { parseManifests, positionAt } from '../manifest/parse';
import type { ManifestDocument, ParsedFile, Path, Range } from '../manifest/types';
import { isObject } from '../manifest/workloads';
import { globProblem } from './glob';
import {
  EMPTY_CONFIG,
  type ConfigOverride,
  type ConfigParseResult,
  type ConfigProblem,
  type PodDoctorConfig,
  type RuleLevels,
} from './types';

const LEVELS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
const TOP_KEYS = ['rules', 'ignore', 'overrides', 'kubernetesVersion', 'kustomize', 'helm'] as const;
const OVERRIDE_KEYS = ['files', 'rules'] as const;
const KUSTOMIZE_KEYS = ['enabled', 'bin'] as const;
const HELM_KEYS = ['enabled', 'bin', 'values'] as const;
const VERSION = /^v?(\d+)\.(\d+)(?:\.\d+)?$/;

export interface ConfigParseOptions {
  /** Every rule id a `rules` map may name (the lint rules plus findings made outside the engine). */
  readonly ruleIds: readonly string[];
}

/**
 * Reads a `.pod-doctor.yaml`. Every mistake becomes a problem at its line; nothing is silently
 * ignored. Levels and the version are read as written, so that YAML 1.1 does not turn `off` into
 * `false` or `1.30` into the number 1.3.
 */
export function parseConfig(text: string, options: ConfigParseOptions): ConfigParseResult {
  const file = parseManifests(text);
  const reader = new Reader(file, options);
  const config = reader.read();
  const problems = [...reader.problems].sort((a, b) => a.range.start - b.range.start);
  return { config, problems };
}

class Reader {
  readonly problems: ConfigProblem[] = [];
  private document: ManifestDocument | undefined;

  constructor(
    private readonly file: ParsedFile,
    private readonly options: ConfigParseOptions,
  ) {}

  read(): PodDoctorConfig {
    const [document, extra] = this.file.documents;
    if (extra)
      this.problemAt(
        extra.range,
        'A .pod-doctor.yaml holds one YAML document; remove the "---" and what follows it.',
      );
    if (!document) return EMPTY_CONFIG;
    if (document.syntaxError) {
      const offset = document.syntaxError.offset;
      this.problemAt(
        { start: offset, end: offset + 1 },
        `YAML syntax error: ${document.syntaxError.message}.`,
      );
      return EMPTY_CONFIG;
    }
    this.document = document;
    const root = document.value;
    if (root == null) return EMPTY_CONFIG;
    if (!isObject(root)) {
      this.problem([], 'The file must be a mapping with keys such as rules, ignore and overrides.');
      return EMPTY_CONFIG;
    }
    this.unknownKeys(root, [], TOP_KEYS, 'the top level');
    const kubernetesVersion = this.version(root['kubernetesVersion'], ['kubernetesVersion']);
    return {
      rules: this.rules(root['rules'], ['rules']),
      ignore: this.globs(root['ignore'], ['ignore']),
      overrides: this.overrides(root['overrides'], ['overrides']),
      ...(kubernetesVersion ? { kubernetesVersion } : {}),
      kustomize: this.kustomize(root['kustomize'], ['kustomize']),
      helm: this.helm(root['helm'], ['helm']),
    };
  }

  private rules(value: unknown, path: Path): RuleLevels {
    const levels: Record<string, SeveritySetting> = {};
    if (value == null) return levels;
    if (!isObject(value)) {
      this.problem(path, 'rules must be a mapping of rule ids to off, info, warning or error.');
      return levels;
    }
    for (const [id, level] of Object.entries(value)) {
      const at = [...path, id];
      if (!this.options.ruleIds.includes(id)) {
        const [suggestion] = didYouMean(id, this.options.ruleIds);
        this.problem(
          at,
          `Unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; run \`pod-doctor rules\` for the list.`,
          'key',
        );
        continue;
      }
      const written = isObject(level) || Array.isArray(level) ? undefined : this.scalarText(at);
      if (written === undefined || !(LEVELS as readonly string[]).includes(written)) {
        this.problem(
          at,
          `Unknown level${written ? ` "${written}"` : ''} for rule ${id}; use off, info, warning or error.`,
        );
        continue;
      }
      levels[id] = written as SeveritySetting;
    }
    return levels;
  }

  private globs(value: unknown, path: Path): string[] {
    if (value == null) return [];
    if (!Array.isArray(value)) {
      this.problem(path, `${String(path.at(-1))} must be a list of globs, e.g. ["charts/**"].`);
      return [];
    }
    const globs: string[] = [];
    value.forEach((glob, i) => {
      if (typeof glob !== 'string') {
        this.problem([...path, i], 'A glob must be a string, e.g. "generated/**".');
        return;
      }
      const problem = globProblem(glob);
      if (problem) this.problem([...path, i], problem);
      else globs.push(glob);
    });
    return globs;
  }

  private overrides(value: unknown, path: Path): ConfigOverride[] {
    if (value == null) return [];
    if (!Array.isArray(value)) {
      this.problem(path, 'overrides must be a list of { files: [globs], rules: {...} } entries.');
      return [];
    }
    const overrides: ConfigOverride[] = [];
    value.forEach((entry, i) => {
      const at = [...path, i];
      if (!isObject(entry)) {
        this.problem(at, 'An overrides entry must be a mapping with files and rules.');
        return;
      }
      this.unknownKeys(entry, at, OVERRIDE_KEYS, 'an overrides entry');
      if (entry['files'] == null) {
        this.problem(
          at,
          'This overrides entry has no files: add files: ["glob"] to say where its rules apply.',
        );
        return;
      }
      const files = this.globs(entry['files'], [...at, 'files']);
      const rules = this.rules(entry['rules'], [...at, 'rules']);
      if (files.length > 0) overrides.push({ files, rules });
    });
    return overrides;
  }

  private version(value: unknown, path: Path): string | undefined {
    if (value == null) return undefined;
    const written =
      typeof value === 'string' || typeof value === 'number' ? this.scalarText(path) : undefined;
    const match = written === undefined ? null : VERSION.exec(written);
    if (!match) {
      this.problem(
        path,
        'kubernetesVersion must be a version such as "1.30" (quote it, so YAML keeps it a string).',
      );
      return undefined;
    }
    return `${Number(match[1])}.${Number(match[2])}`;
  }

  private kustomize(value: unknown, path: Path): PodDoctorConfig['kustomize'] {
    const tool = this.tool(value, path, 'kustomize', '{ enabled: true, bin: kustomize }', KUSTOMIZE_KEYS);
    return tool ? tool.settings : EMPTY_CONFIG.kustomize;
  }

  private helm(value: unknown, path: Path): PodDoctorConfig['helm'] {
    const tool = this.tool(value, path, 'helm', '{ enabled: true, values: [values-prod.yaml] }', HELM_KEYS);
    if (!tool) return EMPTY_CONFIG.helm;
    return { ...tool.settings, values: this.paths(tool.section['values'], [...path, 'values']) };
  }

  /**
   * The section of an external tool (`kustomize`, `helm`) and the settings every tool has: whether
   * it is enabled and which executable runs it. Undefined when the section is absent or no mapping.
   */
  private tool(
    value: unknown,
    path: Path,
    name: string,
    example: string,
    keys: readonly string[],
  ): { section: Record<string, unknown>; settings: { enabled: boolean; bin?: string } } | undefined {
    if (value == null) return undefined;
    if (!isObject(value)) {
      this.problem(path, `${name} must be a mapping, e.g. ${example}.`);
      return undefined;
    }
    this.unknownKeys(value, path, keys, name);
    const bin = this.bin(value['bin'], [...path, 'bin']);
    const enabled = this.enabled(value['enabled'], [...path, 'enabled']);
    return { section: value, settings: { enabled, ...(bin ? { bin } : {}) } };
  }

  private enabled(value: unknown, path: Path): boolean {
    if (value == null) return true;
    if (typeof value === 'boolean') return value;
    this.problem(path, 'enabled must be true or false.');
    return true;
  }

  private bin(value: unknown, path: Path): string | undefined {
    if (value == null) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.problem(path, 'bin must be the path or name of an executable.');
    return undefined;
  }

  private paths(value: unknown, path: Path): string[] {
    if (value == null) return [];
    const list = Array.isArray(value) ? value : [value];
    const paths: string[] = [];
    list.forEach((item, i) => {
      if (typeof item === 'string' && item.trim() !== '') paths.push(item);
      else
        this.problem(
          Array.isArray(value) ? [...path, i] : path,
          'values must list file paths, e.g. [values-prod.yaml].',
        );
    });
    return paths;
  }

  private unknownKeys(
    value: Record<string, unknown>,
    path: Path,
    known: readonly string[],
    where: string,
  ): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const [suggestion] = didYouMean(key, known);
      this.problem(
        [...path, key],
        `Unknown key "${key}" in ${where}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known keys: ${known.join(', ')}.`,
        'key',
      );
    }
  }

  /** The scalar at `path` as written, without quotes. */
  private scalarText(path: Path): string | undefined {
    const location = this.document?.locate(path);
    if (!location) return undefined;
    const raw = this.file.text.slice(location.value.start, location.value.end).trim();
    return /^(['"]).*\1$/s.test(raw) ? raw.slice(1, -1) : raw;
  }

  private problem(path: Path, message: string, on: 'key' | 'value' = 'value'): void {
    const location = this.document?.locate(path);
    const range = (on === 'key' ? location?.key : undefined) ?? location?.value ?? { start: 0, end: 0 };
    this.problemAt(range, message);
  }

  private problemAt(range: Range, message: string): void {
    const end = Math.max(range.start, Math.min(range.end, this.file.text.length));
    this.problems.push({
      message,
      range: { start: range.start, end },
      start: positionAt(this.file.lineStarts, range.start),
      end: positionAt(this.file.lineStarts, end),
    });
  }
}
