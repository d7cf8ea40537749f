import type { JsonObject } from '../manifest/types';
import { isObject } from '../manifest/workloads';
import type {
  ClusterList,
  ClusterSnapshot,
  Labels,
  ListResult,
  NamespacedList,
  NamespaceSnapshot,
} from './snapshot';
import { LIST_WORDS } from './snapshot';

/**
 * An object the same lint run creates (a ConfigMap in the same files, a Kustomize generator's
 * output): a reference it satisfies is not missing.
 */
export interface ProvidedObject {
  readonly kind: string;
  /** Absent for cluster-scoped kinds. */
  readonly namespace?: string;
  readonly name: string;
  /** ConfigMap `data`/`binaryData` keys, Secret `data`/`stringData` keys. */
  readonly keys?: readonly string[];
  /** A Namespace's labels (its PodSecurity levels). */
  readonly labels?: Labels;
}

/** What the API server said to a server-side dry-run create of one object. */
export interface DryRunOutcome {
  /** The Status message of a rejection (`admission webhook "x" denied the request: …`). */
  readonly error?: string;
  /** `Warning:` headers (PodSecurity warnings, deprecations, webhook warnings). */
  readonly warnings?: readonly string[];
}

export interface ClusterCheckInput {
  readonly snapshot: ClusterSnapshot;
  /** Objects created by the whole lint run (every file), see `providedObjects`. */
  readonly provided?: readonly ProvidedObject[];
  /** Dry-run outcomes of this file's documents, by document index (only with `--server-dry-run`). */
  readonly dryRun?: ReadonlyMap<number, DryRunOutcome>;
  /**
   * Keys of the "cannot check … : forbidden" notices already reported in this run; pass the same set
   * to every file so each notice is reported once.
   */
  readonly notices?: Set<string>;
}

/** Kinds that live outside namespaces: no namespace check, no namespaced lookups. */
const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'APIService',
  'IngressClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'VolumeAttributesClass',
  'DeviceClass',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'CertificateSigningRequest',
  'ClusterTrustBundle',
  'ComponentStatus',
  'IPAddress',
  'ServiceCIDR',
  'List',
]);

/** True for kinds known to be cluster-scoped (custom kinds are taken as namespaced only when they name a namespace). */
function isClusterScoped(object: JsonObject): boolean {
  const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
  if (CLUSTER_SCOPED_KINDS.has(kind)) return true;
  const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '';
  const builtin = !apiVersion.includes('.') || apiVersion.includes('.k8s.io/');
  return !builtin && explicitNamespace(object) === undefined;
}

export function explicitNamespace(object: JsonObject): string | undefined {
  const metadata = object['metadata'];
  const namespace = isObject(metadata) ? metadata['namespace'] : undefined;
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}

/** The namespace an object lands in: its own, else the run's default; undefined when cluster-scoped. */
export function namespaceOf(object: JsonObject, defaultNamespace: string): string | undefined {
  return isClusterScoped(object) ? undefined : (explicitNamespace(object) ?? defaultNamespace);
}

export function objectName(object: JsonObject): string | undefined {
  const metadata = object['metadata'];
  const name = isObject(metadata) ? metadata['name'] : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** Whether the snapshot can answer, and if not the info notice that says so. */
export type Availability<T> =
  { readonly ok: true; readonly items: readonly T[] } | { readonly ok: false; readonly notice?: string };

function availability<T>(list: ListResult<T> | undefined, word: string, where: string): Availability<T> {
  if (list === undefined) return { ok: false };
  if (list.state === 'ok') return { ok: true, items: list.items };
  return { ok: false, notice: `cannot check ${word}${where}: ${list.state}` };
}

export function namespacedList<K extends NamespacedList>(
  snapshot: ClusterSnapshot,
  list: K,
  namespace: string,
): Availability<NonNullable<NamespaceSnapshot[K]> extends ListResult<infer T> ? T : never> {
  const result = snapshot.namespaces[namespace]?.[list] as
    ListResult<NonNullable<NamespaceSnapshot[K]> extends ListResult<infer T> ? T : never> | undefined;
  return availability(result, LIST_WORDS[list], ` in \`${namespace}\``);
}

export function clusterList<K extends ClusterList>(
  snapshot: ClusterSnapshot,
  list: K,
): Availability<NonNullable<ClusterSnapshot[K]> extends ListResult<infer T> ? T : never> {
  const result = snapshot[list] as
    ListResult<NonNullable<ClusterSnapshot[K]> extends ListResult<infer T> ? T : never> | undefined;
  return availability(result, LIST_WORDS[list], '');
}

/** A namespace's state: from the same files first (their labels win: they will be applied), then the cluster. */
export type NamespaceState =
  | { readonly known: true; readonly exists: boolean; readonly labels: Labels }
  | { readonly known: false; readonly notice?: string };

export function namespaceState(input: ClusterCheckInput, namespace: string): NamespaceState {
  const provided = input.provided?.find((p) => p.kind === 'Namespace' && p.name === namespace);
  if (provided) return { known: true, exists: true, labels: provided.labels ?? {} };
  const read = input.snapshot.namespaces[namespace]?.namespace;
  if (read === undefined) return { known: false };
  if (read.state === 'ok') return { known: true, exists: read.exists, labels: read.labels };
  return { known: false, notice: `cannot check the namespace \`${namespace}\`: ${read.state}` };
}

/** The object of `kind` named `name` that the same run creates in `namespace`, if any. */
export function providedObject(
  input: ClusterCheckInput,
  kind: string,
  name: string,
  namespace?: string,
): ProvidedObject | undefined {
  return input.provided?.find(
    (p) => p.kind === kind && p.name === name && (namespace === undefined || p.namespace === namespace),
  );
}
