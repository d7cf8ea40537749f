import type { ContainerRef, PodTemplate } from '../../manifest/workloads';
import type { Quantity } from '../../quantity';
import { isObject } from '../../manifest/workloads';
import { declaredValue, isTemplated, type DeclaredQuantity } from '../../qos';
import { containerLabel } from '../../text/container-label';
import type { RuleContext } from '../types';
import { eachContainer } from './containers';
import { perDocument } from './per-document';
import { replaceValueFix } from './fixes';

/** The containers whose resources count: ephemeral containers may not set any. */
export function resourcedContainers(templates: readonly PodTemplate[]): readonly ContainerRef[] {
  return declaredPerDocument(templates).containers;
}

/** Every quantity under resources.requests and resources.limits of those containers, with its container. */
export function declaredContainerQuantities(templates: readonly PodTemplate[]): readonly DeclaredEntry[] {
  return declaredPerDocument(templates).quantities;
}

/** A declared quantity with its container, and its value when it is one (not template text, and it parses). */
export type DeclaredEntry = DeclaredQuantity & {
  readonly ref: ContainerRef;
  readonly value: Quantity | undefined;
};

interface DeclaredPerDocument {
  readonly containers: readonly ContainerRef[];
  readonly quantities: readonly DeclaredEntry[];
}

const SECTIONS = ['requests', 'limits'] as const;

/** Worked out once per document (its shared `templates` array), as the container lists are. */
const declaredPerDocument = perDocument((templates: readonly PodTemplate[]): DeclaredPerDocument => {
  const containers: ContainerRef[] = [];
  const quantities: DeclaredEntry[] = [];
  for (const { ref } of eachContainer(templates)) {
    if (ref.role === 'ephemeral') continue;
    containers.push(ref);
    const resources = ref.container['resources'];
    if (!isObject(resources)) continue;
    for (const section of SECTIONS) {
      const map = resources[section];
      if (!isObject(map)) continue;
      for (const resource in map) {
        const raw = map[resource];
        const value = isTemplated(raw) ? undefined : declaredValue(raw);
        const path = [...ref.path, 'resources', section, resource];
        quantities.push({ section, resource, raw, path, ref, value });
      }
    }
  }
  return { containers, quantities };
});

/** A request or limit of one resource with its parsed value. */
export type DeclaredValue = DeclaredEntry & { readonly value: Quantity };

/** A quantity written with the wrong unit: what to say, and the value meant when it is clear. */
export interface UnitSlip {
  readonly message: string;
  readonly suggestion?: string;
}

/**
 * Reports the unit slips `slipOf` finds among the requests and limits of `resource`; a slip with
 * a suggestion is offered as one and fixed by writing it over the value.
 */
export function reportUnitSlips(
  ctx: RuleContext,
  resource: string,
  slipOf: (quantity: DeclaredValue) => UnitSlip | undefined,
): void {
  for (const quantity of declaredContainerQuantities(ctx.templates)) {
    // Template text and what does not parse (resources-invalid-quantity's to report) have no value.
    if (quantity.resource !== resource || quantity.value === undefined) continue;
    const slip = slipOf(quantity as DeclaredValue);
    if (!slip) continue;
    const { path } = quantity;
    const { message, suggestion } = slip;
    if (suggestion === undefined) {
      ctx.report({ path, message });
      continue;
    }
    const fix = replaceValueFix(ctx, path, `Change to ${suggestion}`, suggestion);
    ctx.report({ path, message, ...(fix ? { fix } : {}), suggestions: [suggestion] });
  }
}

/** `The CPU request of container "web"`, `The memory limit of init container "migrate"`: how messages name a quantity. */
export function quantityOwner({ section, resource, ref }: DeclaredQuantity & { ref: ContainerRef }): string {
  return `The ${resource === 'cpu' ? 'CPU' : resource} ${section === 'limits' ? 'limit' : 'request'} of ${containerLabel(ref)}`;
}
