import { checkAgainstCluster, providedObjects } from '../../../src/core/cluster-lint/check';
import type { ClusterCheckInput } from '../../../src/core/cluster-lint/context';
import { EXAMPLE_CLUSTER } from '../../../src/core/cluster-lint/example-cluster';
import type { ClusterSnapshot, NamespaceSnapshot } from '../../../src/core/cluster-lint/snapshot';
import { isKubernetesObject } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/types';
import { parseManifests } from '../../../src/core/manifest/parse';

/** The documented example cluster with `changes` applied to namespace `shop` and, optionally, to the cluster-wide lists. */
export function shopCluster(
  changes: Partial<NamespaceSnapshot> = {},
  cluster: Partial<Omit<ClusterSnapshot, 'namespaces'>> = {},
): ClusterSnapshot {
  return {
    ...EXAMPLE_CLUSTER,
    ...cluster,
    namespaces: {
      ...EXAMPLE_CLUSTER.namespaces,
      shop: { ...EXAMPLE_CLUSTER.namespaces['shop'], ...changes },
    },
  };
}

/**
 * The findings of one cluster rule on `text` against `snapshot`, with the objects of `text` (and
 * of `otherFiles`) counted as created by the same run, as the CLI does.
 */
export function clusterFindings(
  ruleId: string,
  text: string,
  snapshot: ClusterSnapshot = EXAMPLE_CLUSTER,
  extra: Partial<ClusterCheckInput> & { otherFiles?: readonly string[] } = {},
): Finding[] {
  const objects = [text, ...(extra.otherFiles ?? [])].flatMap((t) =>
    parseManifests(t)
      .documents.map((d) => d.value)
      .filter(isKubernetesObject),
  );
  const input: ClusterCheckInput = {
    snapshot,
    provided: providedObjects(objects, snapshot.defaultNamespace),
    ...(extra.dryRun ? { dryRun: extra.dryRun } : {}),
    ...(extra.notices ? { notices: extra.notices } : {}),
  };
  return checkAgainstCluster(text, input, { throwOnRuleError: true }).findings.filter(
    (f) => f.ruleId === ruleId,
  );
}

/** A finding as `line:message` with a 1-based line, as the CLI prints it. */
export const lineAndMessage = (f: Finding): string => `${f.start.line + 1}: ${f.message}`;
