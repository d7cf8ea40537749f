import type { ContainerRef, PodTemplate } from '../../manifest/workloads';
import { declaredQuantities, type DeclaredQuantity } from '../../qos';
import { containerLabel } from '../../text/container-label';

/** The containers whose resources count: ephemeral containers may not set any. */
export function* resourcedContainers(templates: readonly PodTemplate[]): Generator<ContainerRef> {
  for (const template of templates) {
    for (const ref of template.containers) if (ref.role !== 'ephemeral') yield ref;
  }
}

/** Every quantity under resources.requests and resources.limits of those containers, with its container. */
export function* declaredContainerQuantities(
  templates: readonly PodTemplate[],
): Generator<DeclaredQuantity & { ref: ContainerRef }> {
  for (const ref of resourcedContainers(templates)) {
    for (const quantity of declaredQuantities(ref)) yield { ...quantity, ref };
  }
}

/** `The CPU request of container "web"`, `The memory limit of init container "migrate"`: how messages name a quantity. */
export function quantityOwner({ section, resource, ref }: DeclaredQuantity & { ref: ContainerRef }): string {
  return `The ${resource === 'cpu' ? 'CPU' : resource} ${section === 'limits' ? 'limit' : 'request'} of ${containerLabel(ref)}`;
}
