import { iso, uidFor } from './build';
import { RESOURCES } from './discovery';
import type { Json } from './selectors';
import namespaceObjects from './namespace-objects.json';
import type { World } from './world';

/**
 * What admission and the kubelet look up when a pod is created: ConfigMaps, Secrets,
 * PersistentVolumeClaims, ServiceAccounts, PriorityClasses, RuntimeClasses, LimitRanges and
 * ResourceQuotas. They agree with the scenarios: `inventory-config` lacks the key the inventory
 * pod asks for, `billing-config` does not exist, the shop quota is nearly used up, and so on.
 */

const DAY = 86_400_000;

/** Namespaces where the demo user's RoleBinding is the built-in `view` role, which has no Secrets. */
export const SECRETS_FORBIDDEN_NAMESPACES: ReadonlySet<string> = new Set(['billing', 'kube-system']);

/** Pod Security Admission labels of the namespaces that set them. */
export const POD_SECURITY_LABELS: Record<string, Record<string, string>> = {
  shop: {
    'pod-security.kubernetes.io/enforce': 'baseline',
    'pod-security.kubernetes.io/enforce-version': 'v1.31',
  },
  billing: {
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/warn-version': 'latest',
    'pod-security.kubernetes.io/audit': 'restricted',
  },
  'kube-system': { 'pod-security.kubernetes.io/enforce': 'privileged' },
};

interface Meta {
  namespace?: string;
  name: string;
  ageDays: number;
  labels?: Record<string, string>;
}

function metadata(startMs: number, m: Meta, kind: string): Json {
  return {
    name: m.name,
    ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
    uid: uidFor(`${kind}:${m.namespace ?? ''}/${m.name}`),
    creationTimestamp: iso(startMs - m.ageDays * DAY),
    ...(m.labels ? { labels: m.labels } : {}),
  };
}

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}

function configMap(startMs: number, m: Meta, data: Record<string, string>): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(startMs, m, 'cm'), data };
}

function secret(startMs: number, m: Meta, type: string, data: Record<string, string>): Json {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: metadata(startMs, m, 'secret'),
    type,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, base64(v)])),
  };
}

function serviceAccount(startMs: number, m: Meta): Json {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata(startMs, m, 'sa') };
}

function dockerConfig(registry: string, user: string): string {
  const auth = base64(`${user}:demo-registry-token`);
  return JSON.stringify({ auths: { [registry]: { username: user, password: 'demo-registry-token', auth } } });
}

/**
 * The objects the namespaces hold (namespace-objects.json), in the order they are created: their
 * metadata (uid and creation time are derived from it), then what each kind carries. A `note` says
 * why an object is as it is, for the scenarios that rely on it.
 */
type NamespaceObject = Meta & { namespace: string; note?: string } & (
    | { kind: 'ConfigMap'; data: Record<string, string> }
    /** A registry login is written as its registry and user; the token is the demo's. */
    | {
        kind: 'Secret';
        type: string;
        data?: Record<string, string>;
        dockerConfig?: { registry: string; user: string };
      }
    | { kind: 'ServiceAccount' }
    | {
        kind: 'ResourceQuota' | 'LimitRange' | 'PersistentVolumeClaim';
        annotations?: Record<string, string>;
        finalizers?: string[];
        /** spec and status, as stored. */
        fields: Json;
      }
  );

// TypeScript reads the JSON's kinds as plain strings, so the rows are taken to be NamespaceObjects here.
const NAMESPACE_OBJECTS = namespaceObjects as readonly NamespaceObject[];

/** The tag each kind's uids are derived from. */
const UID_TAG: Readonly<Record<NamespaceObject['kind'], string>> = {
  ConfigMap: 'cm',
  Secret: 'secret',
  ServiceAccount: 'sa',
  ResourceQuota: 'quota',
  LimitRange: 'limits',
  PersistentVolumeClaim: 'pvc',
};

/** The store bucket of a core (v1) kind, as discovery serves it. */
function bucketOf(kind: string): string {
  const resource = RESOURCES.find((r) => r.group === '' && r.kind === kind);
  if (!resource) throw new Error(`The demo serves no core resource of kind ${kind}.`);
  return resource.bucket;
}

function namespaceObject(startMs: number, o: NamespaceObject): Json {
  switch (o.kind) {
    case 'ConfigMap':
      return configMap(startMs, o, o.data);
    case 'Secret':
      return secret(
        startMs,
        o,
        o.type,
        o.dockerConfig
          ? { '.dockerconfigjson': dockerConfig(o.dockerConfig.registry, o.dockerConfig.user) }
          : (o.data ?? {}),
      );
    case 'ServiceAccount':
      return serviceAccount(startMs, o);
    default:
      return {
        apiVersion: 'v1',
        kind: o.kind,
        metadata: {
          ...metadata(startMs, o, UID_TAG[o.kind]),
          ...(o.annotations ? { annotations: o.annotations } : {}),
          ...(o.finalizers ? { finalizers: o.finalizers } : {}),
        },
        ...o.fields,
      };
  }
}

/** The namespaces' PodSecurity labels, added to the namespaces `addNamespaces` created. */
export function labelNamespaces(world: World): void {
  for (const [name, labels] of Object.entries(POD_SECURITY_LABELS)) {
    world.store.update('namespaces', '', name, (ns) => {
      const meta = ns.metadata as Json;
      meta.labels = { ...(meta.labels as Record<string, string>), ...labels };
    });
  }
}

export function addConfigObjects(world: World, startMs: number, caPem: string): void {
  const put = (bucket: string, object: Json): void => void world.store.put(bucket, object);
  const namespaces = world.store.keys('namespaces').map((k) => k.slice(1));
  for (const namespace of namespaces) {
    const ageDays = namespace === 'billing' ? 2 : namespace === 'restricted' ? 12 : 33;
    // Every namespace gets these two from the root-CA publisher and the service-account controller.
    put(
      'configmaps',
      configMap(startMs, { namespace, name: 'kube-root-ca.crt', ageDays }, { 'ca.crt': caPem }),
    );
    put('serviceaccounts', serviceAccount(startMs, { namespace, name: 'default', ageDays }));
  }

  for (const object of NAMESPACE_OBJECTS) put(bucketOf(object.kind), namespaceObject(startMs, object));
  addSchedulingObjects(world, startMs);
}

function addSchedulingObjects(world: World, startMs: number): void {
  const priorityClass = (name: string, value: number, description: string, extra: Json = {}): Json => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: metadata(startMs, { name, ageDays: name.startsWith('system-') ? 41 : 30 }, 'pc'),
    value,
    description,
    preemptionPolicy: 'PreemptLowerPriority',
    ...extra,
  });
  world.store.put(
    'priorityclasses',
    priorityClass(
      'system-cluster-critical',
      2000000000,
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    ),
  );
  world.store.put(
    'priorityclasses',
    priorityClass(
      'system-node-critical',
      2000001000,
      'Used for system critical pods that must not be moved from their current node.',
    ),
  );
  world.store.put(
    'priorityclasses',
    priorityClass('shop-critical', 100000, 'Checkout and payments: preempt batch work when nodes are full.'),
  );
  world.store.put(
    'priorityclasses',
    priorityClass('batch-low', 100, 'Batch jobs that wait for room instead of preempting.', {
      preemptionPolicy: 'Never',
    }),
  );
  world.store.put('runtimeclasses', {
    apiVersion: 'node.k8s.io/v1',
    kind: 'RuntimeClass',
    metadata: metadata(startMs, { name: 'gvisor', ageDays: 30 }, 'runtimeclass'),
    handler: 'runsc',
  });
}
