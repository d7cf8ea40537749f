import type { Finding, SeveritySetting } from '../core/lint/types';
import { CliError, connectCluster } from './common';

/** The `lint --cluster` flags (`-n` and the kubeconfig ones as `pods` and `explain` take them). */
export const CLUSTER_FLAGS = {
  cluster: { type: 'boolean', default: false },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'server-dry-run': { type: 'boolean', default: false },
} as const;

export const CLUSTER_HELP = `Cluster checks (read-only; nothing contacts a cluster without --cluster):
  --cluster                  also check against a cluster: missing namespaces, ConfigMaps, Secrets
                             (names only, never their data), PVCs, ServiceAccounts, PriorityClasses,
                             RuntimeClasses; unschedulable templates; LimitRange, quota and PodSecurity;
                             and the failing pods of the workloads in the files (live-* findings)
  --kubeconfig FILE          kubeconfig to use instead of $KUBECONFIG / ~/.kube/config
  --context NAME             kubeconfig context (default: its current-context)
  -n, --namespace NS         namespace of objects that name none (default: the context's)
  --server-dry-run           also send each object as a server-side dry-run create (needs create
                             permission; nothing is persisted) and report what admission says`;

export interface ClusterFlagValues {
  cluster: boolean;
  kubeconfig?: string | undefined;
  context?: string | undefined;
  namespace?: string | undefined;
  'server-dry-run': boolean;
}

/** Cluster-only flags without --cluster are a mistake worth one sentence, not a silent no-op. */
export function checkClusterFlags(values: ClusterFlagValues): void {
  if (values.cluster) return;
  const stray = (['kubeconfig', 'context', 'namespace', 'server-dry-run'] as const).find((f) =>
    f === 'server-dry-run' ? values[f] : values[f] !== undefined,
  );
  if (stray)
    throw new CliError(`--${stray} only applies with --cluster; add --cluster to check against a cluster.`);
}

export interface ClusterRun {
  /** `checked against context prod-eu, namespace shop` */
  header: string;
  findings: Finding[][];
  notices: string[];
}

/** Reads the cluster once for all files and returns each file's cluster findings. */
export async function lintWithCluster(
  values: ClusterFlagValues,
  texts: readonly string[],
  rules: Readonly<Record<string, SeveritySetting>>,
): Promise<ClusterRun> {
  const session = await connectCluster(values);
  try {
    const result = await session.lintAgainstCluster(texts, {
      ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
      serverDryRun: values['server-dry-run'],
      rules,
      live: true,
    });
    return {
      header: `checked against context ${result.context}, namespace ${result.namespace}`,
      findings: result.findings,
      notices: result.notices,
    };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(session.fault(error, values.namespace ? { namespace: values.namespace } : {}).message);
  } finally {
    session.dispose();
  }
}

/** Static and cluster findings of one file, in reading order. */
export function mergeFindings(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  return [...a, ...b].sort((x, y) => x.range.start - y.range.start || x.range.end - y.range.end);
}
