// Opens the explain panel many times on a warm extension host and records, for each open, where the
// time to the first explanation on screen went (the panel's own marks, ending at the page's
// `rendered` answer). Asserts only what the user sees (the right pod explained, the page drawn);
// never a time. With POD_DOCTOR_PANEL_TIMINGS=FILE the figures are written there for bench/panel,
// which also sets POD_DOCTOR_PANEL_RUNS (5 in the ordinary suite).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as vscode from 'vscode';
import type { Pod } from '../../../src/core/k8s';
import type { ExplainPanel, PanelTimings, PodRef } from '../../../src/extension/explain/panel';
import type { PodDoctorApi } from '../../../src/extension/extension';
import { randomNonce, webviewHtml } from '../../../src/extension/webview-page';
import { closeAllEditors, DEMO_CONTEXT, startDemo, waitFor } from './helpers';

const RUNS = Number(process.env.POD_DOCTOR_PANEL_RUNS) || 5;
/** A mix of diagnoses: healthy, crash loop, OOM, image pull, missing config key. */
const PODS = [
  ['default', 'web-'],
  ['default', 'report-gen-'],
  ['shop', 'checkout-'],
  ['shop', 'cart-'],
  ['shop', 'inventory-'],
] as const;

interface Sample extends PanelTimings {
  readonly pod: string;
  readonly diagnosis: string;
}

/**
 * The floor: an empty webview panel in the same host, with the same CSP shell, to which the host
 * posts one message at once; its script answers `rendered` on the frame after the message arrives
 * (VS Code delivers it once the page has loaded). Milliseconds from creating it to that answer.
 */
async function emptyPanelMs(): Promise<number> {
  const started = performance.now();
  const panel = vscode.window.createWebviewPanel(
    'podDoctor.benchBaseline',
    'Baseline',
    { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
    { enableScripts: true },
  );
  try {
    const rendered = new Promise<number>((resolve) => {
      panel.webview.onDidReceiveMessage(() => resolve(performance.now() - started));
    });
    panel.webview.html = webviewHtml({
      nonce: randomNonce(),
      title: 'Baseline',
      styles: [],
      body: '<main>Empty</main>',
      script: '',
      scriptText:
        'const api = acquireVsCodeApi(); window.addEventListener("message", () => ' +
        'requestAnimationFrame(() => api.postMessage({ type: "rendered" })));',
    });
    void panel.webview.postMessage({ type: 'explanation' });
    return await Promise.race([
      rendered,
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error('the empty webview never answered')), 15_000),
      ),
    ]);
  } finally {
    panel.dispose();
  }
}

describe('Explain panel timings (figures for bench/panel; no time is asserted)', function () {
  this.timeout(30_000 + RUNS * 8_000);
  let api: PodDoctorApi;
  const refs: PodRef[] = [];

  async function openAndWait(ref: PodRef): Promise<ExplainPanel> {
    await vscode.commands.executeCommand('podDoctor.explainPod', ref);
    const panel = api.explain.get(ref);
    assert.ok(panel, `podDoctor.explainPod opened no panel for ${ref.namespace}/${ref.name}`);
    await waitFor(
      () => panel.timings.renderedMs !== undefined,
      15_000,
      () => `the page of ${ref.name} to draw its explanation (timings ${JSON.stringify(panel.timings)})`,
    );
    return panel;
  }

  function sample(panel: ExplainPanel): Sample {
    const posted = panel.lastMessage;
    assert.equal(posted?.type, 'explanation', `the panel of ${panel.ref.name} posted ${posted?.type}`);
    assert.equal(posted.explanation.pod.name, panel.ref.name);
    return {
      pod: `${panel.ref.namespace}/${panel.ref.name}`,
      diagnosis: posted.explanation.diagnoses[0]?.id ?? '',
      ...panel.timings,
    };
  }

  before(async () => {
    ({ api } = await startDemo());
    const session = await api.cluster.session(DEMO_CONTEXT);
    assert.ok(session, 'the demo cluster did not start');
    for (const [namespace, prefix] of PODS) {
      const pods: Pod[] = await session.listPods(namespace);
      const name = pods.map((p) => p.metadata?.name ?? '').find((n) => n.startsWith(prefix));
      assert.ok(name, `the demo cluster has no pod ${prefix}… in ${namespace}`);
      refs.push({ context: DEMO_CONTEXT, namespace, name });
    }
    // Warm: every pod explained once, so that the host, the cluster bundle and the page's script
    // are loaded, as they are after a user's first explanation.
    for (const ref of refs) (await openAndWait(ref)).dispose();
    await emptyPanelMs();
  });

  after(async () => {
    api.explain.dispose();
    await closeAllEditors();
    await api.cluster.closeDemoCluster();
  });

  it(`opens the panel ${RUNS} times, each drawing its pod's explanation, and records the times`, async () => {
    const opens: Sample[] = [];
    const empty: number[] = [];
    const reveals: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ref = refs[i % refs.length]!;
      const panel = await openAndWait(ref);
      opens.push(sample(panel));
      panel.dispose();
      empty.push(await emptyPanelMs());
    }
    // A panel hidden behind another one (its page unloaded) and explained again.
    for (let i = 0; i < Math.min(RUNS, 10); i++) {
      const first = refs[i % refs.length]!;
      const other = refs[(i + 1) % refs.length]!;
      const hidden = await openAndWait(first);
      const front = await openAndWait(other);
      assert.equal(await openAndWait(first), hidden, 'explaining it again made a new panel');
      reveals.push(sample(hidden));
      hidden.dispose();
      front.dispose();
    }
    assert.equal(opens.length, RUNS);
    const out = process.env.POD_DOCTOR_PANEL_TIMINGS;
    if (out) {
      writeFileSync(
        out,
        JSON.stringify({ vscode: vscode.version, loadavg: loadavg(), opens, empty, reveals }, null, 2),
      );
    }
    const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `      (open → first explanation drawn: p50 ${p50(opens.map((s) => s.renderedMs!)).toFixed(0)} ms; ` +
        `empty webview p50 ${p50(empty).toFixed(0)} ms; hidden panel revealed p50 ${p50(reveals.map((s) => s.renderedMs!)).toFixed(0)} ms)`,
    );
  });
});
