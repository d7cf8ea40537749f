import {
  limitRangesOf,
  replicasOf,
  resourceQuotasOf,
  runtimeClassOf,
} from '../../cluster-lint/admission-inputs';
import { podRejection } from '../../cluster-lint/lookup';
import { printAmount, producedContainers, resourcePath } from '../../cluster-lint/produced-pod';
import {
  missingRequired,
  mustSpecifyMessage,
  podUsage,
  prettyPrint,
  quotaMatchesPod,
  quotaShortfalls,
} from '../../cluster-lint/quota';
import { clusterTemplates, pointAt } from '../../cluster-lint/report';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-quota',
  severity: 'error',
  cluster: true,
  title: "A ResourceQuota in the namespace refuses the template's pods",
  rationale:
    'After LimitRange defaulting, the quota admission refuses every pod that leaves a resource the quota tracks unset (`failed quota: compute: must specify limits.memory for: web`) — an error. When the requests of all replicas exceed what is left of the quota (`status.hard − status.used`), only some pods are created and the rest fail with `exceeded quota` — a warning, since usage changes.',
  remediation:
    'Set every resource the quota tracks on every container (or rely on a LimitRange default), lower the requests or replicas, or ask for more quota.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: report\nspec:\n  containers:\n    - name: report\n      image: ghcr.io/shop/report:1.0.0\n      resources:\n        requests:\n          cpu: "4"\n          memory: 1Gi\n        limits:\n          memory: 1Gi\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: report\nspec:\n  containers:\n    - name: report\n      image: ghcr.io/shop/report:1.0.0\n      resources:\n        requests:\n          cpu: "1"\n          memory: 1Gi\n        limits:\n          memory: 1Gi\n',
  },
  check(ctx) {
    for (const { input, namespace, template } of clusterTemplates(ctx)) {
      const containersPath = [...template.specPath, 'containers'];
      const quotas = resourceQuotasOf(ctx, input, namespace, containersPath);
      if (!quotas || quotas.length === 0) continue;
      // Without the LimitRanges the defaults are unknown: judging quota then would be a guess.
      const limitRanges = limitRangesOf(ctx, input, namespace, containersPath);
      if (!limitRanges) continue;
      const containers = producedContainers(template, limitRanges);
      const overhead = runtimeClassOf(input, template)?.overhead ?? {};
      const replicas = replicasOf(ctx);
      for (const quota of quotas) {
        if (!quotaMatchesPod(quota, template.spec)) continue;
        const missing = missingRequired(quota, containers);
        if (missing.size > 0) {
          const [resource, names] = [...missing][0] ?? ['', []];
          const container = containers.find((c) => c.ref.name === names[0]);
          const [pick, name] = resource.startsWith('limits.')
            ? (['limits', resource.slice(7)] as const)
            : (['requests', resource.replace(/^requests\./, '')] as const);
          const at = pointAt(
            ctx.object,
            container ? resourcePath(container.ref, pick, name) : containersPath,
          );
          ctx.report({
            path: at.path,
            on: at.on,
            message: `ResourceQuota "${quota.name}" tracks ${[...missing.keys()].sort().join(', ')}, which the pod leaves unset: ${podRejection(ctx)} (failed quota: ${quota.name}: ${mustSpecifyMessage(missing)}).`,
          });
          continue;
        }
        const usage = podUsage(containers, overhead);
        const shortfalls = quotaShortfalls(quota, usage, replicas);
        if (shortfalls.length === 0 || replicas === 0) continue;
        const first = shortfalls[0];
        if (!first) continue;
        const resourceName = first.resource.replace(/^(requests|limits)\./, '');
        const pick = first.resource.startsWith('limits.') ? 'limits' : 'requests';
        const biggest = [...containers].sort((a, b) =>
          Number((b[pick].get(resourceName) ?? 0n) - (a[pick].get(resourceName) ?? 0n)),
        )[0];
        const at = pointAt(
          ctx.object,
          biggest ? resourcePath(biggest.ref, pick, resourceName) : containersPath,
        );
        const needs = shortfalls
          .map(
            (s) =>
              `${s.resource} ${printAmount(s.resource, s.needed)} (left: ${printAmount(s.resource, s.hard - s.used > 0n ? s.hard - s.used : 0n)} of ${printAmount(s.resource, s.hard)})`,
          )
          .join(', ');
        const perPod = shortfalls.map((s): [string, bigint] => [s.resource, usage.get(s.resource) ?? 0n]);
        ctx.report({
          path: at.path,
          on: at.on,
          severity: 'warning',
          message: `${replicas === 1 ? 'The pod needs' : `${replicas} replicas need`} ${needs}, more than ResourceQuota "${quota.name}" has left: pods beyond it fail (exceeded quota: ${quota.name}, requested: ${prettyPrint(perPod)}, used: ${prettyPrint(shortfalls.map((s) => [s.resource, s.used]))}, limited: ${prettyPrint(shortfalls.map((s) => [s.resource, s.hard]))}).`,
        });
      }
    }
  },
};
