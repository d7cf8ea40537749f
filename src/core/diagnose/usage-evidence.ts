import { containerUsage, cpuNearLimit, memoryNearLimit, type PodMetrics } from '../usage';
import type { Diagnosis } from './types';
import type { Pod } from '../k8s';

/** Diagnoses whose cause CPU starvation makes likelier: probes that time out. */
const PROBE_DIAGNOSES = new Set(['liveness-restarts', 'readiness-failing']);

/**
 * Live usage as evidence, when the cluster serves metrics.k8s.io: memory near its limit for an
 * OOM kill ("using 498Mi of its 512Mi limit"), CPU near its limit for probes that time out. Only adds
 * evidence to diagnoses already made; never makes one on its own.
 */
export function withUsageEvidence(
  diagnoses: Diagnosis[],
  pod: Pod,
  metrics: PodMetrics | undefined,
): Diagnosis[] {
  const usage = containerUsage(pod, metrics);
  if (usage.length === 0) return diagnoses;
  return diagnoses.map((d) => {
    const mine = usage.filter((u) => d.container === undefined || u.container === d.container);
    const texts =
      d.id === 'oom-killed'
        ? mine.map(memoryNearLimit)
        : PROBE_DIAGNOSES.has(d.id)
          ? mine.map(cpuNearLimit)
          : [];
    const evidence = texts
      .filter((t): t is string => t !== undefined)
      .map((text) => ({
        source: 'status' as const,
        text: `${text} (metrics.k8s.io, ${metrics?.window ?? '15s'} window)`,
      }));
    return evidence.length > 0 ? { ...d, evidence: [...d.evidence, ...evidence] } : d;
  });
}
