// What a user sees of the cluster features: the Pods tree on the demo cluster in the light and the
// dark theme, a pod's tooltip, and the explain panel for three different failures. Screenshots land
// in test-results/screenshots/ (pods-*.png, explain-*.png).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index';
import { startWorkbench, type Workbench } from './workbench';

const STEP_TIMEOUT_MS = 30_000;

/**
 * Scrolls the webview page (only it: `scrollIntoView` would scroll the workbench around the
 * webview too) so that `el` is at its top, or its end at the bottom. Runs in the page.
 */
function scrollPageTo(el: Element, where: 'top' | 'bottom'): void {
  const view = el.ownerDocument.defaultView;
  if (!view) return;
  const box = el.getBoundingClientRect();
  view.scrollTo(0, view.scrollY + (where === 'top' ? box.top - 8 : box.bottom - view.innerHeight + 8));
}

for (const theme of ['light', 'dark'] as const) {
  describe(`Pods tree and explain panel on the demo cluster (${theme} theme)`, function () {
    this.timeout(240_000);
    let demo: DemoCluster;
    let dir: string;
    let wb: Workbench;

    /** Drags the side bar's edge so that pod names and all four kubectl columns fit. */
    async function widenSideBar(width: number): Promise<void> {
      const sidebar = await wb.page.locator('.part.sidebar').boundingBox();
      if (!sidebar) return;
      const x = sidebar.x + sidebar.width;
      const y = sidebar.y + sidebar.height / 2;
      await wb.page.mouse.move(x, y);
      await wb.page.mouse.down();
      await wb.page.mouse.move(sidebar.x + width, y, { steps: 8 });
      await wb.page.mouse.up();
    }

    before(async () => {
      demo = await startDemoCluster({ port: 0 });
      dir = mkdtempSync(join(tmpdir(), 'pod-doctor-e2e-kube-'));
      const kubeconfig = join(dir, 'config');
      await demo.writeKubeconfig(kubeconfig);
      wb = await startWorkbench({
        theme,
        kubeconfig,
        settings: { 'workbench.tips.enabled': false, 'workbench.startupEditor': 'none' },
      });
      await wb.page.locator('.activitybar .action-item a[aria-label^="Pod Doctor"]').click();
      await wb.treeRow('CrashLoopBackOff').waitFor({ timeout: STEP_TIMEOUT_MS });
      await widenSideBar(600);
    });
    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && wb) {
        const slug = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
        await wb.screenshot(`failed-${theme}-${slug}`).catch(() => undefined);
      }
    });
    after(async () => {
      await wb?.close();
      await demo?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('lists the pods of default with kubectl columns, colored icons and problem badges', async () => {
      // Expand shop too, so that the picture shows ImagePullBackOff, Init:… and Terminating rows.
      await wb.treeRow('shop').click();
      await wb.treeRow('ImagePullBackOff').waitFor({ timeout: STEP_TIMEOUT_MS });
      // Move the mouse away so that no row is hovered or selected: icons keep their own colors.
      await wb.page.mouse.move(900, 500);
      await wb.page.waitForTimeout(500);
      await wb.screenshot(`pods-tree-${theme}`);
      const description = await wb.treeRow('report-gen-').locator('.label-description').innerText();
      assert.match(description, /^(CrashLoopBackOff|Running) {2}0\/1 {2}\d+ \(\w+ ago\) {2}\w+$/);
    });

    if (theme === 'dark') {
      it("shows a pod's tooltip", async () => {
        // Onto the pod's name, in small steps: the workbench shows tree tooltips on mouse moves after
        // a delay, and forgets a hover that started while it was busy; try again from outside then.
        const box = await wb.treeRow('checkout-').locator('.label-name').boundingBox();
        assert.ok(box, 'the checkout row is not visible');
        const hover = wb.page.locator('.monaco-hover:not(.hidden), .workbench-hover').last();
        for (let attempt = 1; ; attempt++) {
          await wb.page.mouse.move(900, 500);
          await wb.page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 6 });
          await wb.page.mouse.move(box.x + 40, box.y + box.height / 2, { steps: 6 });
          try {
            await hover.waitFor({ state: 'visible', timeout: 5000 });
            break;
          } catch (error) {
            if (attempt === 4) throw error;
          }
        }
        await wb.page.waitForTimeout(500);
        await wb.screenshot(`pods-tooltip-${theme}`);
        assert.match(await hover.innerText(), /checkout/);
        await wb.page.mouse.move(900, 500);
      });
    }

    if (theme === 'dark') {
      it("shows a manifest's live pods above its pod template", async () => {
        await wb.openFile('live/checkout.yaml');
        const lens = wb.page.locator('.codelens-decoration', { hasText: 'live pod' });
        await lens.first().waitFor({ timeout: STEP_TIMEOUT_MS });
        await wb.page.mouse.move(900, 700);
        await wb.page.waitForTimeout(500);
        await wb.screenshot(`live-pods-lens-${theme}`);
        assert.match(await lens.first().innerText(), /1 live pod: 1 (CrashLoopBackOff|Running)/);
      });
    }

    if (theme === 'dark') {
      it('shows a live finding on the manifest line the fix changes, with its quick fixes', async () => {
        // Live findings come from the tree's watches only: make sure shop is expanded (watched).
        if ((await wb.treeRow('shop').getAttribute('aria-expanded')) !== 'true')
          await wb.treeRow('shop').click();
        // The tree re-renders as shop's pods arrive and can take the focus from Quick Open: retry once.
        await wb.page.waitForTimeout(1000);
        await wb.openFile('live/checkout.yaml').catch(async () => {
          await wb.page.keyboard.press('Escape');
          await wb.openFile('live/checkout.yaml');
        });
        // Onto `memory: 512Mi` under limits (line 36), where the OOMKilled pod's finding sits.
        await wb.page.keyboard.press('Control+G');
        await wb.page.locator('.quick-input-widget input').fill(':36:15');
        await wb.page.keyboard.press('Enter');
        const menu = wb.page.locator('.action-widget');
        const applyRow = menu.locator('.monaco-list-row', { hasText: 'Apply fix' });
        // The finding arrives once the tree's watch of shop has the pod: ask again until it is offered.
        for (let attempt = 1; ; attempt++) {
          await wb.page.keyboard.press('Control+.');
          try {
            await applyRow.first().waitFor({ timeout: 3000 });
            break;
          } catch (error) {
            await wb.page.keyboard.press('Escape');
            if (attempt === 8) throw error;
          }
        }
        await wb.page.waitForTimeout(500);
        await wb.screenshot(`live-finding-actions-${theme}`);
        const items = await menu.locator('.monaco-list-row').allInnerTexts();
        assert.ok(
          items.some((t) => t.includes('Apply fix: Set limits.memory of checkout to 1408Mi')),
          items.join(' | '),
        );
        assert.ok(
          items.some((t) => /Explain pod checkout-/.test(t)),
          items.join(' | '),
        );

        // "Explain pod …" opens the panel; its fix has an "Apply fix" button (the manifest is in the
        // workspace) that opens the same preview as the quick fix: a diff of the manifest against the
        // file with the fix applied, with "Apply fix" and "Discard" in its title bar.
        await menu.locator('.monaco-list-row', { hasText: 'Explain pod checkout-' }).first().click();
        const applyButton = wb.webview().getByRole('button', { name: 'Apply fix' }).first();
        await applyButton.waitFor({ timeout: STEP_TIMEOUT_MS });
        await applyButton.evaluate(scrollPageTo, 'bottom' as const);
        await wb.page.waitForTimeout(400);
        await wb.screenshot(`explain-apply-fix-${theme}`);
        await applyButton.click();
        const diff = wb.page.locator('.editor-instance .monaco-diff-editor').filter({ visible: true });
        await diff.first().waitFor({ timeout: STEP_TIMEOUT_MS });
        // The panel's manifest is whichever workspace file defines Deployment checkout in shop.
        const tab = wb.page
          .locator('.tabs-container .tab.active')
          .filter({ hasText: /\S+\.yaml ↔ Set limits\.memory of checkout to 1408Mi/ });
        await tab.waitFor({ timeout: STEP_TIMEOUT_MS });
        const manifest = (await tab.innerText()).split(' ↔ ')[0]?.trim() ?? '';
        const titleBar = wb.page.locator('.editor-group-container.active .editor-actions');
        const confirm = titleBar.locator('.action-label[aria-label^="Apply fix"]');
        const discard = titleBar.locator('.action-label[aria-label^="Discard"]');
        await confirm.waitFor({ timeout: STEP_TIMEOUT_MS });
        await discard.waitFor({ timeout: STEP_TIMEOUT_MS });
        await wb.page.mouse.move(900, 700);
        await wb.page.waitForTimeout(800);
        await wb.screenshot(`apply-fix-preview-${theme}`);
        assert.match(await diff.first().locator('.editor.original').innerText(), /memory:\s512Mi/);
        assert.match(await diff.first().locator('.editor.modified').innerText(), /memory:\s1408Mi/);

        // "Apply fix" in the title bar writes the change and shows the edited line; one Undo reverts it.
        await confirm.click();
        await diff.first().waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
        const editorLines = wb.page
          .locator('.editor-instance .monaco-editor .view-lines')
          .filter({ visible: true });
        await editorLines
          .filter({ hasText: /memory:\s1408Mi/ })
          .first()
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        await wb.page.keyboard.press('Control+Z');
        await editorLines
          .filter({ hasText: /limits:\s+(cpu:\s'1'\s+)?memory:\s512Mi/ })
          .first()
          .waitFor({ timeout: STEP_TIMEOUT_MS });
        assert.doesNotMatch(await editorLines.first().innerText(), /1408Mi/);

        // Again, and "Discard" closes the diff without touching the manifest. The manifest's editor
        // now covers the panel in their group: bring the panel back by its tab.
        await wb.page
          .locator('.tabs-container .tab', { hasText: /checkout-/ })
          .first()
          .click();
        await wb.webview().getByRole('button', { name: 'Apply fix' }).first().click();
        await discard.waitFor({ timeout: STEP_TIMEOUT_MS });
        await discard.click();
        await diff.first().waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
        await wb.page.locator('.tabs-container .tab', { hasText: manifest }).first().click();
        await editorLines
          .filter({ hasText: /limits:\s+(cpu:\s'1'\s+)?memory:\s512Mi/ })
          .first()
          .waitFor({
            timeout: STEP_TIMEOUT_MS,
          });
      });
    }

    if (theme === 'dark') {
      it('draws usage bars per container in the explain panel (metrics.k8s.io)', async () => {
        const usage = wb.webview().locator('.usage-row').first();
        try {
          // Once seen: the click only selected the row (its readiness changed under the mouse), and
          // no panel opened. The bars come with the first metrics reading, or the next (15 s later).
          await wb.openFromTree('catalog-', wb.webview().locator('.pod-name', { hasText: 'catalog-' }));
          await usage.waitFor({ timeout: STEP_TIMEOUT_MS });
        } catch (error) {
          // What the panel showed instead (a note such as "no usage yet", another pod's panel, or
          // nothing), so that a failure says which step did not happen.
          await wb.screenshot(`explain-usage-bars-failed-${theme}`);
          const panels = await wb.page.locator('iframe.webview.ready').filter({ visible: true }).count();
          const text = async (selector: string): Promise<string> =>
            (
              await wb
                .webview()
                .locator(selector)
                .first()
                .innerText({ timeout: 2_000 })
                .catch(() => '(none)')
            )
              .replace(/\s+/g, ' ')
              .slice(0, 300);
          throw new Error(
            `No usage bars in the catalog panel: ${panels} visible webview(s); heading: ${await text('h1')}; usage section: ${await text('#usage')}`,
            { cause: error },
          );
        }
        await wb
          .webview()
          .locator('#usage h2.section')
          .evaluate(scrollPageTo, 'top' as const);
        await wb.page.waitForTimeout(400);
        await wb.screenshot(`explain-usage-bars-${theme}`);
        assert.match(await usage.innerText(), /CPU/);
        assert.match(
          await wb.webview().locator('.usage-text').nth(1).innerText(),
          /^\d+(\.\d)?[KMG]i · request \S+ · (limit \S+ \(\d+% used\)|no limit)$/,
        );
      });
    }

    const failures =
      theme === 'dark'
        ? [
            { prefix: 'report-gen-', shot: 'crashloop-exit-127', headline: /exit code 127/, scroll: true },
            { prefix: 'checkout-', shot: 'oomkilled', headline: /OOMKilled/ },
            { prefix: 'cart-', shot: 'imagepullbackoff', headline: /Cannot pull the image/ },
          ]
        : [{ prefix: 'checkout-', shot: 'oomkilled', headline: /OOMKilled/, scroll: true }];
    for (const f of failures) {
      it(`explains ${f.prefix}… in a webview`, async () => {
        const headline = wb.webview().locator('.headline', { hasText: f.headline });
        await wb.openFromTree(f.prefix, headline);
        await wb.page.waitForTimeout(600);
        await wb.screenshot(`explain-${f.shot}-${theme}`);
        if (f.scroll) {
          // The containers and the timeline, below the diagnosis.
          await wb
            .webview()
            .locator('h2.section')
            .first()
            .evaluate(scrollPageTo, 'top' as const);
          await wb.page.waitForTimeout(300);
          await wb.screenshot(`explain-${f.shot}-${theme}-containers`);
          // The previous run's log, read on demand, below the timeline.
          await wb.webview().getByRole('button', { name: 'Previous log' }).first().click();
          const log = wb.webview().locator('.log pre');
          await log.waitFor({ timeout: STEP_TIMEOUT_MS });
          await log.evaluate(scrollPageTo, 'bottom' as const);
          await wb.page.waitForTimeout(300);
          await wb.screenshot(`explain-${f.shot}-${theme}-previous-log`);
          assert.notEqual((await log.innerText()).trim(), '');
        }
      });
    }
  });
}
