import * as vscode from 'vscode';
import {
  LintCache,
  lintTextIncremental,
  type IncrementalLintResult,
  type LintedChunk,
} from '../../core/lint/incremental';
import type { SeveritySetting } from '../../core/lint/types';
import { FIX_PREVIEW_SCHEME } from '../live/apply-fix';
import { lintSettings } from './settings';
import type { DocumentLintOptions, WorkspaceConfigs } from './workspace-config';

/**
 * Schemes whose YAML is not something the user is writing: logs, diffs' old sides, SCM inputs, and
 * Apply fix's previews (their findings would be the manifest's again, on a file that is not saved).
 */
const IGNORED_SCHEMES: ReadonlySet<string> = new Set([
  FIX_PREVIEW_SCHEME,
  'output',
  'git',
  'gitlens',
  'vscode-scm',
  'vscode-output',
  'debug',
  'vscode-chat-code-block',
  'vscode-copilot-chat-code-block',
]);

/**
 * Above this many characters a file is not linted. Edits stay fast in any size (only the changed
 * `---` document is linted again), but the first lint is a whole-file lint on the extension host's
 * thread: bench/edit-latency measured ≈ 0.3 s for 0.5 MB and 1–2 s for 2.4 MB on this project's
 * busy 2-core machines. Manifests above 1 MB are generated output, not something typed.
 */
export const MAX_LINTED_CHARACTERS = 1_000_000;

export interface LintedDocument {
  readonly version: number;
  readonly result: IncrementalLintResult;
}

interface Entry {
  version: number;
  settingsKey: string;
  result: IncrementalLintResult;
  readonly cache: LintCache;
}

export function isLintable(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' && !IGNORED_SCHEMES.has(document.uri.scheme);
}

/**
 * The lint of each open YAML document's current text, shared by diagnostics, hovers, CodeLens and
 * quick fixes. Each document keeps a chunk cache, so an edit re-lints only the `---` document it
 * touched.
 */
export class LintedDocuments {
  private readonly entries = new Map<string, Entry>();
  private readonly toldTooLarge = new Set<string>();

  constructor(
    private readonly output: vscode.LogOutputChannel,
    /** True for a Kustomize patch: a partial object, linted without the rules about absent fields. */
    private readonly isPartial: (uri: vscode.Uri) => boolean = () => false,
    /** `.pod-doctor.yaml` files, which set rule levels, ignored files and the target version. */
    private readonly configs?: WorkspaceConfigs,
  ) {}

  /**
   * The rule levels for the document, from `podDoctor.lint.rules` and its `.pod-doctor.yaml`;
   * undefined when it is not linted (disabled, not YAML, an ignored file).
   */
  ruleLevels(document: vscode.TextDocument): Readonly<Record<string, SeveritySetting>> | undefined {
    return this.optionsOf(document)?.rules;
  }

  private optionsOf(document: vscode.TextDocument): DocumentLintOptions | undefined {
    if (!isLintable(document)) return undefined;
    const settings = lintSettings(document.uri);
    if (!settings.enable) return undefined;
    const options = this.configs?.optionsFor(document, settings.rules) ?? {
      rules: settings.rules,
      kubernetesVersion: undefined,
      ignored: false,
    };
    return options.ignored ? undefined : options;
  }

  /** The findings for the document as it is now; undefined when it is not linted (disabled, not YAML, too large). */
  get(document: vscode.TextDocument): LintedDocument | undefined {
    const key = document.uri.toString();
    const options = this.optionsOf(document);
    if (!options) {
      this.entries.delete(key);
      return undefined;
    }
    const lintOptions = {
      rules: options.rules,
      kubernetesVersion: options.kubernetesVersion,
      partial: this.isPartial(document.uri),
    };
    const settingsKey = JSON.stringify(lintOptions);
    const entry = this.entries.get(key);
    if (entry && entry.version === document.version && entry.settingsKey === settingsKey) return entry;
    const text = document.getText();
    if (text.length > MAX_LINTED_CHARACTERS) {
      this.entries.delete(key);
      if (!this.toldTooLarge.has(key)) {
        this.toldTooLarge.add(key);
        this.output.info(
          `Not linting ${document.uri.fsPath || key}: it has ${text.length.toLocaleString('en-US')} characters, more than the ${MAX_LINTED_CHARACTERS.toLocaleString('en-US')} Pod Doctor lints while you type. Run \`pod-doctor lint\` on it in a terminal instead.`,
        );
      }
      return undefined;
    }
    this.toldTooLarge.delete(key);
    const cache = entry?.cache ?? new LintCache();
    const started = performance.now();
    let result: IncrementalLintResult;
    try {
      result = lintTextIncremental(text, lintOptions, cache);
    } catch (error) {
      this.output.error(`Linting ${key} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    this.output.debug(
      `Linted ${key} v${document.version} in ${(performance.now() - started).toFixed(1)} ms (${cache.hits} of ${result.chunks.length} documents reused, ${result.findings.length} findings).`,
    );
    const next: Entry = { version: document.version, settingsKey, result, cache };
    this.entries.set(key, next);
    return next;
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
    this.toldTooLarge.delete(uri.toString());
  }
}

/** The `---` chunk holding `offset` and its documents (whose offsets are `offset - chunk.shift`). */
export function chunkAt(linted: LintedDocument, offset: number): LintedChunk | undefined {
  const chunks = linted.result.chunks;
  return chunks.find((c, i) => offset >= c.start && (offset < c.end || i === chunks.length - 1));
}
