import { relative } from 'node:path';
import { effectiveRules, isIgnored, type PodDoctorConfig, type RuleLevels } from '../core/config';
import {
  ConfigFileError,
  ConfigResolver,
  configRelativePath,
  formatConfigProblems,
  type LoadedConfig,
} from '../node/config-file';
import { CliError } from './common';
import { lintTexts, useRules, type FileResult } from './parallel';

/** A file to lint with the rule levels and config that apply to it. */
export interface ConfiguredFile {
  readonly file: string;
  readonly rules: RuleLevels;
  readonly config?: PodDoctorConfig | undefined;
  /** The folder of the config file (its values paths are relative to it). */
  readonly configDir?: string | undefined;
}

/**
 * Applies `.pod-doctor.yaml` (the nearest one above each file, or `--config`) to the files to lint:
 * drops the files its `ignore` globs exclude (unless named on the command line) and gives each file
 * its rule levels. A config file with problems prints them as `FILE:LINE: message` and stops (exit 2).
 */
export async function configureFiles(
  files: readonly string[],
  named: readonly string[],
  options: { readonly config?: string | undefined; readonly cli: RuleLevels },
): Promise<ConfiguredFile[]> {
  const resolver = new ConfigResolver({ explicit: options.config });
  const loadedOf: Array<LoadedConfig | undefined> = [];
  try {
    for (const file of files) loadedOf.push(await resolver.forFile(file));
    if (files.length === 0 && options.config !== undefined) await resolver.forFile('-');
  } catch (error) {
    if (error instanceof ConfigFileError) throw new CliError(error.message);
    throw error;
  }
  const broken = (await resolver.loaded()).filter((l) => l.problems.length > 0);
  if (broken.length > 0) {
    for (const loaded of broken) {
      const shown = options.config ?? displayPath(loaded.file);
      process.stderr.write(`${formatConfigProblems(loaded, shown).join('\n')}\n`);
    }
    const count = broken.reduce((n, l) => n + l.problems.length, 0);
    throw new CliError(
      `The config file has ${count === 1 ? 'a problem' : `${count} problems`} (above); fix ${count === 1 ? 'it' : 'them'} and run again.`,
    );
  }
  const configured: ConfiguredFile[] = [];
  files.forEach((file, i) => {
    const loaded = loadedOf[i];
    const relativePath = loaded && file !== '-' ? configRelativePath(loaded, file) : undefined;
    if (
      loaded &&
      relativePath !== undefined &&
      !named.includes(file) &&
      isIgnored(loaded.config, relativePath)
    ) {
      return;
    }
    configured.push({
      file,
      rules: effectiveRules({ config: loaded?.config, relativePath, cli: options.cli }),
      config: loaded?.config,
      configDir: loaded?.dir,
    });
  });
  return configured;
}

/**
 * Lints each text with the rule levels and target version of its config; texts that share them are
 * linted together.
 */
export async function lintConfigured(
  texts: readonly string[],
  files: readonly ConfiguredFile[],
): Promise<FileResult[]> {
  const groups = new Map<string, number[]>();
  files.forEach(({ rules, config }, i) => {
    const levels = Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = JSON.stringify([config?.kubernetesVersion, levels]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const results: FileResult[] = new Array<FileResult>(texts.length);
  for (const indexes of groups.values()) {
    const first = files[indexes[0]!];
    const levels = first?.rules ?? {};
    const target = { kubernetesVersion: first?.config?.kubernetesVersion };
    useRules(levels, target);
    const linted = await lintTexts(
      indexes.map((i) => texts[i]!),
      levels,
      target,
    );
    indexes.forEach((fileIndex, j) => (results[fileIndex] = linted[j] ?? { findings: [], objects: 0 }));
  }
  return results;
}

function displayPath(file: string): string {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') || path === '' ? file : path;
}
