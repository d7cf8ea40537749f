import type { Finding, SeveritySetting } from '../lint/types';
import { matchesGlob } from './glob';
import type { PodDoctorConfig, RuleLevels } from './types';

/**
 * The levels the config file gives `relativePath`: its `rules`, then each matching `overrides`
 * entry in order (a later entry wins), as ESLint applies its overrides.
 */
function configRulesFor(config: PodDoctorConfig, relativePath: string): RuleLevels {
  const levels: Record<string, SeveritySetting> = { ...config.rules };
  for (const override of config.overrides) {
    if (override.files.some((glob) => matchesGlob(relativePath, glob))) Object.assign(levels, override.rules);
  }
  return levels;
}

/** True when the config file's `ignore` globs exclude `relativePath` from linting. */
export function isIgnored(config: PodDoctorConfig, relativePath: string): boolean {
  return config.ignore.some((glob) => matchesGlob(relativePath, glob));
}

export interface RuleLayers {
  /** The config file that applies to the file, if any. */
  readonly config?: PodDoctorConfig | undefined;
  /** The file's path relative to the config file's folder, with "/" separators. */
  readonly relativePath?: string | undefined;
  /** The editor setting `podDoctor.lint.rules`. */
  readonly editor?: RuleLevels | undefined;
  /** `--rule ID=LEVEL` flags. */
  readonly cli?: RuleLevels | undefined;
}

/**
 * The severity overrides for one file, weakest first: rule defaults (left to the engine), the
 * config file with its overrides, the editor setting, the CLI's `--rule`.
 */
export function effectiveRules(layers: RuleLayers): RuleLevels {
  const fromConfig = layers.config ? configRulesFor(layers.config, layers.relativePath ?? '') : {};
  return { ...fromConfig, ...layers.editor, ...layers.cli };
}

/**
 * Rule levels applied to findings made without them (a rendered chart is linted once for all its
 * templates, whose levels may differ): `off` drops a finding, a level replaces its severity.
 */
export function applyLevels(findings: readonly Finding[], levels: RuleLevels): Finding[] {
  return findings.flatMap((f) => {
    const level = levels[f.ruleId];
    if (level === 'off') return [];
    return [level === undefined ? f : { ...f, severity: level }];
  });
}
