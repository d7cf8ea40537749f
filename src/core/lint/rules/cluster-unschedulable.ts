import { limitRangesOf, runtimeClassOf } from '../../cluster-lint/admission-inputs';
import { clusterList } from '../../cluster-lint/context';
import { nanos, podAmounts, producedContainers, resourcePath } from '../../cluster-lint/produced-pod';
import { clusterTemplates, pointAt, reportNotice } from '../../cluster-lint/report';
import {
  filterNode,
  fitErrorMessage,
  schedulingPod,
  type NodeVerdict,
  type SchedulingPod,
} from '../../cluster-lint/scheduler';
import type { Taint } from '../../cluster-lint/snapshot';
import { planFieldEdit } from '../../fix';
import type { JsonObject, Path } from '../../manifest/types';
import { isObject, type PodTemplate } from '../../manifest/workloads';
import type { Fix, Rule, RuleContext } from '../types';

export const rule: Rule = {
  id: 'cluster-unschedulable',
  severity: 'error',
  cluster: true,
  title: "No node passes the scheduler's filters for the pod",
  rationale:
    "The scheduler filters nodes by `spec.unschedulable`, NoSchedule/NoExecute taints without a matching toleration, `nodeSelector` and required node affinity, and requests larger than the node's allocatable. When no node is left the pod stays Pending with FailedScheduling (`0/3 nodes are available: …`). What already runs on the nodes is not counted, so a pod that passes may still wait for room.",
  remediation:
    'Fix the selector or affinity to match real node labels, add the toleration for the taint of the nodes meant for it, or lower the requests below what a node can offer.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  nodeSelector:\n    disktype: ssd\n  containers:\n    - name: db\n      image: postgres:16.4\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  nodeSelector:\n    disktype: hdd\n  containers:\n    - name: db\n      image: postgres:16.4\n',
  },
  check(ctx) {
    // A DaemonSet puts a pod only on the nodes that fit it: no pod waits for a node that fits.
    if (ctx.kind === 'DaemonSet') return;
    for (const { input, namespace, template } of clusterTemplates(ctx)) {
      // A pod bound by name never meets the scheduler.
      if (typeof template.spec['nodeName'] === 'string') continue;
      const nodes = clusterList(input.snapshot, 'nodes');
      if (!nodes.ok) {
        reportNotice(ctx, nodes.notice, [...template.specPath, 'containers']);
        continue;
      }
      const limitRanges =
        limitRangesOf(ctx, input, namespace, [...template.specPath, 'containers'], true) ?? [];
      const runtimeClass = runtimeClassOf(input, template);
      const containers = producedContainers(template, limitRanges);
      const requests = podAmounts(containers, 'requests', runtimeClass?.overhead ?? {});
      applyPodLevelRequests(template.spec, requests);
      const base = schedulingPod(template.spec, requests);
      const pod: SchedulingPod = {
        ...base,
        nodeSelector: { ...base.nodeSelector, ...runtimeClass?.nodeSelector },
        tolerations: [...base.tolerations, ...(runtimeClass?.tolerations ?? [])],
      };
      if (nodes.items.length === 0) {
        ctx.report({
          path: [...template.specPath, 'containers'],
          on: 'key',
          message: `The pod stays Pending: context ${input.snapshot.context} has no nodes (no nodes available to schedule pods).`,
        });
        continue;
      }
      const verdicts = nodes.items.map((node) => filterNode(pod, node));
      if (verdicts.some((v) => v.reasons.length === 0)) continue;
      const at = blamedPath(ctx, template, verdicts, containers);
      const fix = tolerationFix(ctx, template, pod, verdicts);
      ctx.report({
        path: at.path,
        on: at.on,
        message: `The pod stays Pending (FailedScheduling): ${fitErrorMessage(verdicts)}`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

/** Pod-level `spec.resources.requests` stand for the containers' cpu and memory when set. */
function applyPodLevelRequests(spec: JsonObject, requests: Map<string, bigint>): void {
  const resources = isObject(spec['resources']) ? spec['resources'] : {};
  const podRequests = isObject(resources['requests']) ? resources['requests'] : {};
  for (const name of ['cpu', 'memory']) {
    const raw = podRequests[name];
    const value = typeof raw === 'string' || typeof raw === 'number' ? nanos(raw) : undefined;
    if (value !== undefined) requests.set(name, value);
  }
}

/** The field to blame: the selector key no node has, the affinity, the largest request, else the tolerations. */
function blamedPath(
  ctx: RuleContext,
  template: PodTemplate,
  verdicts: readonly NodeVerdict[],
  containers: ReturnType<typeof producedContainers>,
): { path: Path; on: 'key' | 'value' } {
  const specPath = template.specPath;
  if (verdicts.some((v) => v.plugin === 'NodeAffinity')) {
    const selector = isObject(template.spec['nodeSelector']) ? template.spec['nodeSelector'] : {};
    const unmatched = Object.entries(selector).find(
      ([key, value]) => !verdicts.some((v) => v.node.labels[key] === String(value)),
    );
    if (unmatched) return { path: [...specPath, 'nodeSelector', unmatched[0]], on: 'key' };
    return pointAt(ctx.object, [
      ...specPath,
      'affinity',
      'nodeAffinity',
      'requiredDuringSchedulingIgnoredDuringExecution',
    ]).on === 'value'
      ? {
          path: [...specPath, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'],
          on: 'key',
        }
      : { path: [...specPath, 'nodeSelector'], on: 'key' };
  }
  const insufficient = verdicts
    .flatMap((v) => v.reasons)
    .find((r) => r.startsWith('Insufficient '))
    ?.slice('Insufficient '.length);
  if (insufficient) {
    const biggest = [...containers].sort((a, b) =>
      Number((b.requests.get(insufficient) ?? 0n) - (a.requests.get(insufficient) ?? 0n)),
    )[0];
    if (biggest) return pointAt(ctx.object, resourcePath(biggest.ref, 'requests', insufficient));
  }
  if (isObject(template.spec) && Array.isArray(template.spec['tolerations'])) {
    return { path: [...specPath, 'tolerations'], on: 'key' };
  }
  return { path: [...specPath, 'containers'], on: 'key' };
}

/** Taints of the cluster's own machinery: tolerating them to get scheduled is not a safe fix. */
const SYSTEM_TAINT =
  /^(node-role\.kubernetes\.io\/|node\.kubernetes\.io\/|node\.cloudprovider\.kubernetes\.io\/)/;

/**
 * "Add the missing toleration": offered when tolerating the untolerated taints of some nodes would
 * let the pod onto them, and those taints are not the control plane's or the node lifecycle's.
 */
function tolerationFix(
  ctx: RuleContext,
  template: PodTemplate,
  pod: SchedulingPod,
  verdicts: readonly NodeVerdict[],
): Fix | undefined {
  for (const verdict of verdicts) {
    if (verdict.plugin !== 'TaintToleration') continue;
    const taints = verdict.node.taints.filter(
      (t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !SYSTEM_TAINT.test(t.key),
    );
    if (taints.length === 0) continue;
    const tolerations = taints.map((t) => ({
      key: t.key,
      operator: 'Equal',
      value: t.value ?? '',
      effect: t.effect,
    }));
    const passes = filterNode({ ...pod, tolerations: [...pod.tolerations, ...tolerations] }, verdict.node);
    if (passes.reasons.length > 0) continue;
    // Added to the pod's tolerations (the list is created when there is none).
    const edits = planFieldEdit(
      ctx.text,
      ctx.document,
      [...template.specPath, 'tolerations'],
      `[${taints.map(flowToleration).join(', ')}]`,
    );
    if (!edits) return undefined;
    const names = taints.map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).join(', ');
    return { title: `Tolerate ${names}`, edits };
  }
  return undefined;
}

function flowToleration(t: Taint): string {
  return `{ key: ${JSON.stringify(t.key)}, operator: "Equal", value: ${JSON.stringify(t.value ?? '')}, effect: ${JSON.stringify(t.effect)} }`;
}
