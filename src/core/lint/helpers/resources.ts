import type { ContainerRef, PodTemplate } from '../../manifest/workloads';
import type { Quantity } from '../../quantity';
import { declaredQuantities, declaredValue, isTemplated, type DeclaredQuantity } from '../../qos';
import { containerLabel } from '../../text/container-label';
import { eachContainer } from './containers';

/** The containers whose resources count: ephemeral containers may not set any. */
export function* resourcedContainers(templates: readonly PodTemplate[]): Generator<ContainerRef> {
  for (const { ref } of eachContainer(templates)) if (ref.role !== 'ephemeral') yield ref;
}

/** Every quantity under resources.requests and resources.limits of those containers, with its container. */
export function* declaredContainerQuantities(
  templates: readonly PodTemplate[],
): Generator<DeclaredQuantity & { ref: ContainerRef }> {
  for (const ref of resourcedContainers(templates)) {
    for (const quantity of declaredQuantities(ref)) yield { ...quantity, ref };
  }
}

/**
 * The requests and limits of one resource that parse, with their value: template text is skipped,
 * and what does not parse is resources-invalid-quantity's to report.
 */
export function* declaredResourceValues(
  templates: readonly PodTemplate[],
  resource: string,
): Generator<DeclaredQuantity & { ref: ContainerRef; value: Quantity }> {
  for (const quantity of declaredContainerQuantities(templates)) {
    if (quantity.resource !== resource || isTemplated(quantity.raw)) continue;
    const value = declaredValue(quantity.raw);
    if (value) yield { ...quantity, value };
  }
}

/** `The CPU request of container "web"`, `The memory limit of init container "migrate"`: how messages name a quantity. */
export function quantityOwner({ section, resource, ref }: DeclaredQuantity & { ref: ContainerRef }): string {
  return `The ${resource === 'cpu' ? 'CPU' : resource} ${section === 'limits' ? 'limit' : 'request'} of ${containerLabel(ref)}`;
}
