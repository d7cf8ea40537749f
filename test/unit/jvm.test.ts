import assert from 'node:assert/strict';
import { jvmHeap, jvmMemoryOptions, jvmOptionSources, jvmSizeBytes } from '../../src/core/jvm';
import { explainPod } from '../../src/core/diagnose';
import { findingsOf } from './helpers';

const MI = 2 ** 20;
const GI = 2 ** 30;

describe('JVM options (core/jvm)', () => {
  it('sizes JVM values with binary suffixes in either case', () => {
    assert.equal(jvmSizeBytes('2g'), 2n * 1024n ** 3n);
    assert.equal(jvmSizeBytes('768M'), 768n * 1024n ** 2n);
    assert.equal(jvmSizeBytes('1024k'), 1024n * 1024n);
    assert.equal(jvmSizeBytes('2147483648'), 2147483648n);
    assert.equal(jvmSizeBytes('1.5g'), undefined);
    assert.equal(jvmSizeBytes('2gb'), undefined);
  });

  it('reads heap, MaxRAM and MaxRAMPercentage options in the order they appear', () => {
    assert.deepEqual(
      jvmMemoryOptions('-XX:MaxRAMPercentage=95.5 -Xmx1g -XX:MaxHeapSize=512m -XX:MaxRAM=4G -Xms1g'),
      [
        { kind: 'max-ram-percentage', flag: '-XX:MaxRAMPercentage=95.5', percentage: 95.5 },
        { kind: 'max-heap', flag: '-Xmx1g', bytes: 1024n ** 3n },
        { kind: 'max-heap', flag: '-XX:MaxHeapSize=512m', bytes: 512n * 1024n ** 2n },
        { kind: 'max-ram', flag: '-XX:MaxRAM=4G', bytes: 4n * 1024n ** 3n },
      ],
    );
  });

  it('ignores sizes that are not whole numbers with one suffix, and other -X options', () => {
    assert.deepEqual(jvmMemoryOptions('-Xmx1.5g -Xmx2gb -Xms1g -Xss512k -XX:+UseG1GC'), []);
  });

  it('finds options in command and args entries and in the JVM option variables, not in other variables', () => {
    const container = {
      command: ['java', '-Xmx1g'],
      args: ['-jar', '/app.jar', '-XX:MaxRAMPercentage=80'],
      env: [
        { name: 'JAVA_OPTS', value: '-Xmx1g' },
        { name: 'JAVA_TOOL_OPTIONS', value: '-Xmx1g' },
        { name: 'JDK_JAVA_OPTIONS', value: '-Xmx1g' },
        { name: '_JAVA_OPTIONS', value: '-Xmx1g' },
        { name: 'JVM_OPTS', value: '-Xmx1g' },
        { name: 'CATALINA_OPTS', value: '-Xmx1g' },
        { name: 'KAFKA_HEAP_OPTS', value: '-Xms1g -Xmx1g' },
        { name: 'GREETING', value: 'hello -Xfoo' },
        { name: 'JAVA_OPTS', valueFrom: { configMapKeyRef: { name: 'jvm', key: 'opts' } } },
        { name: 'JAVA_OPTS', value: '{{ .Values.javaOpts }} -Xmx1g' },
      ],
    };
    assert.deepEqual(
      jvmOptionSources(container).map((s) =>
        s.field === 'env' ? `env ${s.index} ${s.name}` : `${s.field} ${s.index}`,
      ),
      [
        'command 1',
        'args 2',
        'env 0 JAVA_OPTS',
        'env 1 JAVA_TOOL_OPTIONS',
        'env 2 JDK_JAVA_OPTIONS',
        'env 3 _JAVA_OPTIONS',
        'env 4 JVM_OPTS',
        'env 5 CATALINA_OPTS',
      ],
    );
  });

  describe('jvmHeap', () => {
    it('takes the first -Xmx or -XX:MaxHeapSize, command line before env', () => {
      const heap = jvmHeap({
        args: ['-XX:MaxHeapSize=768m'],
        env: [{ name: 'JAVA_TOOL_OPTIONS', value: '-Xmx2g' }],
      });
      assert.deepEqual(heap, {
        bytes: 768 * MI,
        flag: '-XX:MaxHeapSize=768m',
        source: { field: 'args', index: 0, text: '-XX:MaxHeapSize=768m' },
      });
    });

    it('reads Tomcat’s CATALINA_OPTS as explain always did', () => {
      assert.equal(jvmHeap({ env: [{ name: 'CATALINA_OPTS', value: '-Xmx1g' }] })?.bytes, GI);
    });

    it('derives the heap from MaxRAMPercentage of the memory limit, or of MaxRAM when set', () => {
      const percentage = { env: [{ name: 'JAVA_OPTS', value: '-XX:MaxRAMPercentage=95' }] };
      assert.equal(jvmHeap(percentage, GI)?.bytes, Math.floor(GI * 0.95));
      assert.equal(jvmHeap(percentage, GI)?.flag, '-XX:MaxRAMPercentage=95');
      assert.equal(jvmHeap(percentage), undefined);
      const withMaxRam = { args: ['-XX:MaxRAM=2g', '-XX:MaxRAMPercentage=50'] };
      assert.equal(jvmHeap(withMaxRam, 4 * GI)?.bytes, GI);
    });

    it('is undefined when the container sets no heap', () => {
      assert.equal(jvmHeap({ command: ['java', '-Xms1g', '-jar', 'app.jar'] }, GI), undefined);
      assert.equal(jvmHeap({ args: ['-XX:MaxRAM=2g'] }, GI), undefined);
    });
  });
});

