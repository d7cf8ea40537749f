import type { ContainerRole } from '../manifest/workloads';

const ROLE_NOUNS: Readonly<Record<ContainerRole, string>> = {
  main: 'container',
  init: 'init container',
  sidecar: 'sidecar',
  ephemeral: 'ephemeral container',
};

/**
 * `container "web"`, `init container "migrate"`, `sidecar "proxy"`: how findings and
 * diagnoses name a container. A container without a name is known by its position (`container #2`).
 */
export function containerLabel(container: { readonly role: ContainerRole; readonly name: string }): string {
  const noun = ROLE_NOUNS[container.role];
  return container.name.startsWith('#') ? `${noun} ${container.name}` : `${noun} "${container.name}"`;
}
