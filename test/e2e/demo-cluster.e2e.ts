// The demo cluster reaches the extension through the harness: the Pod Doctor view lists its pods.
import * as assert from 'node:assert/strict';
import { demoClusterAvailable } from '../../scripts/code-server';
import { startWorkbench, type Workbench } from './workbench';

describe('workbench with the demo cluster', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  before(function () {
    if (!demoClusterAvailable()) this.skip();
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the demo cluster and its namespaces in the Pod Doctor view', async () => {
    wb = await startWorkbench({ theme: 'dark', demoCluster: true });
    await wb.page.locator('.activitybar .action-item a[aria-label^="Pod Doctor"]').first().click();
    const tree = wb.page.locator('.pane-body .monaco-list-row');
    await tree.filter({ hasText: 'default' }).first().waitFor({ timeout: 60_000 });
    // Away from the activity bar, whose tooltip would cover the tree.
    await wb.page.mouse.move(900, 700);
    await wb.page.waitForTimeout(500);
    await wb.screenshot('pods-view-demo-cluster-dark');
    const rows = await tree.allInnerTexts();
    assert.ok(
      rows.some((r) => r.includes('kube-system')),
      `expected the namespaces of the demo cluster, saw ${JSON.stringify(rows)}`,
    );
  });
});
