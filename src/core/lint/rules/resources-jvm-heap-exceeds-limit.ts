import type { Path } from '../../manifest/types';
import type { ContainerRef } from '../../manifest/workloads';
import { decimalString } from '../../quantity';
import type { Quantity } from '../../quantity';
import { jvmMemoryOptions, jvmOptionSources } from '../../jvm';
import { declaredContainerQuantities, resourcedContainers } from '../helpers/resources';
import type { Rule, RuleContext } from '../types';
import { containerLabel } from '../../text/container-label';

const NANO = 1_000_000_000n;
/** Above this share of the limit the heap crowds out metaspace, thread stacks and off-heap buffers. */
const MAX_RAM_PERCENTAGE = 90;

export const rule: Rule = {
  id: 'resources-jvm-heap-exceeds-limit',
  severity: 'warning',
  title: 'JVM heap as large as the container memory limit',
  rationale:
    'The JVM needs memory beyond its heap: metaspace, thread stacks, the code cache, GC structures and off-heap buffers. A heap (-Xmx) or assumed RAM (-XX:MaxRAM) at or above the container limit, or -XX:MaxRAMPercentage above 90, lets the process outgrow the limit, and the kernel kills it (OOMKilled, exit 137) under load.',
  remediation:
    'Keep the heap at about 75% of the memory limit or less: lower -Xmx, or drop it and use -XX:MaxRAMPercentage=75, or raise the memory limit.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: eclipse-temurin:21-jre\n      args: ["java", "-Xmx1g", "-jar", "/app/api.jar"]\n      resources:\n        limits:\n          memory: 1Gi\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: eclipse-temurin:21-jre\n      args: ["java", "-Xmx768m", "-jar", "/app/api.jar"]\n      resources:\n        limits:\n          memory: 1Gi\n',
  },
  check(ctx) {
    for (const ref of resourcedContainers(ctx.templates)) {
      const sources = jvmOptionStrings(ref);
      // Most containers run no JVM options: their resources are not read.
      if (sources.length === 0) continue;
      // The memory limit as the resource rules read it (parsed once per document).
      const limit = declaredContainerQuantities(ctx.templates).find(
        (q) => q.ref === ref && q.section === 'limits' && q.resource === 'memory',
      )?.value;
      for (const { text, path } of sources) checkOptions(ctx, ref, text, path, limit);
    }
  },
};

/** The strings that can hold JVM options, with the path of each. */
function jvmOptionStrings(ref: ContainerRef): { text: string; path: Path }[] {
  return jvmOptionSources(ref.container).map((source) => ({
    text: source.text,
    path:
      source.field === 'env'
        ? [...ref.path, 'env', source.index, 'value']
        : [...ref.path, source.field, source.index],
  }));
}

function checkOptions(
  ctx: RuleContext,
  ref: ContainerRef,
  text: string,
  path: Path,
  limit: Quantity | undefined,
): void {
  const options = jvmMemoryOptions(text);
  if (options.length === 0) return;
  const container = containerLabel(ref);
  for (const option of options) {
    if (option.kind !== 'max-ram-percentage' || option.percentage <= MAX_RAM_PERCENTAGE) continue;
    ctx.report({
      path,
      message: `The ${container} runs the JVM with ${option.flag}, which lets the heap take ${option.percentage}% of the container's memory and leaves too little for metaspace, thread stacks and off-heap buffers, so the container is OOMKilled under load. Keep it at 75 or below.`,
    });
  }
  if (!limit || limit.nanos <= 0n) return;
  for (const option of options) {
    if (option.kind === 'max-ram-percentage') continue;
    const nanos = option.bytes * NANO;
    if (nanos < limit.nanos) continue;
    const flag = option.flag;
    const size = `${decimalString(nanos, true)} bytes`;
    const limitText = `${limit.text} (${decimalString(limit.nanos, true)} bytes)`;
    const headroom = `Keep the heap at about 75% of the limit or less (${mebibytes((limit.nanos * 3n) / 4n)} here), or raise the limit.`;
    const message =
      option.kind === 'max-ram'
        ? `The ${container} runs the JVM with ${flag} (${size}), which tells it it has at least the container's whole memory limit of ${limitText}; it sizes its heap and buffers for memory it cannot get and is OOMKilled (exit 137) under load. Remove -XX:MaxRAM or set it well below the limit. ${headroom}`
        : `The ${container} runs the JVM with ${flag} (${size}), but its memory limit is ${limitText}: the heap alone can reach the limit, and the JVM also needs memory for metaspace, thread stacks and off-heap buffers, so the container is OOMKilled (exit 137) under load. ${headroom}`;
    ctx.report({ path, message, related: [[...ref.path, 'resources', 'limits', 'memory']] });
  }
}

function mebibytes(nanos: bigint): string {
  return `${nanos / NANO / 1024n ** 2n} MiB`;
}
