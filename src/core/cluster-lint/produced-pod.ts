/**
 * The pod a template produces once admission has run: LimitRanger's defaults filled into empty
 * requests and limits, RuntimeClass overhead added, and the pod's effective requests and limits as
 * the scheduler and the quota evaluator compute them (sidecars and init containers included).
 */
import type { JsonObject, Path } from '../manifest/types';
import { isObject, type ContainerRef, type PodTemplate } from '../manifest/workloads';
import { parseQuantity, type Quantity } from '../quantity';
import type { LimitRangeInfo, LimitRangeItem, ResourceList } from './snapshot';

export type Amounts = ReadonlyMap<string, bigint>;

/** One container after defaulting: nano amounts, and which entries LimitRanger supplied. */
export interface ProducedContainer {
  readonly ref: ContainerRef;
  readonly requests: Map<string, bigint>;
  readonly limits: Map<string, bigint>;
  /** `section/resource` → the LimitRange whose default filled it and the quantity text. */
  readonly defaulted: Map<string, { readonly limitRange: string; readonly value: string }>;
}

export function nanos(text: string | number | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const parsed = parseQuantity(text);
  return parsed.ok ? parsed.value.nanos : undefined;
}

function section(container: JsonObject, name: 'requests' | 'limits'): Map<string, bigint> {
  const resources = isObject(container['resources']) ? container['resources'] : {};
  const list = isObject(resources[name]) ? resources[name] : {};
  const out = new Map<string, bigint>();
  for (const [resource, raw] of Object.entries(list)) {
    const value = typeof raw === 'string' || typeof raw === 'number' ? nanos(raw) : undefined;
    if (value !== undefined) out.set(resource, value);
  }
  return out;
}

/**
 * A Container LimitRange item with the API server's defaulting applied (SetDefaults_LimitRangeItem):
 * a max without a default becomes the default limit, a default limit without a default request
 * becomes the default request, then a min does.
 */
export function defaultedItem(item: LimitRangeItem): LimitRangeItem {
  if (item.type !== 'Container') return item;
  const def: Record<string, string> = { ...item.default };
  for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
  const defReq: Record<string, string> = { ...item.defaultRequest };
  for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in defReq)) defReq[k] = v;
  return { ...item, default: def, defaultRequest: defReq };
}

/** The containers a pod's resources count for (ephemeral containers set none). */
const resourced = (template: PodTemplate): ContainerRef[] =>
  template.containers.filter((r) => r.role !== 'ephemeral');

/** The template's containers after the API's own defaulting (requests from limits) and LimitRanger's defaults. */
export function producedContainers(
  template: PodTemplate,
  limitRanges: readonly LimitRangeInfo[],
): ProducedContainer[] {
  return resourced(template).map((ref) => {
    const limits = section(ref.container, 'limits');
    const requests = new Map([...limits, ...section(ref.container, 'requests')]);
    const defaulted = new Map<string, { limitRange: string; value: string }>();
    for (const range of limitRanges) {
      for (const raw of range.limits) {
        const item = defaultedItem(raw);
        if (item.type !== 'Container') continue;
        for (const [k, v] of Object.entries(item.default ?? {})) {
          const value = nanos(v);
          if (value === undefined || limits.has(k)) continue;
          limits.set(k, value);
          defaulted.set(`limits/${k}`, { limitRange: range.name, value: v });
        }
        for (const [k, v] of Object.entries(item.defaultRequest ?? {})) {
          const value = nanos(v);
          if (value === undefined || requests.has(k)) continue;
          requests.set(k, value);
          defaulted.set(`requests/${k}`, { limitRange: range.name, value: v });
        }
      }
    }
    return { ref, requests, limits, defaulted };
  });
}

const add = (into: Map<string, bigint>, from: Amounts) => {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0n) + v);
};
const max = (into: Map<string, bigint>, from: Amounts) => {
  for (const [k, v] of from) if (v > (into.get(k) ?? 0n)) into.set(k, v);
};

/**
 * The pod's effective amounts (k8s.io/component-helpers resource.PodRequests / PodLimits): the sum
 * of containers and sidecars, or the largest init container plus the sidecars started before it,
 * whichever is larger, plus the RuntimeClass overhead.
 */
export function podAmounts(
  containers: readonly ProducedContainer[],
  pick: 'requests' | 'limits',
  overhead: ResourceList = {},
): Map<string, bigint> {
  const total = new Map<string, bigint>();
  const sidecars = new Map<string, bigint>();
  const init = new Map<string, bigint>();
  for (const c of containers) if (c.ref.role === 'main') add(total, c[pick]);
  for (const c of containers) {
    if (c.ref.role === 'sidecar') {
      add(total, c[pick]);
      add(sidecars, c[pick]);
      max(init, sidecars);
    } else if (c.ref.role === 'init') {
      const withSidecars = new Map(sidecars);
      add(withSidecars, c[pick]);
      max(init, withSidecars);
    }
  }
  max(total, init);
  for (const [k, v] of Object.entries(overhead)) {
    const value = nanos(v);
    if (value !== undefined && (pick === 'requests' || total.has(k)))
      total.set(k, (total.get(k) ?? 0n) + value);
  }
  return total;
}

const DECIMAL = [
  ['E', 27],
  ['P', 24],
  ['T', 21],
  ['G', 18],
  ['M', 15],
  ['k', 12],
  ['', 9],
  ['m', 6],
  ['u', 3],
  ['n', 0],
] as const;
const BINARY = [
  ['Ei', 60n],
  ['Pi', 50n],
  ['Ti', 40n],
  ['Gi', 30n],
  ['Mi', 20n],
  ['Ki', 10n],
] as const;

/** resource.Quantity's String(): the canonical spelling the API prints (`1Gi`, `500m`, `2`). */
export function canonicalQuantity(value: bigint, binary: boolean): string {
  const sign = value < 0n ? '-' : '';
  const magnitude = value < 0n ? -value : value;
  if (magnitude === 0n) return '0';
  if (binary && magnitude % 1_000_000_000n === 0n) {
    const whole = magnitude / 1_000_000_000n;
    for (const [suffix, power] of BINARY) {
      const unit = 1n << power;
      if (whole % unit === 0n) return `${sign}${whole / unit}${suffix}`;
    }
    if (whole < 1024n) return `${sign}${whole}`;
  }
  for (const [suffix, exponent] of DECIMAL) {
    const unit = 10n ** BigInt(exponent);
    if (magnitude % unit === 0n) return `${sign}${magnitude / unit}${suffix}`;
  }
  return `${sign}${magnitude}n`;
}

/** The canonical spelling of a quantity as written (binary suffixes stay binary). */
export function canonicalText(text: string): string {
  const parsed = parseQuantity(text);
  return parsed.ok ? canonicalOf(parsed.value) : text;
}

function canonicalOf(q: Quantity): string {
  return canonicalQuantity(q.nanos, q.format === 'BinarySI');
}

/** How a resource's amounts print: memory-like resources in binary units. */
export function printAmount(resource: string, value: bigint): string {
  const binary = /memory|storage|hugepages/.test(resource);
  return canonicalQuantity(value, binary);
}

/** The path of a container's request or limit of `resource` (present or not). */
export function resourcePath(ref: ContainerRef, pick: 'requests' | 'limits', resource: string): Path {
  return [...ref.path, 'resources', pick, resource];
}
