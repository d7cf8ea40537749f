import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dump } from 'js-yaml';

const root = join(__dirname, '..', '..', '..');
const main = join(root, 'src', 'cli', 'main.ts');
const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const NOW = '2026-11-23T12:00:00Z';

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, ['--import', tsx, main, 'explain', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Fixture {
  pod: Record<string, unknown>;
  events: Array<Record<string, unknown>>;
  logs?: Record<string, { current?: string; previous?: string }>;
}

function fixture(name: string): Fixture {
  return JSON.parse(
    readFileSync(join(root, 'test', 'fixtures', 'pods', `${name}.pod.json`), 'utf8'),
  ) as Fixture;
}

describe('pod-doctor explain (CLI, offline)', function () {
  this.timeout(60_000);
  let dir = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pod-doctor-explain-'));
    const crash = fixture('crashloop-exit-1-python-traceback');
    writeFileSync(join(dir, 'crash-pod.json'), JSON.stringify(crash.pod));
    writeFileSync(
      join(dir, 'crash-events.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'EventList', items: crash.events }),
    );
    writeFileSync(join(dir, 'crash.log'), crash.logs?.['app']?.previous ?? '');
    const pull = fixture('image-pull-not-found');
    writeFileSync(join(dir, 'pull-pod.yaml'), dump(pull.pod));
    writeFileSync(join(dir, 'pull-events-array.json'), JSON.stringify(pull.events));
    writeFileSync(
      join(dir, 'pull-events-v1.json'),
      JSON.stringify({
        apiVersion: 'events.k8s.io/v1',
        kind: 'EventList',
        items: pull.events.map((e) => ({
          apiVersion: 'events.k8s.io/v1',
          kind: 'Event',
          metadata: e['metadata'],
          regarding: e['involvedObject'],
          reason: e['reason'],
          note: e['message'],
          type: e['type'],
          eventTime: null,
          deprecatedFirstTimestamp: e['firstTimestamp'],
          deprecatedLastTimestamp: e['lastTimestamp'],
          deprecatedCount: e['count'],
          deprecatedSource: e['source'],
        })),
      }),
    );
    const healthy = fixture('healthy-single');
    writeFileSync(
      join(dir, 'healthy-list.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [healthy.pod, ...healthy.events] }),
    );
    const init = fixture('init-crashloop-migration');
    writeFileSync(join(dir, 'init-pod.json'), JSON.stringify(init.pod));
    writeFileSync(join(dir, 'migrate.log'), init.logs?.['migrate']?.previous ?? '');
    writeFileSync(
      join(dir, 'configmap.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }),
    );
    writeFileSync(
      join(dir, 'odd-pod.json'),
      JSON.stringify({ kind: 'Pod', metadata: { name: 'x' }, spec: { containers: 5 } }),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a readable report and exits 1 for a crashing pod', () => {
    const { code, stdout, stderr } = cli(
      [
        '--pod-file',
        'crash-pod.json',
        '--events-file',
        'crash-events.json',
        '--logs-file',
        'crash.log',
        '--now',
        NOW,
      ],
      dir,
    );
    assert.equal(code, 1, stderr);
    const lines = stdout.split('\n');
    assert.equal(
      lines[0],
      'Pod shop/fulfilment-7b8c9d0e1-f2a3b  STATUS CrashLoopBackOff  READY 0/1  RESTARTS 5 (40s ago)  AGE 20m  NODE worker-2',
    );
    assert.equal(lines[1], 'Labels app=fulfilment, pod-template-hash=7b8c9d0e1');
    assert.equal(lines[3], 'Container "app" keeps crashing: exit code 1 (application error).');
    assert.ok(
      stdout.includes(
        '    log    RuntimeError: environment variable WAREHOUSE_API_URL must be set (logs/app (previous))',
      ),
    );
    assert.ok(stdout.includes('Warning BackOff: Back-off restarting failed container app'));
    assert.equal(stderr, '');
  });

  it('prints the documented `explain --format json` object', () => {
    const { code, stdout } = cli(
      [
        '--pod-file',
        'crash-pod.json',
        '--events-file',
        'crash-events.json',
        '--now',
        NOW,
        '--format',
        'json',
      ],
      dir,
    );
    assert.equal(code, 1);
    const json = JSON.parse(stdout) as Record<string, unknown> & {
      diagnoses: Array<Record<string, unknown> & { evidence: Array<Record<string, unknown>> }>;
      timeline: Array<Record<string, unknown>>;
    };
    assert.deepEqual(json['pod'], { namespace: 'shop', name: 'fulfilment-7b8c9d0e1-f2a3b' });
    assert.equal(json['phase'], 'Running');
    assert.equal(json['status'], 'CrashLoopBackOff');
    assert.equal(json['ready'], '0/1');
    assert.equal(json['restarts'], '5 (40s ago)');
    const d = json.diagnoses[0]!;
    assert.deepEqual(Object.keys(d), [
      'id',
      'severity',
      'title',
      'summary',
      'container',
      'evidence',
      'causes',
      'fixes',
    ]);
    assert.equal(d['id'], 'crash-loop');
    assert.equal(d['severity'], 'critical');
    assert.equal(d['container'], 'app');
    assert.deepEqual(Object.keys(json).slice(0, 7), [
      'pod',
      'phase',
      'status',
      'ready',
      'restarts',
      'diagnoses',
      'timeline',
    ]);
    for (const e of d.evidence) {
      assert.deepEqual(Object.keys(e), ['source', 'text', 'path', 'time']);
      assert.ok(['status', 'event', 'spec', 'log', 'node'].includes(e['source'] as string));
      assert.equal(typeof e['text'], 'string');
    }
    assert.deepEqual(d['fixes'], [
      {
        text: "Read the crashed run's log: kubectl logs fulfilment-7b8c9d0e1-f2a3b -c app --previous -n shop.",
        specPath: null,
        value: null,
      },
    ]);
    for (const t of json.timeline) assert.deepEqual(Object.keys(t), ['time', 'source', 'text', 'severity']);
  });

  it('accepts a YAML pod with events as a JSON array or an events.k8s.io/v1 list, to the same result', () => {
    const a = cli(
      [
        '--pod-file',
        'pull-pod.yaml',
        '--events-file',
        'pull-events-array.json',
        '--now',
        NOW,
        '--format',
        'json',
      ],
      dir,
    );
    const b = cli(
      [
        '--pod-file',
        'pull-pod.yaml',
        '--events-file',
        'pull-events-v1.json',
        '--now',
        NOW,
        '--format',
        'json',
      ],
      dir,
    );
    assert.equal(a.code, 1, a.stderr);
    assert.equal(b.code, 1, b.stderr);
    const da = (
      JSON.parse(a.stdout) as { diagnoses: Array<{ id: string; evidence: Array<{ text: string }> }> }
    ).diagnoses;
    const db = (
      JSON.parse(b.stdout) as { diagnoses: Array<{ id: string; evidence: Array<{ text: string }> }> }
    ).diagnoses;
    assert.equal(da[0]!.id, 'image-pull');
    assert.deepEqual(db, da);
    assert.ok(
      da[0]!.evidence.some((e) =>
        e.text.startsWith('Warning Failed: Failed to pull image "nginx:1.27.9-alpne"'),
      ),
    );
  });

  it('reads a kubectl List of a pod and its events; a healthy pod exits 0', () => {
    const { code, stdout } = cli(['--pod-file', 'healthy-list.json', '--now', NOW], dir);
    assert.equal(code, 0);
    assert.match(
      stdout,
      /\n\nThe pod is running and ready\.\n\nOK {7}The pod is running and ready {2}\[healthy\]\n/,
    );
  });

  it('attaches --logs-file CONTAINER=PATH to that container (here an init container)', () => {
    const { code, stdout } = cli(
      ['--pod-file', 'init-pod.json', '--logs-file', 'migrate=migrate.log', '--now', NOW],
      dir,
    );
    assert.equal(code, 1);
    assert.ok(stdout.includes('password authentication failed for user "orders" (logs/migrate)'));
  });

  it('writes one self-contained HTML page under a script-free CSP', () => {
    const { code, stdout } = cli(['--pod-file', 'crash-pod.json', '--now', NOW, '--format', 'html'], dir);
    assert.equal(code, 1);
    assert.match(stdout, /^<!DOCTYPE html>/);
    assert.match(
      stdout,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/,
    );
    assert.doesNotMatch(stdout, /<script|<link|<img/);
  });

  it('exits 2 with one sentence for usage and I/O errors', () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['--pod-file', 'crash-pod.json', '--format', 'yaml'],
        /^pod-doctor: Unknown format "yaml" for explain; use text, json or html\.\n$/,
      ],
      [
        [],
        /^pod-doctor: Name the pod to explain \(pod-doctor explain NAME -n NAMESPACE\), or give a saved pod with --pod-file pod\.json\.\n$/,
      ],
      [['--pod-file', 'missing.json'], /^pod-doctor: Cannot read "missing\.json": .+\.\n$/],
      [
        ['--pod-file', 'configmap.json'],
        /^pod-doctor: "configmap\.json" holds no Pod; save one with `kubectl get pod NAME -o json > configmap\.json`\.\n$/,
      ],
      [
        ['--pod-file', 'crash-pod.json', '--events-file', 'configmap.json'],
        /^pod-doctor: "configmap\.json" holds no events: expected an EventList/,
      ],
      [
        ['web', '--events-file', 'crash-events.json'],
        /^pod-doctor: --events-file, --logs-file and --node-file go with --pod-file/,
      ],
      [['--pod-file', 'crash-pod.json', '--now', 'yesterday'], /^pod-doctor: --now expects an RFC 3339 time/],
      [
        ['--pod-file', 'odd-pod.json'],
        /^pod-doctor: "odd-pod\.json" holds fields of types kubectl never writes, so the pod cannot be explained; save it again with `kubectl get pod NAME -o json` \(and events with `kubectl get events -o json`\)\.\n$/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = cli(args, dir);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.equal(stdout, '');
      assert.match(stderr, message);
    }
  });
});
