import { isObject } from '../../manifest/workloads';
import type { ContainerRef } from '../../manifest/workloads';
import type { Path } from '../../manifest/types';
import { isTemplated, podLevelResources, qosClass } from '../../qos';
import type { QosClass } from '../../qos';
import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';

export const rule: Rule = {
  id: 'resources-memory-limit-missing',
  severity: 'info',
  reportsAbsence: true,
  title: 'Container without a memory limit',
  rationale:
    'Without a memory limit a container can use all the memory of its node. When the node runs short, the kubelet evicts BestEffort pods first, then Burstable pods using more than they request, and the kernel OOM killer prefers their processes, so an unlimited container is both a risk to its neighbours and the first victim.',
  remediation:
    'Set `resources.limits.memory` (for a Guaranteed pod, equal to the memory request), sized from the memory the container really uses plus headroom. A LimitRange in the namespace can also supply a default.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 256Mi\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 256Mi\n        limits:\n          memory: 256Mi\n',
  },
  check(ctx) {
    for (const template of ctx.templates) {
      // A pod-level memory limit bounds every container together.
      if (podLevelResources(template.spec)?.limits['memory']) continue;
      // Most containers set a limit, so the pod's QoS class is worked out only for a report.
      let qos: QosClass | undefined;
      for (const ref of template.containers) {
        if (ref.role === 'ephemeral') continue;
        const resources = ref.container['resources'];
        if (isTemplated(resources)) continue;
        const limits = isObject(resources) ? resources['limits'] : undefined;
        if (isTemplated(limits) || (isObject(limits) && limits['memory'] !== undefined)) continue;
        qos ??= qosClass(template.spec);
        ctx.report({
          path: reportPath(ref, resources, limits),
          on: 'key',
          message: `The ${containerLabel(ref)} has no memory limit, so it can use all the memory of its node (unless a LimitRange sets a default). Under memory pressure the kubelet evicts BestEffort pods first, then Burstable pods above their requests, and the OOM killer prefers them; this pod is ${qos}. Set resources.limits.memory.`,
        });
      }
    }
  },
};

/** The `limits` key, else the `resources` key, else the container's `name` key. */
function reportPath(ref: ContainerRef, resources: unknown, limits: unknown): Path {
  if (isObject(limits)) return [...ref.path, 'resources', 'limits'];
  if (resources !== undefined) return [...ref.path, 'resources'];
  if (ref.container['name'] !== undefined) return [...ref.path, 'name'];
  return ref.path;
}