/** The same container as a manifest (lint) and as an OOMKilled pod (explain): both must judge its heap alike. */
describe('lint and explain read the same JVM options', () => {
  const cases: Array<{ env: string; value: string; flag: RegExp }> = [
    { env: 'CATALINA_OPTS', value: '-Xmx1g', flag: /-Xmx1g/ },
    { env: 'JVM_OPTS', value: '-XX:MaxHeapSize=1g', flag: /-XX:MaxHeapSize=1g/ },
    { env: 'JAVA_TOOL_OPTIONS', value: '-XX:MaxRAMPercentage=95', flag: /-XX:MaxRAMPercentage=95/ },
  ];
  for (const { env, value, flag } of cases) {
    it(`${env}=${value} with a 1Gi limit`, () => {
      const manifest = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: tomcat:10.1-jre21\n      env:\n        - name: ${env}\n          value: "${value}"\n      resources:\n        limits:\n          memory: 1Gi\n`;
      const linted = findingsOf('resources-jvm-heap-exceeds-limit', manifest);
      assert.equal(linted.length, 1);
      assert.match(linted[0]?.message ?? '', flag);

      const explained = explainPod({
        pod: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'api', namespace: 'default' },
          spec: {
            containers: [
              {
                name: 'api',
                image: 'tomcat:10.1-jre21',
                env: [{ name: env, value }],
                resources: { limits: { memory: '1Gi' } },
              },
            ],
          },
          status: {
            phase: 'Running',
            containerStatuses: [
              {
                name: 'api',
                ready: false,
                restartCount: 3,
                state: { waiting: { reason: 'CrashLoopBackOff' } },
                lastState: {
                  terminated: {
                    exitCode: 137,
                    reason: 'OOMKilled',
                    finishedAt: '2026-11-23T11:59:20Z',
                  },
                },
              },
            ],
          },
        },
        nowMs: Date.parse('2026-11-23T12:00:00Z'),
      });
      const oom = explained.diagnoses[0];
      assert.equal(oom?.id, 'oom-killed');
      assert.ok(
        oom?.evidence.some((e) => e.path === `spec.containers[api].env[${env}]` && flag.test(e.text)),
        JSON.stringify(oom?.evidence),
      );
      assert.match(oom?.causes[0]?.text ?? '', /JVM heap/);
    });
  }
});
