import { iso, uidFor } from './build';
import type { Json } from './selectors';
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
 * The objects the namespaces hold, in the order they are created, as data: metadata (the uid and
 * creation time are derived from it), then what each kind carries.
 */
type NamespaceObject = Meta & { namespace: string } & (
    | { kind: 'ConfigMap'; data: Record<string, string> }
    | { kind: 'Secret'; type: string; data: Record<string, string> }
    | { kind: 'ServiceAccount' }
    | {
        kind: 'ResourceQuota' | 'LimitRange' | 'PersistentVolumeClaim';
        annotations?: Record<string, string>;
        finalizers?: string[];
        /** spec and status, as stored. */
        fields: Json;
      }
  );

const PVC_FINALIZERS = ['kubernetes.io/pvc-protection'];

const NAMESPACE_OBJECTS: readonly NamespaceObject[] = [
  // shop
  {
    kind: 'ConfigMap',
    namespace: 'shop',
    name: 'inventory-config',
    ageDays: 21,
    data: {
      // Renamed from DATABASE_URL in the last release; the inventory Deployment still asks for the old key.
      DATABASE_URI: 'postgres://inventory@postgres.data.svc.cluster.local:5432/inventory',
      LOG_LEVEL: 'info',
      CACHE_TTL_SECONDS: '300',
    },
  },
  {
    kind: 'ConfigMap',
    namespace: 'shop',
    name: 'storefront-config',
    ageDays: 30,
    data: { API_BASE_URL: 'http://checkout.shop.svc.cluster.local', FEATURE_FLAGS: 'new-cart,reviews' },
  },
  {
    kind: 'Secret',
    namespace: 'shop',
    name: 'orders-db',
    ageDays: 40,
    type: 'Opaque',
    data: { username: 'orders', password: 'demo-only-orders-password' },
  },
  {
    kind: 'Secret',
    namespace: 'shop',
    name: 'payments-stripe',
    ageDays: 38,
    type: 'Opaque',
    data: { 'api-key': 'sk_test_demo_only' },
  },
  {
    kind: 'Secret',
    namespace: 'shop',
    name: 'shop-registry',
    ageDays: 40,
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': dockerConfig('registry.example.com', 'shop-ci') },
  },
  { kind: 'ServiceAccount', namespace: 'shop', name: 'orders', ageDays: 40 },
  { kind: 'ServiceAccount', namespace: 'shop', name: 'checkout', ageDays: 40 },
  {
    kind: 'ResourceQuota',
    namespace: 'shop',
    name: 'shop-quota',
    ageDays: 40,
    fields: {
      spec: { hard: { 'requests.cpu': '8', 'requests.memory': '8Gi', 'limits.memory': '8Gi', pods: '40' } },
      status: {
        hard: { 'limits.memory': '8Gi', pods: '40', 'requests.cpu': '8', 'requests.memory': '8Gi' },
        // The figure the notifications ReplicaSet's FailedCreate events quote.
        used: { 'limits.memory': '7680Mi', pods: '14', 'requests.cpu': '3350m', 'requests.memory': '6784Mi' },
      },
    },
  },

  // default
  {
    kind: 'ConfigMap',
    namespace: 'default',
    name: 'web-config',
    ageDays: 30,
    data: { 'nginx.conf': 'server {\n  listen 80;\n  location / { root /usr/share/nginx/html; }\n}\n' },
  },
  {
    kind: 'Secret',
    namespace: 'default',
    name: 'registry-credentials',
    ageDays: 41,
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': dockerConfig('registry.example.com', 'default-ci') },
  },
  {
    kind: 'Secret',
    namespace: 'default',
    name: 'api-tls',
    ageDays: 20,
    type: 'kubernetes.io/tls',
    data: {
      'tls.crt': '-----BEGIN CERTIFICATE-----\ndemo\n-----END CERTIFICATE-----\n',
      'tls.key': '-----BEGIN PRIVATE KEY-----\ndemo\n-----END PRIVATE KEY-----\n',
    },
  },

  // data: the StatefulSet's claim, waiting for a StorageClass that does not exist
  {
    kind: 'PersistentVolumeClaim',
    namespace: 'data',
    name: 'data-postgres-0',
    ageDays: 0,
    labels: { app: 'postgres' },
    finalizers: PVC_FINALIZERS,
    fields: {
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'fast-ssd',
        resources: { requests: { storage: '50Gi' } },
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Pending' },
    },
  },
  {
    kind: 'PersistentVolumeClaim',
    namespace: 'data',
    name: 'backups',
    ageDays: 30,
    annotations: { 'pv.kubernetes.io/bind-completed': 'yes' },
    finalizers: PVC_FINALIZERS,
    fields: {
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'standard-rwo',
        resources: { requests: { storage: '100Gi' } },
        volumeMode: 'Filesystem',
        volumeName: 'pvc-3f6c1d2e-9a7b-4c1e-8f0a-5b2d7e9c4a11',
      },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '100Gi' } },
    },
  },
  {
    kind: 'Secret',
    namespace: 'data',
    name: 'postgres-credentials',
    ageDays: 33,
    type: 'Opaque',
    data: { POSTGRES_PASSWORD: 'demo-only-postgres-password' },
  },

  // batch
  { kind: 'ServiceAccount', namespace: 'batch', name: 'backup', ageDays: 33 },
  {
    kind: 'Secret',
    namespace: 'batch',
    name: 'backup-s3',
    ageDays: 33,
    type: 'Opaque',
    data: { AWS_ACCESS_KEY_ID: 'AKIADEMOONLY', AWS_SECRET_ACCESS_KEY: 'demo-only-secret-key' },
  },

  // billing: new, PodSecurity `restricted`, a LimitRange and a small quota, Secrets hidden from us
  {
    kind: 'ConfigMap',
    namespace: 'billing',
    name: 'billing-api-config',
    ageDays: 2,
    data: { DATABASE_HOST: 'postgres.data.svc.cluster.local', CURRENCY: 'EUR' },
  },
  {
    kind: 'Secret',
    namespace: 'billing',
    name: 'billing-db',
    ageDays: 2,
    type: 'Opaque',
    data: { password: 'demo-only-billing-password' },
  },
  { kind: 'ServiceAccount', namespace: 'billing', name: 'billing-api', ageDays: 2 },
  {
    kind: 'LimitRange',
    namespace: 'billing',
    name: 'billing-limits',
    ageDays: 2,
    fields: {
      spec: {
        limits: [
          {
            type: 'Container',
            max: { cpu: '2', memory: '1Gi' },
            min: { cpu: '50m', memory: '64Mi' },
            default: { cpu: '500m', memory: '512Mi' },
            defaultRequest: { cpu: '100m', memory: '256Mi' },
          },
        ],
      },
    },
  },
  {
    kind: 'ResourceQuota',
    namespace: 'billing',
    name: 'billing-quota',
    ageDays: 2,
    fields: {
      spec: { hard: { 'requests.cpu': '2', 'limits.memory': '2Gi', pods: '10' } },
      status: {
        hard: { 'limits.memory': '2Gi', pods: '10', 'requests.cpu': '2' },
        used: { 'limits.memory': '0', pods: '0', 'requests.cpu': '0' },
      },
    },
  },

  // kube-system
  {
    kind: 'ConfigMap',
    namespace: 'kube-system',
    name: 'coredns',
    ageDays: 41,
    data: {
      Corefile:
        '.:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n    }\n    forward . /etc/resolv.conf\n    cache 30\n}\n',
    },
  },
  { kind: 'ServiceAccount', namespace: 'kube-system', name: 'coredns', ageDays: 41 },
  { kind: 'ServiceAccount', namespace: 'kube-system', name: 'kube-proxy', ageDays: 41 },
];

/** Where each kind is stored, and the tag its uids are derived from. */
const STORED_AS: Readonly<Record<NamespaceObject['kind'], readonly [bucket: string, uidTag: string]>> = {
  ConfigMap: ['configmaps', 'cm'],
  Secret: ['secrets', 'secret'],
  ServiceAccount: ['serviceaccounts', 'sa'],
  ResourceQuota: ['resourcequotas', 'quota'],
  LimitRange: ['limitranges', 'limits'],
  PersistentVolumeClaim: ['persistentvolumeclaims', 'pvc'],
};

function namespaceObject(startMs: number, o: NamespaceObject): Json {
  switch (o.kind) {
    case 'ConfigMap':
      return configMap(startMs, o, o.data);
    case 'Secret':
      return secret(startMs, o, o.type, o.data);
    case 'ServiceAccount':
      return serviceAccount(startMs, o);
    default:
      return {
        apiVersion: 'v1',
        kind: o.kind,
        metadata: {
          ...metadata(startMs, o, STORED_AS[o.kind][1]),
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

  for (const object of NAMESPACE_OBJECTS) put(STORED_AS[object.kind][0], namespaceObject(startMs, object));
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
