/**
 * The parts of the Kubernetes extension's published API (npm `vscode-kubernetes-tools-api` 1.3:
 * `clusterExplorer.v1`, `configuration.v1_1`) that Pod Doctor uses, typed here instead of adding
 * the package: its exports are an API broker with `get(component, version)`. No `vscode` import,
 * so the resolution below is unit-tested in plain node.
 */

export const KUBERNETES_EXTENSION_ID = 'ms-kubernetes-tools.vscode-kubernetes-tools';

export type Api<T> =
  { readonly available: true; readonly api: T } | { readonly available: false; readonly reason: string };

export interface ApiBroker {
  get(component: string, version: string): Api<unknown>;
}

export interface ClusterExplorerNode {
  readonly nodeType: string;
  readonly namespace?: string | null;
  readonly name?: string;
  readonly resourceKind?: { readonly manifestKind: string; readonly abbreviation: string };
}

export interface ClusterExplorerV1 {
  resolveCommandTarget(target?: unknown): ClusterExplorerNode | undefined;
}

export type KubeconfigPath =
  | { readonly pathType: 'host'; readonly hostPath: string }
  | { readonly pathType: 'wsl'; readonly wslPath: string };

export interface ConfigurationV1_1 {
  getKubeconfigPath(): KubeconfigPath;
}

function isBroker(value: unknown): value is ApiBroker {
  return typeof value === 'object' && value !== null && typeof (value as ApiBroker).get === 'function';
}

/** The API of a component when the extension's exports are a broker that offers it, else why not. */
export function brokerApi<T>(exports: unknown, component: string, version: string): Api<T> {
  if (!isBroker(exports)) return { available: false, reason: 'version-unknown' };
  try {
    return exports.get(component, version) as Api<T>;
  } catch {
    return { available: false, reason: 'version-unknown' };
  }
}

/** The namespace and name of a pod node of the Cluster Explorer; undefined for any other node. */
export function podOfNode(
  node: ClusterExplorerNode | undefined,
): { namespace: string | undefined; name: string } | undefined {
  if (!node || node.nodeType !== 'resource' || !node.name) return undefined;
  const kind = node.resourceKind;
  if (kind?.manifestKind !== 'Pod' && kind?.abbreviation !== 'pod') return undefined;
  return { namespace: node.namespace ?? undefined, name: node.name };
}
