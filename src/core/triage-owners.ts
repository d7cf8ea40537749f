import type { Pod } from './k8s';

/**
 * The owners a pod list implies without reading them: the Deployment controller names a
 * ReplicaSet `<deployment>-<pod-template-hash>`, and labels its pods with that hash. The watch
 * cache holds pods only, so this is how the panel names Deployments without more requests.
 */
export function ownersOf(pods: readonly Pod[]): Array<{ kind: string; metadata: Record<string, unknown> }> {
  const owners = new Map<string, { kind: string; metadata: Record<string, unknown> }>();
  for (const pod of pods) {
    const ref = pod.metadata?.ownerReferences?.find((o) => o.controller);
    const hash = pod.metadata?.labels?.['pod-template-hash'];
    if (ref?.kind !== 'ReplicaSet' || !ref.uid || !ref.name || !hash || owners.has(ref.uid)) continue;
    if (!ref.name.endsWith(`-${hash}`)) continue;
    owners.set(ref.uid, {
      kind: 'ReplicaSet',
      metadata: {
        uid: ref.uid,
        name: ref.name,
        ownerReferences: [
          { kind: 'Deployment', name: ref.name.slice(0, -hash.length - 1), controller: true },
        ],
      },
    });
  }
  return [...owners.values()];
}
