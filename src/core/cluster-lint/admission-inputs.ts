import type { RuleContext } from '../lint/types';
import type { Path } from '../manifest/types';
import type { PodTemplate } from '../manifest/workloads';
import { getPath } from '../manifest/workloads';
import { clusterList, namespacedList, type ClusterCheckInput } from './context';
import { reportNotice } from './report';
import type { LimitRangeInfo, ResourceQuotaInfo, RuntimeClassInfo } from './snapshot';

/** The namespace's LimitRanges, or undefined (with the notice said once) when they cannot be read. */
export function limitRangesOf(
  ctx: RuleContext,
  input: ClusterCheckInput,
  namespace: string,
  at: Path,
  quiet = false,
): readonly LimitRangeInfo[] | undefined {
  const list = namespacedList(input.snapshot, 'limitRanges', namespace);
  if (list.ok) return list.items;
  if (!quiet) reportNotice(ctx, list.notice, at);
  return undefined;
}

export function resourceQuotasOf(
  ctx: RuleContext,
  input: ClusterCheckInput,
  namespace: string,
  at: Path,
): readonly ResourceQuotaInfo[] | undefined {
  const list = namespacedList(input.snapshot, 'resourceQuotas', namespace);
  if (list.ok) return list.items;
  reportNotice(ctx, list.notice, at);
  return undefined;
}

/** The RuntimeClass the template names, when the cluster has it (its overhead and scheduling apply to the pod). */
export function runtimeClassOf(
  input: ClusterCheckInput,
  template: PodTemplate,
): RuntimeClassInfo | undefined {
  const name = template.spec['runtimeClassName'];
  if (typeof name !== 'string') return undefined;
  const list = clusterList(input.snapshot, 'runtimeClasses');
  return list.ok ? list.items.find((r) => r.name === name) : undefined;
}

/** How many pods the object asks for at once: replicas, a Job's parallelism, else one. */
export function replicasOf(ctx: RuleContext): number {
  const candidates: Path[] = [
    ['spec', 'replicas'],
    ['spec', 'parallelism'],
    ['spec', 'jobTemplate', 'spec', 'parallelism'],
  ];
  for (const path of candidates) {
    const value = getPath(ctx.object, path);
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  }
  return 1;
}
