import assert from 'node:assert/strict';
import { findingsOfRule, manifestsIn } from '../helpers';

const RULE = 'resources-jvm-heap-exceeds-limit';
const fixture = manifestsIn('resources');
const findings = findingsOfRule(RULE);
const pod = (args: string, memory: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: eclipse-temurin:21-jre\n      args: ${args}\n      resources:\n        limits:\n          memory: ${memory}\n`;

describe(RULE, () => {
  const text = fixture('jvm-heap-exceeds-limit.deployment.yaml');
  const found = findings(text);

  it('reports -Xmx at the limit, MaxRAMPercentage above 90 and MaxRAM at the limit, on the string holding the flag', () => {
    assert.deepEqual(
      found.map((f) => [f.start.line, f.start.character, text.slice(f.range.start, f.range.end), f.severity]),
      [
        [16, 40, '"-Xmx2G"', 'warning'],
        [19, 21, '"-XX:MaxRAMPercentage=95.0 -XX:+ExitOnOutOfMemoryError"', 'warning'],
        [29, 29, '"exec java -XX:MaxRAM=1g -jar /app/billing.jar"', 'warning'],
      ],
    );
  });

  it('gives both sizes and the headroom the JVM needs', () => {
    assert.equal(
      found[0]?.message,
      'The container "orders" runs the JVM with -Xmx2G (2,147,483,648 bytes), but its memory limit is 2Gi (2,147,483,648 bytes): the heap alone can reach the limit, and the JVM also needs memory for metaspace, thread stacks and off-heap buffers, so the container is OOMKilled (exit 137) under load. Keep the heap at about 75% of the limit or less (1536 MiB here), or raise the limit.',
    );
    assert.equal(
      found[1]?.message,
      'The container "orders" runs the JVM with -XX:MaxRAMPercentage=95.0, which lets the heap take 95% of the container\'s memory and leaves too little for metaspace, thread stacks and off-heap buffers, so the container is OOMKilled under load. Keep it at 75 or below.',
    );
    assert.match(
      found[2]?.message ?? '',
      /-XX:MaxRAM=1g \(1,073,741,824 bytes\).*limit of 1Gi \(1,073,741,824 bytes\).*\(768 MiB here\)/,
    );
  });

  it('reads JVM sizes: k/m/g/t in either case, bytes without a unit', () => {
    assert.equal(findings(pod('["java", "-Xmx1024m", "-jar", "a.jar"]', '1Gi')).length, 1);
    assert.equal(findings(pod('["java", "-Xmx1048576k", "-jar", "a.jar"]', '1Gi')).length, 1);
    assert.equal(findings(pod('["java", "-Xmx1073741824", "-jar", "a.jar"]', '1Gi')).length, 1);
    assert.equal(findings(pod('["java", "-Xmx1t"]', '1Gi')).length, 1);
    assert.equal(findings(pod('["java", "-XX:MaxHeapSize=2g"]', '1Gi')).length, 1);
    assert.deepEqual(findings(pod('["java", "-Xmx1023m", "-jar", "a.jar"]', '1Gi')), []);
    assert.deepEqual(findings(pod('["java", "-Xmx1g", "-jar", "a.jar"]', '1.5Gi')), []);
    assert.deepEqual(findings(pod('["java", "-Xmx1g", "-jar", "a.jar"]', '1100M')), []);
  });

  it('compares with the decimal limit exactly: -Xmx1g is more than 1G', () => {
    assert.equal(findings(pod('["java", "-Xmx1g"]', '1G')).length, 1);
  });

  it('ignores heaps without a memory limit, other env variables and a sound configuration', () => {
    assert.deepEqual(findings(pod('["java", "-Xmx64g"]', '"{{ .Values.memory }}"')), []);
    assert.deepEqual(findings(pod('["java", "-XX:MaxRAMPercentage=90"]', '1Gi')), []);
    assert.deepEqual(findings(fixture('well-sized.deployment.yaml')), []);
  });
});
