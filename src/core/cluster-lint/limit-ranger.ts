/**
 * LimitRanger's validation (plugin/pkg/admission/limitranger): min, max and maxLimitRequestRatio of
 * Container and Pod items against the pod after defaulting, with the plugin's messages.
 */
import type { Path } from '../manifest/types';
import type { PodTemplate } from '../manifest/workloads';
import {
  canonicalText,
  defaultedItem,
  nanos,
  podAmounts,
  printAmount,
  producedContainers,
  resourcePath,
  type Amounts,
  type ProducedContainer,
} from './produced-pod';
import type { LimitRangeInfo } from './snapshot';

export interface LimitViolation {
  readonly limitRange: string;
  readonly message: string;
  /** The value or field the message is about. */
  readonly path: Path;
}

type Pick = 'requests' | 'limits';
type Constraint = (
  type: string,
  resource: string,
  enforced: string,
  requests: Amounts,
  limits: Amounts,
) => { message: string; on: Pick } | undefined;

const shown = (resource: string, amounts: Amounts) => printAmount(resource, amounts.get(resource) ?? 0n);

const minConstraint: Constraint = (type, resource, enforced, requests, limits) => {
  const bound = nanos(enforced) ?? 0n;
  const req = requests.get(resource);
  const lim = limits.get(resource);
  const head = `minimum ${resource} usage per ${type} is ${canonicalText(enforced)}`;
  if (req === undefined) return { message: `${head}.  No request is specified`, on: 'requests' };
  if (req < bound) return { message: `${head}, but request is ${shown(resource, requests)}`, on: 'requests' };
  if (lim !== undefined && lim < bound)
    return { message: `${head}, but limit is ${shown(resource, limits)}`, on: 'limits' };
  return undefined;
};

const maxConstraint: Constraint = (type, resource, enforced, requests, limits) => {
  const bound = nanos(enforced) ?? 0n;
  const req = requests.get(resource);
  const lim = limits.get(resource);
  const head = `maximum ${resource} usage per ${type} is ${canonicalText(enforced)}`;
  if (lim === undefined) return { message: `${head}.  No limit is specified`, on: 'limits' };
  if (lim > bound) return { message: `${head}, but limit is ${shown(resource, limits)}`, on: 'limits' };
  if (req !== undefined && req > bound)
    return { message: `${head}, but request is ${shown(resource, requests)}`, on: 'requests' };
  return undefined;
};

const ratioConstraint: Constraint = (type, resource, enforced, requests, limits) => {
  const req = requests.get(resource) ?? 0n;
  const lim = limits.get(resource) ?? 0n;
  const head = `${resource} max limit to request ratio per ${type} is ${canonicalText(enforced)}`;
  if (req === 0n) return { message: `${head}, but no request is specified or request is 0`, on: 'requests' };
  if (lim === 0n) return { message: `${head}, but no limit is specified or limit is 0`, on: 'limits' };
  // The plugin compares milli-values as floats and prints the ratio with %f.
  const observed = Number(lim / 1_000_000n) / Number(req / 1_000_000n);
  const bound = Number((nanos(enforced) ?? 0n) / 1_000_000n) / 1000;
  if (observed > bound)
    return { message: `${head}, but provided ratio is ${observed.toFixed(6)}`, on: 'limits' };
  return undefined;
};

const CONSTRAINTS: ReadonlyArray<['min' | 'max' | 'maxLimitRequestRatio', Constraint]> = [
  ['min', minConstraint],
  ['max', maxConstraint],
  ['maxLimitRequestRatio', ratioConstraint],
];

/** Every LimitRanger refusal the pod of `template` would meet, per container and for the pod. */
export function limitRangeViolations(
  template: PodTemplate,
  limitRanges: readonly LimitRangeInfo[],
): LimitViolation[] {
  const containers = producedContainers(template, limitRanges);
  const violations: LimitViolation[] = [];
  for (const range of limitRanges) {
    for (const raw of range.limits) {
      const item = defaultedItem(raw);
      if (item.type === 'Container') {
        for (const c of containers)
          checkItem(range.name, item, 'Container', c.requests, c.limits, c, violations);
      } else if (item.type === 'Pod') {
        const requests = podAmounts(containers, 'requests');
        const limits = podAmounts(containers, 'limits');
        checkItem(range.name, item, 'Pod', requests, limits, undefined, violations, template);
      }
    }
  }
  return violations;
}

function checkItem(
  limitRange: string,
  item: { readonly [K in 'min' | 'max' | 'maxLimitRequestRatio']?: Readonly<Record<string, string>> },
  type: 'Container' | 'Pod',
  requests: Amounts,
  limits: Amounts,
  container: ProducedContainer | undefined,
  out: LimitViolation[],
  template?: PodTemplate,
): void {
  for (const [field, constraint] of CONSTRAINTS) {
    for (const [resource, enforced] of Object.entries(item[field] ?? {})) {
      const failed = constraint(type, resource, enforced, requests, limits);
      if (!failed) continue;
      const path = container
        ? resourcePath(container.ref, failed.on, resource)
        : [...(template?.specPath ?? []), 'containers'];
      out.push({ limitRange, message: failed.message, path });
    }
  }
}

/**
 * A default limit LimitRanger fills in below the request the container sets: pod validation then
 * refuses it (`must be less than or equal to cpu limit of 500m`), a common surprise.
 */
export function defaultLimitBelowRequest(
  template: PodTemplate,
  limitRanges: readonly LimitRangeInfo[],
): LimitViolation[] {
  const violations: LimitViolation[] = [];
  for (const c of producedContainers(template, limitRanges)) {
    for (const [key, { limitRange, value }] of c.defaulted) {
      const [pick, resource] = key.split('/') as ['requests' | 'limits', string];
      const request = c.requests.get(resource);
      const limit = c.limits.get(resource);
      if (pick !== 'limits' || request === undefined || limit === undefined || request <= limit) continue;
      const path = resourcePath(c.ref, 'requests', resource);
      const field = `spec.${c.ref.field}[${c.ref.index}].resources.requests`;
      violations.push({
        limitRange,
        path,
        message: `the default ${resource} limit ${canonicalText(value)} is below the request ${printAmount(resource, request)} (${field}: Invalid value: "${printAmount(resource, request)}": must be less than or equal to ${resource} limit of ${canonicalText(value)})`,
      });
    }
  }
  return violations;
}
