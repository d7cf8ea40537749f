import type { ContainerRef, PodTemplate } from '../../manifest/workloads';
import type { Quantity } from '../../quantity';
import { declaredQuantities, declaredValue, isTemplated, type DeclaredQuantity } from '../../qos';
import { containerLabel } from '../../text/container-label';
import type { RuleContext } from '../types';
import { eachContainer } from './containers';
import { replaceValueFix } from './fixes';

/** The containers whose resources count: ephemeral containers may not set any. */
export function resourcedContainers(templates: readonly PodTemplate[]): readonly ContainerRef[] {
  return declaredPerDocument(templates).containers;
}

/** Every quantity under resources.requests and resources.limits of those containers, with its container. */
export function declaredContainerQuantities(
  templates: readonly PodTemplate[],
): readonly (DeclaredQuantity & { ref: ContainerRef })[] {
  return declaredPerDocument(templates).quantities;
}

interface DeclaredPerDocument {
  readonly containers: readonly ContainerRef[];
  readonly quantities: readonly (DeclaredQuantity & { ref: ContainerRef })[];
}

/** Computed once per document (its shared `templates` array), as the container lists are. */
let lastTemplates: readonly PodTemplate[] | undefined;
let lastDeclared: DeclaredPerDocument = { containers: [], quantities: [] };

function declaredPerDocument(templates: readonly PodTemplate[]): DeclaredPerDocument {
  if (templates !== lastTemplates) {
    const containers: ContainerRef[] = [];
    const quantities: (DeclaredQuantity & { ref: ContainerRef })[] = [];
    for (const { ref } of eachContainer(templates)) {
      if (ref.role === 'ephemeral') continue;
      containers.push(ref);
      for (const quantity of declaredQuantities(ref)) quantities.push({ ...quantity, ref });
    }
    lastDeclared = { containers, quantities };
    lastTemplates = templates;
  }
  return lastDeclared;
}

/**
 * The requests and limits of one resource that parse, with their value: template text is skipped,
 * and what does not parse is resources-invalid-quantity's to report.
 */
function* declaredResourceValues(
  templates: readonly PodTemplate[],
  resource: string,
): Generator<DeclaredValue> {
  for (const quantity of declaredContainerQuantities(templates)) {
    if (quantity.resource !== resource || isTemplated(quantity.raw)) continue;
    const value = declaredValue(quantity.raw);
    if (value) yield { ...quantity, value };
  }
}

/** A request or limit of one resource with its parsed value, as `declaredResourceValues` yields it. */
export type DeclaredValue = DeclaredQuantity & { ref: ContainerRef; value: Quantity };

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
  for (const quantity of declaredResourceValues(ctx.templates, resource)) {
    const slip = slipOf(quantity);
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
