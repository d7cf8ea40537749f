import type { Pod } from '../k8s';
import { parseQuantity, quantityToNumber } from '../quantity';

/** A `metrics.k8s.io/v1beta1` PodMetrics, as metrics-server serves it. */
export interface PodMetrics {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly timestamp?: string;
  readonly window?: string;
  readonly containers?: ReadonlyArray<{
    readonly name?: string;
    readonly usage?: { readonly cpu?: string; readonly memory?: string };
  }>;
}

/** One container's usage against what its spec asks for and caps. CPU in cores, memory in bytes. */
export interface ContainerUsage {
  readonly container: string;
  readonly cpu: number;
  readonly memory: number;
  readonly cpuRequest?: number;
  readonly cpuLimit?: number;
  readonly memoryRequest?: number;
  readonly memoryLimit?: number;
}

function amount(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const parsed = parseQuantity(value);
  return parsed.ok ? quantityToNumber(parsed.value) : undefined;
}

/** Usage per container of a pod that has metrics, with the spec's requests and limits beside it. */
export function containerUsage(pod: Pod, metrics: PodMetrics | undefined): ContainerUsage[] {
  if (!metrics) return [];
  const specs = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const out: ContainerUsage[] = [];
  for (const c of metrics.containers ?? []) {
    const name = c.name ?? '';
    const spec = specs.find((s) => s.name === name);
    const resources: { requests?: unknown; limits?: unknown } = spec?.resources ?? {};
    const requests = (resources.requests ?? {}) as Record<string, unknown>;
    const limits = (resources.limits ?? {}) as Record<string, unknown>;
    const cpuRequest = amount(requests['cpu']);
    const cpuLimit = amount(limits['cpu']);
    const memoryRequest = amount(requests['memory']);
    const memoryLimit = amount(limits['memory']);
    out.push({
      container: name,
      cpu: amount(c.usage?.cpu) ?? 0,
      memory: amount(c.usage?.memory) ?? 0,
      ...(cpuRequest !== undefined ? { cpuRequest } : {}),
      ...(cpuLimit !== undefined ? { cpuLimit } : {}),
      ...(memoryRequest !== undefined ? { memoryRequest } : {}),
      ...(memoryLimit !== undefined ? { memoryLimit } : {}),
    });
  }
  return out;
}

/** `498Mi`, `1.2Gi`, `900Ki`: memory as kubectl top prints it (binary units). */
export function formatMemory(bytes: number): string {
  const units = ['Ki', 'Mi', 'Gi', 'Ti'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value >= 100 || Number.isInteger(value) ? Math.round(value).toString() : value.toFixed(1);
  return `${shown}${units[unit]}`;
}

/** `250m`, `1.5` cores: CPU as kubectl top prints it (millicores below one core). */
export function formatCpuCores(cores: number): string {
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  return Number.isInteger(cores) ? String(cores) : cores.toFixed(2).replace(/0$/, '');
}

/** `cpu 12m/100m · mem 498Mi/512Mi`: the tree's usage column (against limits, else requests). */
export function usageSummary(usage: readonly ContainerUsage[]): string {
  const sum = (pick: (u: ContainerUsage) => number | undefined): number | undefined => {
    let total = 0;
    for (const u of usage) {
      const v = pick(u);
      if (v === undefined) return undefined;
      total += v;
    }
    return total;
  };
  const cpu = sum((u) => u.cpu) ?? 0;
  const memory = sum((u) => u.memory) ?? 0;
  const cpuCap = sum((u) => u.cpuLimit) ?? sum((u) => u.cpuRequest);
  const memoryCap = sum((u) => u.memoryLimit) ?? sum((u) => u.memoryRequest);
  return `cpu ${formatCpuCores(cpu)}${cpuCap !== undefined ? `/${formatCpuCores(cpuCap)}` : ''} · mem ${formatMemory(memory)}${memoryCap !== undefined ? `/${formatMemory(memoryCap)}` : ''}`;
}

/** Share of the limit from which usage is "near" it: OOM risk for memory, throttling for CPU. */
const NEAR_LIMIT = 0.9;

/** `using 498Mi of its 512Mi memory limit (97%)` when memory is near the limit, else undefined. */
export function memoryNearLimit(u: ContainerUsage): string | undefined {
  if (!u.memoryLimit || u.memory < u.memoryLimit * NEAR_LIMIT) return undefined;
  return `Container "${u.container}" is using ${formatMemory(u.memory)} of its ${formatMemory(u.memoryLimit)} memory limit (${Math.round((u.memory / u.memoryLimit) * 100)}%).`;
}

/** `using 196m of its 200m CPU limit` when CPU is near the limit (throttled), else undefined. */
export function cpuNearLimit(u: ContainerUsage): string | undefined {
  if (!u.cpuLimit || u.cpu < u.cpuLimit * NEAR_LIMIT) return undefined;
  return `Container "${u.container}" is using ${formatCpuCores(u.cpu)} of its ${formatCpuCores(u.cpuLimit)} CPU limit (${Math.round((u.cpu / u.cpuLimit) * 100)}%): it is throttled, and slow probe answers time out.`;
}
