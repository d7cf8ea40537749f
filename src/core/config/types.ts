import type { SeveritySetting } from '../lint/types';
import type { Position, Range } from '../manifest/types';

/** Severity per rule id, as the config file, the editor setting and `--rule` write it. */
export type RuleLevels = Readonly<Record<string, SeveritySetting>>;

/** An `overrides` entry: rule levels for the files its globs match. */
export interface ConfigOverride {
  readonly files: readonly string[];
  readonly rules: RuleLevels;
}

/**
 * The contents of a `.pod-doctor.yaml`. Globs are relative to the folder that holds the file;
 * absent sections have their defaults (nothing configured, Kustomize and Helm enabled).
 */
export interface PodDoctorConfig {
  readonly rules: RuleLevels;
  readonly ignore: readonly string[];
  readonly overrides: readonly ConfigOverride[];
  /** Target cluster version as "MAJOR.MINOR" (e.g. "1.30"); undefined when not set. */
  readonly kubernetesVersion?: string | undefined;
  readonly kustomize: { readonly enabled: boolean; readonly bin?: string | undefined };
  readonly helm: {
    readonly enabled: boolean;
    readonly bin?: string | undefined;
    /** Values files passed to `helm template` as `--values`, relative to the config file's folder. */
    readonly values: readonly string[];
  };
}

/** A mistake in the config file, at the text it is about. */
export interface ConfigProblem {
  readonly message: string;
  readonly range: Range;
  /** 0-based. */
  readonly start: Position;
  readonly end: Position;
}

export interface ConfigParseResult {
  /** The valid parts of the file; what has a problem keeps its default. */
  readonly config: PodDoctorConfig;
  readonly problems: readonly ConfigProblem[];
}

export const CONFIG_FILE_NAME = '.pod-doctor.yaml';

export const EMPTY_CONFIG: PodDoctorConfig = {
  rules: {},
  ignore: [],
  overrides: [],
  kustomize: { enabled: true },
  helm: { enabled: true, values: [] },
};
