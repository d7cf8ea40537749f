// Runs the explain engine over every pod fixture (test/fixtures/pods) and every pod of the demo
// cluster, and prints the explanations as one stable JSON document. Run it before and after a
// change to the diagnosis engine and diff the two outputs: a refactor must print the same thing.
//
//   npx tsx scripts/explain-snapshot.ts > before.json
//
// The demo cluster runs on a frozen clock, and its pods are read the way the CLI and the editor
// read them (pod, events, node, owners and their events, log tails), over HTTPS.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, gatherEvidence } from '../src/cluster';
import { explainPod, type DiagnoseInput, type Explanation } from '../src/core/diagnose';
import { startDemoCluster } from '../src/demo';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'pods');
/** A fixed demo clock, so that ages, back-offs and event counts are the same on every run. */
const DEMO_NOW = Date.parse('2026-11-23T12:00:00Z');
/** Extra generated pods: the shapes the scale tests serve. */
const DEMO_EXTRA_PODS = 40;

interface Fixture extends Omit<DiagnoseInput, 'nowMs'> {
  now: string;
}

function fixtureExplanations(): Record<string, Explanation> {
  const out: Record<string, Explanation> = {};
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.pod.json'))
    .sort();
  for (const file of files) {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture;
    out[file.slice(0, -'.pod.json'.length)] = explainPod({ ...fixture, nowMs: Date.parse(fixture.now) });
  }
  return out;
}

async function demoExplanations(): Promise<Record<string, Explanation>> {
  const cluster = await startDemoCluster({ now: () => DEMO_NOW, pods: DEMO_EXTRA_PODS });
  const dir = mkdtempSync(join(tmpdir(), 'pod-doctor-snapshot-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig);
    const session = connect({ kubeconfig });
    try {
      const pods = await session.listPods(undefined);
      const out: Record<string, Explanation> = {};
      const keys = pods
        .map((pod) => ({ pod, key: `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}` }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      for (const { pod, key } of keys) {
        const gathered = await gatherEvidence(
          session,
          pod.metadata?.namespace ?? '',
          pod.metadata?.name ?? '',
          pod,
        );
        const { gaps: _gaps, ...input } = gathered;
        out[key] = explainPod({ ...input, nowMs: cluster.now() });
      }
      return out;
    } finally {
      session.dispose();
    }
  } finally {
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const snapshot = { fixtures: fixtureExplanations(), demo: await demoExplanations() };
  process.stdout.write(`${JSON.stringify(snapshot, null, 1)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
