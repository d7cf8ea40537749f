import { getPath } from '../../manifest/workloads';
import { parseQuantity } from '../../quantity';
import type { ContainerRef } from '../../manifest/workloads';
import type { ProbeRef } from '../../probes';
import type { Rule } from '../types';
import { eachProbe } from '../helpers/containers';

/** 100m, in the quantity's units of 10^-9. */
const TENTH_OF_A_CORE = 100_000_000n;

export const rule: Rule = {
  id: 'probe-cpu-starved',
  severity: 'info',
  needsWholeObject: true,
  title: 'Tight CPU limit with 1 s probe timeouts',
  rationale:
    'A CPU limit of 100m lets the container run 10 ms in every 100 ms. Under load (or while starting, or in garbage collection) it is throttled, answers its probes late, and a 1 s probe timeout turns that into failed checks: liveness restarts the container exactly when it is busiest.',
  remediation:
    'Raise the CPU limit (or remove it and keep the request), or give the probes `timeoutSeconds: 3` or more.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          cpu: 100m\n      livenessProbe:\n        tcpSocket:\n          port: 80\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          cpu: 100m\n      livenessProbe:\n        tcpSocket:\n          port: 80\n        timeoutSeconds: 3\n',
  },
  check(ctx) {
    // The probes of one container share its ContainerRef, so it keys the groups.
    const byContainer = new Map<ContainerRef, ProbeRef[]>();
    for (const ref of eachProbe(ctx.templates)) {
      if (ref.effective.timeoutSeconds > 1) continue;
      const group = byContainer.get(ref.container);
      if (group) group.push(ref);
      else byContainer.set(ref.container, [ref]);
    }
    for (const refs of byContainer.values()) {
      const container = refs[0]!.container;
      const limitPath = [...container.path, 'resources', 'limits', 'cpu'];
      const limit = getPath(ctx.object, limitPath);
      if (typeof limit !== 'string' && typeof limit !== 'number') continue;
      const parsed = parseQuantity(limit);
      // Unparsable limits are resources-invalid-quantity's to report.
      if (!parsed.ok || parsed.value.nanos <= 0n || parsed.value.nanos > TENTH_OF_A_CORE) continue;
      const probes = refs.map((r) => r.field).join(' and ');
      ctx.report({
        path: limitPath,
        message: `Container "${container.name}" is limited to ${String(limit)} CPU while its ${probes} time${refs.length === 1 ? 's' : ''} out after 1 s: when throttled it answers late and the checks fail (liveness then restarts it under load). Raise the CPU limit or set timeoutSeconds to 3 or more.`,
      });
    }
  },
};
