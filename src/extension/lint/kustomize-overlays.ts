import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  buildFailureFinding,
  isJson6902,
  joinPath,
  lintInlinePatches,
  lintPatchText,
  lintRenderedSteps,
  mergeRenderedFindings,
  parseKustomization,
  SourceFiles,
  type Kustomization,
  type MappedFinding,
  type ReportedFinding,
} from '../../core/kustomize';
import type { Finding, SeveritySetting } from '../../core/lint/types';
import { parseManifests } from '../../core/manifest/parse';
import {
  findKustomize,
  loadProject,
  readSource,
  renderKustomization,
  toSlash,
  type KustomizeConfig,
  type KustomizeProject,
  type KustomizeRunner,
} from '../../node/kustomize';
import { runInSlices } from '../../node/slices';

const KUSTOMIZATION_GLOB = '**/{kustomization.yaml,kustomization.yml,Kustomization}';
/** Saves come in bursts (save all, format on save): render once they settle. */
const RENDER_DEBOUNCE_MS = 300;

interface Rendered {
  readonly key: string;
  readonly findings: readonly MappedFinding[];
  readonly failure?: Finding;
}

interface InFlight {
  readonly key: string;
  readonly abort: AbortController;
  readonly done: Promise<void>;
}

export function kustomizeSettings(): KustomizeConfig {
  const config = vscode.workspace.getConfiguration('podDoctor.kustomize');
  const bin = config.get<string>('path', '').trim();
  return { enabled: config.get<boolean>('enabled', true), ...(bin ? { bin } : {}) };
}

/**
 * The workspace's kustomizations, for the editor: which open files are patches (linted as partial
 * objects while typing), and the findings of every overlay rendered with the real Kustomize, placed
 * on the patch or base file that defines each value. Renders run in a child process on open and
 * save, debounced, cancelled when superseded, and cached per kustomization by the contents and
 * modification times of the files it reads.
 */
