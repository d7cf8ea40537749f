import { isObject } from '../../manifest/workloads';
import type { Rule } from '../types';
import { restartsOnExit } from '../helpers/containers';

export const rule: Rule = {
  id: 'probe-missing-readiness',
  severity: 'info',
  reportsAbsence: true,
  title: 'Serving container without a readiness probe',
  rationale:
    'Without a readiness probe a container counts as ready the moment it starts, so Services send it traffic before the application listens (connection refused during every rollout), and a hung instance keeps receiving requests.',
  remediation: 'Add a `readinessProbe` that checks the port the container serves on.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n      readinessProbe:\n        httpGet:\n          path: /\n          port: 80\n',
  },
  check(ctx) {
    for (const template of ctx.templates) {
      if (!restartsOnExit(template)) continue;
      const probed = template.containers.filter(
        (c) => c.longRunning && isObject(c.container['readinessProbe']),
      );
      for (const container of template.containers) {
        if (container.role !== 'main' || !container.longRunning) continue;
        const ports = container.container['ports'];
        if (!Array.isArray(ports) || ports.length === 0) continue;
        if (isObject(container.container['readinessProbe'])) continue;
        // The pod is Ready only when every container is, so another container's probe delays the traffic.
        const when =
          probed.length === 0
            ? 'it receives Service traffic as soon as it starts, before the application listens'
            : `the pod receives Service traffic on its ports as soon as the readinessProbe of ${probed.map((c) => `"${c.name}"`).join(', ')} passes, whether or not this container listens yet`;
        ctx.report({
          path: [...container.path, 'ports'],
          on: 'key',
          message: `Container "${container.name}" declares ports but has no readinessProbe: ${when}. Add a readinessProbe on the serving port.`,
        });
      }
    }
  },
};
