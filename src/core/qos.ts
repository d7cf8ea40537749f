import type { JsonObject, Path } from './manifest/types';
import { isObject } from './manifest/workloads';
import { parseQuantity } from './quantity';
import type { Quantity } from './quantity';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export interface ContainerResources {
  /** Effective requests: a resource with only a limit requests its limit (API server defaulting). */
  readonly requests: Readonly<Record<string, Quantity>>;
  readonly limits: Readonly<Record<string, Quantity>>;
}

/** One quantity as written under `resources.requests` or `resources.limits`. */
export interface DeclaredQuantity {
  readonly section: 'requests' | 'limits';
  /** `cpu`, `memory`, `ephemeral-storage`, `hugepages-2Mi`, `nvidia.com/gpu`, … */
  readonly resource: string;
  readonly raw: unknown;
  readonly path: Path;
}

/** The resources QoS is computed from (v1qos `isSupportedQoSComputeResource`). */
const QOS_RESOURCES = ['cpu', 'memory'] as const;

/** Requests and limits that parse as quantities; requests default to limits, as the API server does. */
export function containerResources(container: JsonObject): ContainerResources {
  const resources = isObject(container['resources']) ? container['resources'] : {};
  const limits = parsedSection(resources['limits']);
  const requests = { ...limits, ...parsedSection(resources['requests']) };
  return { requests, limits };
}

/**
 * The pod's QoS class (k8s.io/kubernetes pkg/apis/core/v1/helper/qos `ComputePodQOS`): init and
 * regular containers count, ephemeral containers cannot set resources and do not. Pod-level
 * `spec.resources`, when it sets cpu or memory, decides on its own.
 */
export function qosClass(podSpec: JsonObject): QosClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const podLevel = podLevelResources(podSpec);
  const sources = podLevel ? [podLevel] : containersOf(podSpec).map(containerResources);
  for (const resources of sources) {
    const limitsFound = new Set<string>();
    for (const name of QOS_RESOURCES) {
      const request = resources.requests[name];
      if (request && request.nanos > 0n) requests.set(name, (requests.get(name) ?? 0n) + request.nanos);
      const limit = resources.limits[name];
      if (limit && limit.nanos > 0n) {
        limitsFound.add(name);
        limits.set(name, (limits.get(name) ?? 0n) + limit.nanos);
      }
    }
    if (!QOS_RESOURCES.every((name) => limitsFound.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** Pod-level requests and limits (`spec.resources`), when they set cpu or memory. */
export function podLevelResources(podSpec: JsonObject): ContainerResources | undefined {
  // Most pod specs set no pod-level resources; they need no parsing.
  if (!isObject(podSpec['resources'])) return undefined;
  const resources = containerResources(podSpec);
  const sets = (section: Readonly<Record<string, Quantity>>) => QOS_RESOURCES.some((name) => section[name]);
  return sets(resources.requests) || sets(resources.limits) ? resources : undefined;
}

function containersOf(podSpec: JsonObject): JsonObject[] {
  const containers: JsonObject[] = [];
  for (const field of ['initContainers', 'containers'] as const) {
    const list = podSpec[field];
    if (Array.isArray(list)) containers.push(...list.filter(isObject));
  }
  return containers;
}

/** The parsed value of a declared quantity, when it is a valid one (strings and numbers only). */
export function declaredValue(raw: unknown): Quantity | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const parsed = parseQuantity(raw);
  return parsed.ok ? parsed.value : undefined;
}

/** True when `raw` is Helm/Go template text the linter cannot judge. */
export function isTemplated(raw: unknown): boolean {
  return typeof raw === 'string' && raw.includes('{{');
}

/** `replacement` quoted the way `source` (the value as written) is quoted, so a fix keeps the style. */
export function keepQuotes(source: string, replacement: string): string {
  const quote = source.charAt(0);
  return (quote === '"' || quote === "'") && source.endsWith(quote) && source.length > 1
    ? `${quote}${replacement}${quote}`
    : replacement;
}

function parsedSection(section: unknown): Record<string, Quantity> {
  const result: Record<string, Quantity> = {};
  if (!isObject(section)) return result;
  for (const [name, raw] of Object.entries(section)) {
    const value = declaredValue(raw);
    if (value) result[name] = value;
  }
  return result;
}
