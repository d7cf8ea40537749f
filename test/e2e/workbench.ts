// Drives the real VS Code workbench (code-server in headless Chromium) with the Pod Doctor extension
// installed, for end-to-end checks and screenshots of what a user sees.
//
//   const wb = await startWorkbench({ theme: 'dark' });
//   await wb.openFile('pods/web-mistakes.yaml');
//   await wb.hoverAt('512mb');
//   await wb.screenshot('hover-dark');
//   await wb.close();
//
// The extension comes from a .vsix packaged once per process from dist/ (the artifact users install);
// POD_DOCTOR_E2E_EXTENSION=dev loads the development folder instead. Set POD_DOCTOR_E2E_VERBOSE=1 to
// see code-server's and the browser's output.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  PROJECT_ROOT,
  createSandbox,
  installExtension,
  launchBrowser,
  removeOnExit,
  startCodeServer,
  startDemoCluster,
  workbenchUrl,
  writeUserSettings,
  type BrowserSession,
  type CodeServer,
  type DemoCluster,
  type Sandbox,
} from '../../scripts/code-server';

const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results', 'screenshots');
const FIXTURES_WORKSPACE = join(PROJECT_ROOT, 'test', 'fixtures', 'workspace');

export interface WorkbenchOptions {
  /** Folder to open; it is copied first so that tests can edit it. Default: test/fixtures/workspace. */
  readonly workspace?: string;
  /** User settings on top of the harness's quiet defaults. */
  readonly settings?: Record<string, unknown>;
  /** `dark` → "Dark 2026", `light` → "Light 2026" (VS Code 1.139's default themes). */
  readonly theme?: 'dark' | 'light';
  /** KUBECONFIG for the extension host. Without it (and without demoCluster) no cluster is configured. */
  readonly kubeconfig?: string;
  /** Start `pod-doctor demo` for this window and point KUBECONFIG at it; `{ pods: N }` adds N pods. */
  readonly demoCluster?: boolean | { readonly pods?: number };
  readonly viewport?: { readonly width: number; readonly height: number };
  /** `vsix` (default) installs the packaged extension; `dev` loads the development folder. */
  readonly extension?: 'vsix' | 'dev';
}

