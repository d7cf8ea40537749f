// The triage panel on the demo cluster, opened from the shop namespace row's inline action, with
// the bad rollout's group expanded. The screenshot lands in test-results/screenshots/.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index';
import { startWorkbench, type Workbench } from './workbench';

const STEP_TIMEOUT_MS = 30_000;

describe('Triage panel on the demo cluster (dark theme)', function () {
  this.timeout(240_000);
  let demo: DemoCluster;
  let dir: string;
  let wb: Workbench;

  before(async () => {
    demo = await startDemoCluster({ port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-e2e-triage-'));
    const kubeconfig = join(dir, 'config');
    await demo.writeKubeconfig(kubeconfig);
    wb = await startWorkbench({
      theme: 'dark',
      kubeconfig,
      settings: { 'workbench.tips.enabled': false, 'workbench.startupEditor': 'none' },
    });
    await wb.page.locator('.activitybar .action-item a[aria-label^="Pod Doctor"]').click();
    await wb.treeRow('CrashLoopBackOff').waitFor({ timeout: STEP_TIMEOUT_MS });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb)
      await wb.screenshot('failed-triage').catch(() => undefined);
  });
  after(async () => {
    await wb?.close();
    await demo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("opens from a namespace row and lists the groups, the bad rollout's pods expanded", async () => {
    const row = wb.page.locator('.pane-body .monaco-list-row[aria-label^="shop"]').first();
    await row.hover();
    await row.locator('.action-label[aria-label="Triage Unhealthy Pods"]').click();
    const rollout = wb.webview().locator('section.group', { hasText: '12 pods keep crashing' });
    await rollout.waitFor({ timeout: STEP_TIMEOUT_MS });
    await rollout.locator('.group-header').click();
    await rollout.locator('.pods a.pod').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.equal(await rollout.locator('.pods a.pod').count(), 12);
    assert.match(await rollout.locator('.workloads').innerText(), /Deployment checkout-v2 \(12\)/);
    assert.match(
      await wb.webview().locator('.summary').innerText(),
      /^\d+ pods, \d+ unhealthy in \d+ groups$/,
    );
    await wb.page.mouse.move(900, 700);
    await wb.page.waitForTimeout(500);
    await wb.screenshot('triage-dark');
  });
});
