/**
 * What the cluster checks know about one cluster: plain objects read once per run (one list request
 * per kind and namespace), never one request per manifest. The cluster code fills it; the checks in
 * `core` only read it.
 */

/** A list that could not be read: its checks are skipped with one info finding, never guessed. */
interface Unread {
  readonly state: 'forbidden' | 'unavailable';
  /** The API server's words, when it gave some (`secrets is forbidden: User "dev" cannot list …`). */
  readonly detail?: string;
}

interface Listed<T> {
  readonly state: 'ok';
  readonly items: readonly T[];
}

/** A list request's outcome. A list that was never requested is simply absent (its check is skipped silently). */
export type ListResult<T> = Listed<T> | Unread;

export type Labels = Readonly<Record<string, string>>;
/** Resource name → quantity string as the API returns it (`cpu: "2"`, `memory: 7901572Ki`). */
export type ResourceList = Readonly<Record<string, string>>;

/** GET of one namespace: it exists (with its labels), it does not (404), or it could not be read. */
export type NamespaceRead =
  { readonly state: 'ok'; readonly exists: boolean; readonly labels: Labels } | Unread;

export interface ConfigMapInfo {
  readonly name: string;
  /** Keys of `data` and `binaryData`. */
  readonly keys: readonly string[];
}

/**
 * A Secret as metadata only (`PartialObjectMetadataList`): its data, and therefore its keys, never
 * leave the API server, so key checks on Secrets are not made.
 */
export interface SecretInfo {
  readonly name: string;
}

export interface NamedInfo {
  readonly name: string;
}

export interface Toleration {
  readonly key?: string;
  /** `Equal` (default) or `Exists`. */
  readonly operator?: string;
  readonly value?: string;
  /** Empty matches every effect. */
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

export interface Taint {
  readonly key: string;
  readonly value?: string;
  /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`. */
  readonly effect: string;
}

export interface PriorityClassInfo {
  readonly name: string;
  readonly value?: number;
  readonly globalDefault?: boolean;
  readonly preemptionPolicy?: string;
}

/** RuntimeClass admission adds its overhead to the pod and its scheduling constraints to the pod's. */
export interface RuntimeClassInfo {
  readonly name: string;
  readonly handler?: string;
  readonly overhead?: ResourceList;
  readonly nodeSelector?: Labels;
  readonly tolerations?: readonly Toleration[];
}

export interface NodeInfo {
  readonly name: string;
  readonly labels: Labels;
  readonly taints: readonly Taint[];
  readonly allocatable: ResourceList;
  /** `spec.unschedulable` (cordoned). */
  readonly unschedulable: boolean;
}

/** One entry of `LimitRange.spec.limits`. */
export interface LimitRangeItem {
  /** `Container`, `Pod` or `PersistentVolumeClaim`. */
  readonly type: string;
  readonly max?: ResourceList;
  readonly min?: ResourceList;
  readonly default?: ResourceList;
  readonly defaultRequest?: ResourceList;
  readonly maxLimitRequestRatio?: ResourceList;
}

export interface LimitRangeInfo {
  readonly name: string;
  readonly limits: readonly LimitRangeItem[];
}

interface ScopedResourceSelectorRequirement {
  readonly scopeName: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

export interface ResourceQuotaInfo {
  readonly name: string;
  /** `status.hard` and `status.used`: what the quota admission enforces (not `spec.hard`). */
  readonly hard: ResourceList;
  readonly used: ResourceList;
  readonly scopes?: readonly string[];
  readonly scopeSelector?: { readonly matchExpressions?: readonly ScopedResourceSelectorRequirement[] };
}

/** What was read in one namespace. Each list is absent when the run did not need it. */
export interface NamespaceSnapshot {
  readonly namespace?: NamespaceRead;
  readonly configMaps?: ListResult<ConfigMapInfo>;
  readonly secrets?: ListResult<SecretInfo>;
  readonly persistentVolumeClaims?: ListResult<NamedInfo>;
  readonly serviceAccounts?: ListResult<NamedInfo>;
  readonly limitRanges?: ListResult<LimitRangeInfo>;
  readonly resourceQuotas?: ListResult<ResourceQuotaInfo>;
}

export interface ClusterSnapshot {
  /** The kubeconfig context the snapshot was read through (`prod-eu`). */
  readonly context: string;
  /** Namespace of objects that name none: `-n`, else the context's, else `default`. */
  readonly defaultNamespace: string;
  readonly namespaces: Readonly<Record<string, NamespaceSnapshot>>;
  readonly priorityClasses?: ListResult<PriorityClassInfo>;
  readonly runtimeClasses?: ListResult<RuntimeClassInfo>;
  readonly nodes?: ListResult<NodeInfo>;
}

/** The namespaced lists the checks read, by the snapshot field that holds them. */
export type NamespacedList =
  'configMaps' | 'secrets' | 'persistentVolumeClaims' | 'serviceAccounts' | 'limitRanges' | 'resourceQuotas';

/** The cluster-scoped lists. */
export type ClusterList = 'priorityClasses' | 'runtimeClasses' | 'nodes';

/** One read the plumbing must make: a namespace GET, a namespaced list, or a cluster-scoped list. */
export type ListRequest =
  | { readonly list: 'namespace'; readonly namespace: string }
  | { readonly list: NamespacedList; readonly namespace: string }
  | { readonly list: ClusterList };

/** Plural words for "cannot check Secrets in `prod`: forbidden". */
export const LIST_WORDS: Readonly<Record<NamespacedList | ClusterList | 'namespace', string>> = {
  namespace: 'the namespace',
  configMaps: 'ConfigMaps',
  secrets: 'Secrets',
  persistentVolumeClaims: 'PersistentVolumeClaims',
  serviceAccounts: 'ServiceAccounts',
  limitRanges: 'LimitRanges',
  resourceQuotas: 'ResourceQuotas',
  priorityClasses: 'PriorityClasses',
  runtimeClasses: 'RuntimeClasses',
  nodes: 'Nodes',
};