export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  /** The copy of the workspace the window has open. */
  readonly workspace: string;
  /** The KUBECONFIG the extension host got (the demo cluster's with `demoCluster`), if any. */
  readonly kubeconfig: string | undefined;
  /** The first row of a side-bar tree (the Pods view) that shows `text`. */
  treeRow(text: string): Locator;
  /**
   * Clicks the tree row that shows `text` until `shown` appears (up to three clicks). A click that
   * lands while the row is redrawn (its pod, or its namespace's counts, changed under the mouse)
   * only selects the row; a user then clicks again.
   */
  openFromTree(text: string, shown: Locator): Promise<void>;
  /** The visible webview panel's page (the explain or triage panel): the webview iframe holds it in an inner frame. */
  webview(): FrameLocator;
  /** Opens a workspace file through Quick Open and waits for its editor. */
  openFile(relPath: string): Promise<void>;
  /** Moves the mouse over `text` (within one token; make it unique on screen) in the active editor and waits for the hover. */
  hoverAt(text: string): Promise<Locator>;
  /** Runs a command by its title from the Command Palette, e.g. `View: Focus on Problems View`. */
  runCommand(title: string): Promise<void>;
  /** Waits for the active editor's CodeLenses and returns their texts, top to bottom. */
  codeLenses(): Promise<string[]>;
  /** Opens the Problems panel (Ctrl+Shift+M) and waits for it. */
  showProblems(): Promise<void>;
  /** Waits until the active editor draws at least `count` error/warning/info squiggles. */
  waitForSquiggles(count?: number): Promise<number>;
  /** Saves test-results/screenshots/<name>.png (the whole window) and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

const THEMES = { dark: 'Dark 2026', light: 'Light 2026' } as const;
const STEP_TIMEOUT_MS = 30_000;

let packagedVsix: string | undefined;

/** Packages dist/ into a .vsix once per process, the way `vsce package` does for a release. */
function packageExtension(): string {
  if (packagedVsix && existsSync(packagedVsix)) return packagedVsix;
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'extension.js'))) {
    throw new Error(
      'dist/extension.js is missing; build first with `node esbuild.mjs` (npm run test:e2e does).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-vsix-'));
  removeOnExit(dir);
  const out = join(dir, 'pod-doctor.vsix');
  const vsce = join(PROJECT_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const base = 'https://github.com/pod-doctor/pod-doctor';
  const result = spawnSync(
    process.execPath,
    [
      vsce,
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--baseContentUrl',
      `${base}/blob/main`,
      '--baseImagesUrl',
      `${base}/raw/main`,
      '--out',
      out,
    ],
    { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0 || !existsSync(out)) {
    throw new Error(
      `vsce package failed: ${(result.stderr || result.stdout || String(result.error)).trim()}`,
    );
  }
  packagedVsix = out;
  return out;
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const verbose = process.env.POD_DOCTOR_E2E_VERBOSE === '1';
  const mode = options.extension ?? (process.env.POD_DOCTOR_E2E_EXTENSION === 'dev' ? 'dev' : 'vsix');
  const theme = options.theme ?? 'dark';
  const sandbox: Sandbox = createSandbox('pod-doctor-e2e-');
  const source = options.workspace ?? FIXTURES_WORKSPACE;
  const workspace = join(sandbox.root, basename(source));
  cpSync(source, workspace, { recursive: true });
  writeUserSettings(sandbox, {
    'workbench.colorTheme': THEMES[theme],
    'window.autoDetectColorScheme': false,
    'editor.hover.delay': 200,
    'problems.autoReveal': false,
    ...options.settings,
  });
  let server: CodeServer;
  let cluster: DemoCluster | undefined;
  let kubeconfig = options.kubeconfig;
  try {
    if (mode === 'vsix') installExtension(sandbox, packageExtension());
    if (options.demoCluster) {
      const pods = typeof options.demoCluster === 'object' ? options.demoCluster.pods : undefined;
      cluster = await startDemoCluster(sandbox, pods ? ['--pods', String(pods)] : []);
      kubeconfig = cluster.kubeconfig;
    }
    server = await startCodeServer({
      sandbox,
      smokeTestDriver: mode === 'dev',
      verbose,
      env: kubeconfig ? { KUBECONFIG: kubeconfig } : {},
    });
  } catch (error) {
    await cluster?.service.stop();
    sandbox.dispose();
    throw error;
  }
  let session: BrowserSession | undefined;
  try {
    session = await launchBrowser(sandbox, options.viewport ?? { width: 1400, height: 860 }, theme);
    const { page } = session;
    if (verbose) {
      page.on('console', (m) => console.error(`[browser ${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => console.error(`[browser error] ${e.message}`));
    }
    await page.goto(
      workbenchUrl(server, {
        folder: workspace,
        extensionDevelopmentPath: mode === 'dev' ? PROJECT_ROOT : undefined,
      }),
    );
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
    // The Explorer lists the folder once the remote file system answers.
    await page
      .locator('.explorer-folders-view .monaco-list-row')
      .first()
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    return workbench({ page, server, session, sandbox, workspace, kubeconfig, cluster });
  } catch (error) {
    await session?.close();
    await server.stop();
    await cluster?.service.stop();
    sandbox.dispose();
    throw error;
  }
}

interface Parts {
  readonly page: Page;
  readonly server: CodeServer;
  readonly session: BrowserSession;
  readonly sandbox: Sandbox;
  readonly workspace: string;
  readonly kubeconfig: string | undefined;
  readonly cluster: DemoCluster | undefined;
}

function workbench({ page, server, session, sandbox, workspace, kubeconfig, cluster }: Parts): Workbench {
  const activeEditor = () => page.locator('.editor-group-container.active .monaco-editor').first();
  const self: Workbench = {
    page,
    server,
    workspace,
    kubeconfig,
    treeRow: (text) => page.locator('.pane-body .monaco-list-row', { hasText: text }).first(),
    async openFromTree(text, shown) {
      for (let attempt = 1; ; attempt++) {
        await self.treeRow(text).click();
        try {
          await shown.waitFor({ timeout: attempt === 3 ? STEP_TIMEOUT_MS : 8_000 });
          return;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
    },
    webview: () =>
      page
        .locator('iframe.webview.ready')
        .filter({ visible: true })
        .first()
        .contentFrame()
        .locator('iframe')
        .contentFrame(),
    async openFile(relPath) {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: STEP_TIMEOUT_MS });
      await input.fill(relPath);
      // Quick Open lists files by name with the folder as description; wait for the exact match.
      await page
        .locator('.quick-input-widget .monaco-list-row', { hasText: basename(relPath) })
        .first()
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.keyboard.press('Enter');
      await page
        .locator(`.tabs-container .tab.active[data-resource-name="${basename(relPath)}"]`)
        .waitFor({ timeout: STEP_TIMEOUT_MS });
      await activeEditor().locator('.view-lines').waitFor({ timeout: STEP_TIMEOUT_MS });
    },
    async hoverAt(text) {
      const target = activeEditor()
        .locator('.view-lines .view-line > span > span', { hasText: text })
        .first();
      await target.waitFor({ timeout: STEP_TIMEOUT_MS });
      // Put the mouse on the text itself, not on the start of the span that holds it.
      const box = await target.boundingBox();
      if (!box) throw new Error(`"${text}" is not visible in the active editor.`);
      const inner = await target.evaluate((el, needle) => {
        const node = el.firstChild;
        const at = el.textContent?.indexOf(needle) ?? -1;
        if (!node || at < 0) return undefined;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, Math.min(at + needle.length, node.textContent?.length ?? 0));
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }, text);
      await page.mouse.move(inner?.x ?? box.x + box.width / 2, inner?.y ?? box.y + box.height / 2, {
        steps: 4,
      });
      const hover = page.locator('.monaco-hover:not(.hidden)').last();
      await hover.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      // The hover renders its parts in turn; let them settle before anyone takes a picture.
      await page.waitForTimeout(400);
      return hover;
    },
    async runCommand(title) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: STEP_TIMEOUT_MS });
      await input.fill(`>${title}`);
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ timeout: STEP_TIMEOUT_MS });
      await row.click();
      await input.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
    },
    async waitForSquiggles(count = 1) {
      const squiggles = activeEditor().locator('.squiggly-error, .squiggly-warning, .squiggly-info');
      await page.waitForFunction(
        ({ min }) =>
          document.querySelectorAll(
            '.editor-group-container.active .monaco-editor .squiggly-error, .editor-group-container.active .monaco-editor .squiggly-warning, .editor-group-container.active .monaco-editor .squiggly-info',
          ).length >= min,
        { min: count },
        { timeout: STEP_TIMEOUT_MS },
      );
      return squiggles.count();
    },
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, animations: 'disabled' });
      return path;
    },
    async codeLenses() {
      const lenses = activeEditor().locator('.codelens-decoration');
      await lenses.first().waitFor({ timeout: STEP_TIMEOUT_MS });
      return lenses.allInnerTexts();
    },
    async showProblems() {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    },
    async close() {
      await session.close();
      await server.stop();
      await cluster?.service.stop();
      sandbox.dispose();
    },
  };
  return self;
}
