import { createHash } from 'node:crypto';
import { parseQuantity, quantityToNumber } from '../core/quantity';
import type { Json } from './selectors';

/**
 * `metrics.k8s.io/v1beta1` as metrics-server serves it: discovery, PodMetrics and NodeMetrics, with
 * usage that is plausible for each scenario and moves over time. A container killed for memory runs
 * close to its memory limit; one with a CPU limit of 200m or less and a 1 s probe timeout runs close
 * to its CPU limit (so probe timeouts have a visible cause); the others use a share that drifts.
 */

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';

export function metricsGroup(): Json {
  const version = { groupVersion: `${METRICS_GROUP}/${METRICS_VERSION}`, version: METRICS_VERSION };
  return { name: METRICS_GROUP, versions: [version], preferredVersion: version };
}

export function metricsResourceList(): Json {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
    resources: [
      { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
      { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    ],
  };
}

function amount(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const parsed = parseQuantity(value);
  return parsed.ok ? quantityToNumber(parsed.value) : undefined;
}

/** A stable number in [0, 1) per key. */
function unit(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/** Drifts smoothly around `base` by up to ±`swing` (relative), with a period of a few minutes per key. */
function moving(key: string, base: number, swing: number, nowMs: number): number {
  const phase = unit(`${key}/phase`) * 2 * Math.PI;
  const period = 120_000 + unit(`${key}/period`) * 240_000;
  return base * (1 + swing * Math.sin((nowMs / period) * 2 * Math.PI + phase));
}

interface ContainerSpec {
  name?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  livenessProbe?: { timeoutSeconds?: number };
  readinessProbe?: { timeoutSeconds?: number };
}

interface ContainerStatusShape {
  name?: string;
  state?: { running?: unknown };
  lastState?: { terminated?: { reason?: string } };
}

function containerUsage(pod: Json, spec: ContainerSpec, status: ContainerStatusShape, nowMs: number): Json {
  const key = `${String((pod.metadata as Json | undefined)?.uid ?? '')}/${spec.name ?? ''}`;
  const requests = spec.resources?.requests ?? {};
  const limits = spec.resources?.limits ?? {};
  const memLimit = amount(limits['memory']);
  const memRequest = amount(requests['memory']);
  const cpuLimit = amount(limits['cpu']);
  const cpuRequest = amount(requests['cpu']);

  const oomKilled = status.lastState?.terminated?.reason === 'OOMKilled';
  const memory =
    oomKilled && memLimit
      ? Math.min(memLimit * 0.995, moving(`${key}/mem`, memLimit * 0.955, 0.025, nowMs))
      : moving(
          `${key}/mem`,
          (memLimit ?? (memRequest ?? 128 * 2 ** 20) * 1.5) * (0.35 + unit(`${key}/m`) * 0.35),
          0.12,
          nowMs,
        );

  const tightProbe = [spec.livenessProbe, spec.readinessProbe].some((p) => p && (p.timeoutSeconds ?? 1) <= 1);
  const cpu =
    tightProbe && cpuLimit !== undefined && cpuLimit <= 0.2
      ? Math.min(cpuLimit, moving(`${key}/cpu`, cpuLimit * 0.95, 0.04, nowMs))
      : moving(`${key}/cpu`, (cpuLimit ?? cpuRequest ?? 0.1) * (0.05 + unit(`${key}/c`) * 0.4), 0.3, nowMs);

  return {
    name: spec.name ?? '',
    usage: {
      cpu: `${Math.max(0, Math.round(cpu * 1e9))}n`,
      memory: `${Math.max(0, Math.round(memory / 1024))}Ki`,
    },
  };
}

/** The PodMetrics of a pod with running containers (metrics-server has none for others). */
export function podMetrics(pod: Json, nowMs: number): Json | undefined {
  const spec = (pod.spec as { containers?: ContainerSpec[] } | undefined) ?? {};
  const statuses =
    ((pod.status as Json | undefined)?.containerStatuses as ContainerStatusShape[] | undefined) ?? [];
  const containers = (spec.containers ?? [])
    .map((c) => ({ spec: c, status: statuses.find((s) => s.name === c.name) }))
    .filter((c) => c.status?.state?.running !== undefined)
    .map((c) => containerUsage(pod, c.spec, c.status ?? {}, nowMs));
  if (containers.length === 0) return undefined;
  const metadata = (pod.metadata as Json | undefined) ?? {};
  const stamp = new Date(Math.floor(nowMs / 15_000) * 15_000).toISOString().replace('.000Z', 'Z');
  return {
    kind: 'PodMetrics',
    apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      creationTimestamp: new Date(nowMs).toISOString().replace(/\.\d+Z$/, 'Z'),
      ...(metadata.labels ? { labels: metadata.labels } : {}),
    },
    timestamp: stamp,
    window: '15s',
    containers,
  };
}

/** The NodeMetrics of a node: the sum of its pods' usage plus the system's share. */
export function nodeMetrics(node: Json, pods: readonly Json[], nowMs: number): Json {
  const name = String((node.metadata as Json | undefined)?.name ?? '');
  let cpu = moving(`${name}/sys-cpu`, 0.15, 0.2, nowMs);
  let memory = moving(`${name}/sys-mem`, 900 * 2 ** 20, 0.05, nowMs);
  for (const pod of pods) {
    if ((pod.spec as Json | undefined)?.nodeName !== name) continue;
    for (const c of (podMetrics(pod, nowMs)?.containers as Json[] | undefined) ?? []) {
      const usage = c.usage as { cpu: string; memory: string };
      cpu += amount(usage.cpu) ?? 0;
      memory += amount(usage.memory) ?? 0;
    }
  }
  const stamp = new Date(Math.floor(nowMs / 15_000) * 15_000).toISOString().replace('.000Z', 'Z');
  return {
    kind: 'NodeMetrics',
    apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
    metadata: { name, creationTimestamp: new Date(nowMs).toISOString().replace(/\.\d+Z$/, 'Z') },
    timestamp: stamp,
    window: '15s',
    usage: { cpu: `${Math.round(cpu * 1e9)}n`, memory: `${Math.round(memory / 1024)}Ki` },
  };
}
