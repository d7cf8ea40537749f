import { relative, resolve } from 'node:path';
import {
  lintInlinePatches,
  lintPatchText,
  mergeRenderedFindings,
  type ReportedFinding,
} from '../core/kustomize';
import type { Finding, SeveritySetting } from '../core/lint/types';
import {
  findKustomizationFiles,
  findKustomizationFilesAbove,
  findKustomize,
  loadProject,
  renderProject,
  toSlash,
  type KustomizeConfig,
} from '../node/kustomize';
import type { FileFindings } from './lint-report';

interface LintedFile {
  /** The path as given (or found under a directory that was given). */
  readonly file: string;
  readonly text: string;
}

/** How a file is linted: as a whole object, as a patch (a partial object), or as a kustomization. */
type FileRole = 'manifest' | 'patch' | 'kustomization';

export interface KustomizeLint {
  /** Kustomization files to lint besides the YAML files (`Kustomization` has no extension). */
  readonly extraFiles: readonly string[];
  roleOf(file: string): FileRole;
  /** Direct findings of a patch or kustomization file. */
  lintSpecial(file: LintedFile, rules: Readonly<Record<string, SeveritySetting>>): Finding[];
  /**
   * Renders the kustomizations and merges their findings with the direct ones, per file. `rulesFor`
   * gives the rule levels of a file (a rendered finding takes those of the file it lands on).
   */
  finish(
    direct: readonly FileFindings[],
    rulesFor: (file: string) => Readonly<Record<string, SeveritySetting>>,
    config?: KustomizeConfig,
  ): Promise<{ results: FileFindings[]; objects: number; note?: string }>;
}

/**
 * Kustomize support of `pod-doctor lint`: finds the kustomizations under the linted paths, lints the
 * files they use as patches as partial objects, renders each with the real Kustomize and places the
 * findings of the rendered objects on the files that define the values.
 */
export async function prepareKustomize(
  paths: readonly string[],
  files: readonly string[],
  cwd = process.cwd(),
): Promise<KustomizeLint> {
  const absolute = (file: string): string => toSlash(resolve(cwd, file));
  const kustomizationFiles = await findKustomizationFiles(paths);
  const above = (await findKustomizationFilesAbove(paths, cwd)).filter(
    (f) => !kustomizationFiles.includes(f),
  );
  const project = loadProject([...kustomizationFiles, ...above]);
  // Kustomizations above a file named directly only say whether it is a patch; they are not linted.
  const rendered = new Set(kustomizationFiles.map(absolute));
  const kustomizationSet = rendered;
  const byFile = new Map(project.kustomizations.map((k) => [k.file, k]));
  const given = new Set(files.map(absolute));
  const extraFiles = kustomizationFiles
    .filter((f) => !given.has(absolute(f)))
    .map((f) => relative(cwd, f) || f);

  const roleOf = (file: string): FileRole => {
    if (file === '-') return 'manifest';
    const abs = absolute(file);
    if (kustomizationSet.has(abs)) return 'kustomization';
    return project.patches.has(abs) ? 'patch' : 'manifest';
  };

  return {
    extraFiles,
    roleOf,
    lintSpecial(file, rules) {
      const abs = absolute(file.file);
      const kustomization = byFile.get(abs);
      if (kustomization) return lintInlinePatches(kustomization, { rules });
      return lintPatchText(file.text, project.patches.get(abs) ?? {}, { rules });
    },
    async finish(direct, rulesFor, config = {}) {
      if (rendered.size === 0) return { results: [...direct], objects: 0 };
      const runner = await findKustomize(config);
      if (!runner) {
        const note =
          config.enabled === false
            ? undefined
            : 'note: Kustomize was not found (neither kustomize nor kubectl is on PATH), so overlays were not rendered and patches were linted as partial objects; install kubectl or set kustomize.bin in .pod-doctor.yaml.';
        return { results: [...direct], objects: 0, ...(note ? { note } : {}) };
      }
      const output = await renderProject(project, runner, rulesFor, rendered);
      const display = new Map<string, string>();
      const directMap = new Map<string, Finding[]>();
      for (const { file, findings } of direct) {
        const abs = file === '<stdin>' ? file : absolute(file);
        display.set(abs, file);
        const failure = output.failures.get(abs);
        directMap.set(abs, failure ? [...findings, failure] : [...findings]);
      }
      const merged = mergeRenderedFindings(directMap, output.findings);
      const via = (dirs: readonly string[] | undefined): string[] =>
        (dirs ?? []).map((d) => toSlash(relative(cwd, d)) || '.');
      const results: FileFindings[] = [];
      for (const [abs, findings] of merged) {
        const file = display.get(abs) ?? (toSlash(relative(cwd, abs)) || abs);
        results.push({
          file,
          findings: findings.map((f): ReportedFinding => {
            if (!f.via) return f;
            const { via: dirs, ...rest } = f;
            return { ...rest, via: via(dirs) };
          }),
        });
      }
      return { results, objects: output.objects };
    },
  };
}
