// What a user sees when they open a manifest with mistakes, in the light and the dark theme:
// squiggles, the Problems panel and a hover. Screenshots land in test-results/screenshots/.
import * as assert from 'node:assert/strict';
import { startWorkbench, type Workbench } from './workbench';

for (const theme of ['light', 'dark'] as const) {
  describe(`workbench with a manifest with mistakes (${theme} theme)`, function () {
    this.timeout(180_000);
    let wb: Workbench;

    before(async () => {
      wb = await startWorkbench({ theme });
      await wb.openFile('pods/web-mistakes.yaml');
    });
    afterEach(async function () {
      // A failing step still leaves a picture of what the window showed.
      if (this.currentTest?.state === 'failed' && wb) {
        const slug = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
        await wb.screenshot(`failed-${theme}-${slug}`).catch(() => undefined);
      }
    });
    after(async () => {
      await wb?.close();
    });

    it('underlines the mistakes in the editor and sums them up above the container', async () => {
      const count = await wb.waitForSquiggles(3);
      const lenses = await wb.codeLenses();
      await wb.screenshot(`editor-squiggles-${theme}`);
      assert.ok(count >= 3, `expected at least 3 squiggles, saw ${count}`);
      assert.ok(
        lenses.some((text) => /\d+ problems?/.test(text)),
        `expected a CodeLens with the problem count, saw ${JSON.stringify(lenses)}`,
      );
    });

    it('lists them in the Problems panel with the source pod-doctor', async () => {
      await wb.showProblems();
      const rows = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'pod-doctor' });
      await rows.first().waitFor({ timeout: 30_000 });
      await wb.screenshot(`problems-${theme}`);
      assert.ok((await rows.count()) >= 3, 'expected at least 3 pod-doctor problems');
    });

    it('explains a flagged value in a hover', async () => {
      const hover = await wb.hoverAt('512mb');
      await wb.screenshot(`hover-${theme}`);
      assert.match(await hover.innerText(), /pod-doctor/);
    });
  });
}