export class KustomizeOverlays implements vscode.Disposable {
  private project: KustomizeProject = { kustomizations: [], patches: new Map() };
  private readonly rendered = new Map<string, Rendered>();
  private readonly inFlight = new Map<string, InFlight>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private indexed: Promise<void> | undefined;
  private toldMissing = false;
  /** Fires with the (slash) paths of files whose rendered findings changed. */
  readonly onDidRender = this.changed.event;

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly rules: (uri: vscode.Uri) => Readonly<Record<string, SeveritySetting>>,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(KUSTOMIZATION_GLOB);
    const reindex = (): void => {
      this.indexed = undefined;
      void this.index();
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reindex),
      watcher.onDidChange(reindex),
      watcher.onDidDelete(reindex),
    );
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const flight of this.inFlight.values()) flight.abort.abort();
    for (const d of this.disposables) d.dispose();
  }

  /** Finds the kustomizations of the workspace (once, again when one changes). */
  index(): Promise<void> {
    this.indexed ??= (async () => {
      const uris = await vscode.workspace.findFiles(KUSTOMIZATION_GLOB, '**/node_modules/**');
      this.project = loadProject(uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath));
    })();
    return this.indexed;
  }

  /** True when a kustomization of the workspace uses the file as a patch: lint it as a partial object. */
  isPatch(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && this.project.patches.has(toSlash(uri.fsPath));
  }

  /**
   * The document's findings with those only the Kustomize support knows: a JSON 6902 patch's
   * operations, a kustomization's inline patches and build failure, and the rendered overlays'
   * findings on this file (once per file, line and rule, with the overlays in `via`).
   */
  findingsFor(document: vscode.TextDocument, direct: readonly Finding[]): ReportedFinding[] {
    if (document.uri.scheme !== 'file') return [...direct];
    const file = toSlash(document.uri.fsPath);
    const rules = this.rules(document.uri);
    const own: Finding[] = [...direct];
    const kustomization = this.project.kustomizations.find((k) => k.file === file);
    if (kustomization) {
      own.push(...lintInlinePatches(parseKustomization(file, document.getText()), { rules }));
      const failure = this.rendered.get(file)?.failure;
      if (failure) own.push(failure);
    } else {
      const use = this.project.patches.get(file);
      if (use && isJson6902(parseManifests(document.getText()).documents[0]?.value)) {
        own.push(...lintPatchText(document.getText(), use, { rules }));
      }
    }
    const rendered = [...this.rendered.values()].flatMap((r) => r.findings.filter((f) => f.file === file));
    return mergeRenderedFindings(new Map([[file, own]]), rendered).get(file) ?? own;
  }

  /** Renders, after a pause, every kustomization that reads the document's file. */
  schedule(document: vscode.TextDocument): void {
    // A kustomization can fetch remote resources: render only in a trusted workspace.
    if (document.uri.scheme !== 'file' || !vscode.workspace.isTrusted) return;
    if (kustomizeSettings().enabled === false) return;
    const file = toSlash(document.uri.fsPath);
    clearTimeout(this.pending.get(file));
    this.pending.set(
      file,
      setTimeout(() => {
        this.pending.delete(file);
        void this.renderUsersOf(file, document.uri);
      }, RENDER_DEBOUNCE_MS),
    );
  }

  /** Resolves when the renders now running or scheduled are done (tests). */
  async settled(): Promise<void> {
    while (this.pending.size > 0 || this.inFlight.size > 0) {
      await Promise.all([...this.inFlight.values()].map((f) => f.done));
      if (this.pending.size > 0) await new Promise((resolve) => setTimeout(resolve, RENDER_DEBOUNCE_MS));
    }
  }

  private async renderUsersOf(file: string, uri: vscode.Uri): Promise<void> {
    await this.index();
    const users = this.project.kustomizations.filter(
      (k) => k.kind === 'Kustomization' && this.filesRead(k).has(file),
    );
    if (users.length === 0) return;
    const runner = await findKustomize(kustomizeSettings());
    if (!runner) {
      if (!this.toldMissing) {
        this.toldMissing = true;
        this.output.info(
          'Kustomize was not found (neither kustomize nor kubectl is on PATH, and podDoctor.kustomize.path is not set): overlays are not rendered, and patches are linted as partial objects.',
        );
      }
      return;
    }
    await Promise.all(users.map((k) => this.render(k, runner, this.rules(uri))));
  }

  private render(
    kustomization: Kustomization,
    runner: KustomizeRunner,
    rules: Readonly<Record<string, SeveritySetting>>,
  ): Promise<void> {
    const key = `${JSON.stringify(rules)}\n${runner.command}\n${this.cacheKey(kustomization)}`;
    if (this.rendered.get(kustomization.file)?.key === key) return Promise.resolve();
    const running = this.inFlight.get(kustomization.file);
    if (running?.key === key) return running.done;
    running?.abort.abort();
    const abort = new AbortController();
    const done = (async () => {
      const started = performance.now();
      const outcome = await renderKustomization(runner, kustomization.dir, abort.signal);
      if (abort.signal.aborted) return;
      const previous = this.rendered.get(kustomization.file);
      let next: Rendered;
      if (outcome.ok) {
        // In slices: a large render's findings must not hold up the next keystroke's diagnostics.
        const { findings } = await runInSlices(
          lintRenderedSteps({
            rendered: outcome.rendered,
            wrapperDir: outcome.wrapperDir,
            kustomizationDir: kustomization.dir,
            read: readSource,
            sources: new SourceFiles(readSource),
            options: { rules },
          }),
        );
        if (abort.signal.aborted) return;
        next = { key, findings };
      } else {
        const failure = buildFailureFinding(kustomization, outcome.message, rules);
        next = { key, findings: [], ...(failure ? { failure } : {}) };
      }
      this.rendered.set(kustomization.file, next);
      this.output.debug(
        `Rendered ${kustomization.dir} with Kustomize in ${(performance.now() - started).toFixed(0)} ms (${next.findings.length} findings${outcome.ok ? '' : ', build failed'}).`,
      );
      const files = new Set([kustomization.file, ...next.findings.map((f) => f.file)]);
      for (const f of previous?.findings ?? []) files.add(f.file);
      this.changed.fire([...files]);
    })()
      .catch((error: unknown) => {
        this.output.error(
          `Rendering ${kustomization.dir} with Kustomize failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        if (this.inFlight.get(kustomization.file)?.abort === abort) this.inFlight.delete(kustomization.file);
      });
    this.inFlight.set(kustomization.file, { key, abort, done });
    return done;
  }

  /** Every local file the kustomization reads: its own, its patches, resources, bases and components. */
  private filesRead(kustomization: Kustomization, seen = new Set<string>()): Set<string> {
    if (seen.has(kustomization.file)) return seen;
    seen.add(kustomization.file);
    for (const patch of kustomization.patches) if (patch.file) seen.add(patch.file);
    for (const path of [...kustomization.resources, ...kustomization.components]) {
      const nested = this.kustomizationIn(path);
      if (nested) this.filesRead(nested, seen);
      else seen.add(path);
    }
    return seen;
  }

  private kustomizationIn(dir: string): Kustomization | undefined {
    const known = this.project.kustomizations.find((k) => k.dir === dir);
    if (known) return known;
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
      const file = joinPath(dir, name);
      const text = readSource(file);
      if (text !== undefined) return parseKustomization(file, text);
    }
    return undefined;
  }

  /** Contents and modification times of the files the kustomization reads. */
  private cacheKey(kustomization: Kustomization): string {
    const hash = createHash('sha1');
    for (const file of [...this.filesRead(kustomization)].sort()) {
      try {
        const info = statSync(file);
        hash.update(`${file}\0${info.mtimeMs}\0`);
        if (info.isFile()) hash.update(readFileSync(file));
      } catch {
        hash.update(`${file}\0missing\0`);
      }
    }
    return hash.digest('hex');
  }
}
