import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { command } from '../../../src/cli/lint';
import { applyFix } from '../helpers';
import { useDemoSession } from './demo-session';

/** Live findings of `lint --cluster` on the sample manifests of the demo cluster's pods. */

const SAMPLE = join(__dirname, '..', '..', '..', 'sample');
const FILES = ['shop/checkout.yaml', 'shop/cart.yaml', 'default/web.yaml', 'batch/nightly-backup.yaml'];

describe('live findings against the demo cluster', function () {
  this.timeout(30_000);
  const demo = useDemoSession('pod-doctor-live-findings-');

  it('puts each failing pod on its manifest, and nothing on healthy or completed ones', async () => {
    const texts = FILES.map((f) => readFileSync(join(SAMPLE, f), 'utf8'));
    const result = await demo.session.lintAgainstCluster(texts, { live: true });
    const live = result.findings.map((list, i) =>
      list
        .filter((f) => f.ruleId.startsWith('live-'))
        .map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          line: f.start.line + 1,
          text: (texts[i] ?? '').slice(f.range.start, f.range.end),
          message: f.message,
        })),
    );
    const [checkout, cart, web, backup] = live;
    assert.equal(checkout?.length, 1, JSON.stringify(checkout));
    assert.equal(checkout?.[0]?.ruleId, 'live-oom-killed');
    assert.equal(checkout?.[0]?.severity, 'error');
    // limits.memory of the checkout container (its requests.memory is on line 32).
    assert.equal(checkout?.[0]?.line, 35);
    assert.equal(checkout?.[0]?.text, 'memory: 512Mi');
    assert.match(
      checkout?.[0]?.message ?? '',
      /^live: 1 of 1 pod of checkout is OOMKilled \(exit 137, \d+ restarts\): raise limits\.memory to 1408Mi$/,
    );
    // Apply fix: the finding carries the edit that sets the limit to the diagnosis' value.
    const oom = result.findings[0]?.find((f) => f.ruleId === 'live-oom-killed');
    assert.equal(oom?.fix?.title, 'Set limits.memory of checkout to 1408Mi');
    assert.equal(
      applyFix(texts[0] ?? '', oom?.fix),
      (texts[0] ?? '').replace(/(limits:\n(?: +cpu: .*\n)? +memory: )512Mi/, '$11408Mi'),
    );
    assert.equal(cart?.length, 1, JSON.stringify(cart));
    assert.equal(cart?.[0]?.ruleId, 'live-image-pull');
    assert.match(cart?.[0]?.text ?? '', /^image: /);
    assert.match(cart?.[0]?.message ?? '', /^live: 1 of 1 pod of cart cannot pull its image/);
    assert.deepEqual(web, []);
    assert.deepEqual(backup, []);
  });

  it('lists pods and events once per namespace, however many manifests share it', async () => {
    const texts = ['shop/checkout.yaml', 'shop/cart.yaml', 'shop/payments.yaml', 'default/web.yaml'].map(
      (f) => readFileSync(join(SAMPLE, f), 'utf8'),
    );
    await demo.session.lintAgainstCluster(texts, { live: true });
    const reads = demo.cluster
      .requests()
      .filter((r) => /\/(pods|events)$/.test(r.path))
      .map((r) => r.path)
      .sort();
    assert.deepEqual(reads, [
      '/api/v1/namespaces/default/events',
      '/api/v1/namespaces/default/pods',
      '/api/v1/namespaces/shop/events',
      '/api/v1/namespaces/shop/pods',
    ]);
  });

  it('lists no pods without live (the editor takes them from its watch cache)', async () => {
    await demo.session.lintAgainstCluster([readFileSync(join(SAMPLE, 'shop/checkout.yaml'), 'utf8')]);
    assert.deepEqual(
      demo.cluster.requests().filter((r) => /\/(pods|events)$/.test(r.path)),
      [],
    );
  });

  it('prints them from the CLI, with the location and the rule id', async () => {
    let stdout = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
    let code: number;
    try {
      code = await command.run([
        join(SAMPLE, 'shop/checkout.yaml'),
        join(SAMPLE, 'default/web.yaml'),
        '--cluster',
        '--kubeconfig',
        demo.kubeconfig,
        '--no-color',
      ]);
    } finally {
      process.stdout.write = write;
    }
    assert.equal(code, 1);
    assert.match(
      stdout,
      /checkout\.yaml:35:15 error live: 1 of 1 pod of checkout is OOMKilled .*raise limits\.memory to 1408Mi \[live-oom-killed\]/,
    );
    assert.doesNotMatch(stdout, /web\.yaml:\d+:\d+ \w+ live:/);
    stdout = '';
    process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
    try {
      code = await command.run([
        join(SAMPLE, 'shop/checkout.yaml'),
        '--cluster',
        '--kubeconfig',
        demo.kubeconfig,
        '--rule',
        'live-oom-killed=off',
        '--no-color',
      ]);
    } finally {
      process.stdout.write = write;
    }
    assert.doesNotMatch(stdout, /live-oom-killed/);
  });
});
