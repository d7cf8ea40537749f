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

  // shop
  put(
    'configmaps',
    configMap(
      startMs,
      { namespace: 'shop', name: 'inventory-config', ageDays: 21 },
      {
        // Renamed from DATABASE_URL in the last release; the inventory Deployment still asks for the old key.
        DATABASE_URI: 'postgres://inventory@postgres.data.svc.cluster.local:5432/inventory',
        LOG_LEVEL: 'info',
        CACHE_TTL_SECONDS: '300',
      },
    ),
  );
  put(
    'configmaps',
    configMap(
      startMs,
      { namespace: 'shop', name: 'storefront-config', ageDays: 30 },
      { API_BASE_URL: 'http://checkout.shop.svc.cluster.local', FEATURE_FLAGS: 'new-cart,reviews' },
    ),
  );
  put(
    'secrets',
    secret(startMs, { namespace: 'shop', name: 'orders-db', ageDays: 40 }, 'Opaque', {
      username: 'orders',
      password: 'demo-only-orders-password',
    }),
  );
  put(
    'secrets',
    secret(startMs, { namespace: 'shop', name: 'payments-stripe', ageDays: 38 }, 'Opaque', {
      'api-key': 'sk_test_demo_only',
    }),
  );
  put(
    'secrets',
    secret(
      startMs,
      { namespace: 'shop', name: 'shop-registry', ageDays: 40 },
      'kubernetes.io/dockerconfigjson',
      { '.dockerconfigjson': dockerConfig('registry.example.com', 'shop-ci') },
    ),
  );
  for (const name of ['orders', 'checkout']) {
    put('serviceaccounts', serviceAccount(startMs, { namespace: 'shop', name, ageDays: 40 }));
  }
  put('resourcequotas', {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: metadata(startMs, { namespace: 'shop', name: 'shop-quota', ageDays: 40 }, 'quota'),
    spec: { hard: { 'requests.cpu': '8', 'requests.memory': '8Gi', 'limits.memory': '8Gi', pods: '40' } },
    status: {
      hard: { 'limits.memory': '8Gi', pods: '40', 'requests.cpu': '8', 'requests.memory': '8Gi' },
      // The figure the notifications ReplicaSet's FailedCreate events quote.
      used: { 'limits.memory': '7680Mi', pods: '14', 'requests.cpu': '3350m', 'requests.memory': '6784Mi' },
    },
  });

  // default
  put(
    'configmaps',
    configMap(
      startMs,
      { namespace: 'default', name: 'web-config', ageDays: 30 },
      { 'nginx.conf': 'server {\n  listen 80;\n  location / { root /usr/share/nginx/html; }\n}\n' },
    ),
  );
  put(
    'secrets',
    secret(
      startMs,
      { namespace: 'default', name: 'registry-credentials', ageDays: 41 },
      'kubernetes.io/dockerconfigjson',
      { '.dockerconfigjson': dockerConfig('registry.example.com', 'default-ci') },
    ),
  );
  put(
    'secrets',
    secret(startMs, { namespace: 'default', name: 'api-tls', ageDays: 20 }, 'kubernetes.io/tls', {
      'tls.crt': '-----BEGIN CERTIFICATE-----\ndemo\n-----END CERTIFICATE-----\n',
      'tls.key': '-----BEGIN PRIVATE KEY-----\ndemo\n-----END PRIVATE KEY-----\n',
    }),
  );

  // data: the StatefulSet's claim, waiting for a StorageClass that does not exist
  put('persistentvolumeclaims', {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      ...metadata(startMs, { namespace: 'data', name: 'data-postgres-0', ageDays: 0 }, 'pvc'),
      labels: { app: 'postgres' },
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'fast-ssd',
      resources: { requests: { storage: '50Gi' } },
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Pending' },
  });
  put('persistentvolumeclaims', {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      ...metadata(startMs, { namespace: 'data', name: 'backups', ageDays: 30 }, 'pvc'),
      annotations: { 'pv.kubernetes.io/bind-completed': 'yes' },
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'standard-rwo',
      resources: { requests: { storage: '100Gi' } },
      volumeMode: 'Filesystem',
      volumeName: 'pvc-3f6c1d2e-9a7b-4c1e-8f0a-5b2d7e9c4a11',
    },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '100Gi' } },
  });
  put(
    'secrets',
    secret(startMs, { namespace: 'data', name: 'postgres-credentials', ageDays: 33 }, 'Opaque', {
      POSTGRES_PASSWORD: 'demo-only-postgres-password',
    }),
  );

  // batch
  put('serviceaccounts', serviceAccount(startMs, { namespace: 'batch', name: 'backup', ageDays: 33 }));
  put(
    'secrets',
    secret(startMs, { namespace: 'batch', name: 'backup-s3', ageDays: 33 }, 'Opaque', {
      AWS_ACCESS_KEY_ID: 'AKIADEMOONLY',
      AWS_SECRET_ACCESS_KEY: 'demo-only-secret-key',
    }),
  );

  // billing: new, PodSecurity `restricted`, a LimitRange and a small quota, Secrets hidden from us
  put(
    'configmaps',
    configMap(
      startMs,
      { namespace: 'billing', name: 'billing-api-config', ageDays: 2 },
      { DATABASE_HOST: 'postgres.data.svc.cluster.local', CURRENCY: 'EUR' },
    ),
  );
  put(
    'secrets',
    secret(startMs, { namespace: 'billing', name: 'billing-db', ageDays: 2 }, 'Opaque', {
      password: 'demo-only-billing-password',
    }),
  );
  put('serviceaccounts', serviceAccount(startMs, { namespace: 'billing', name: 'billing-api', ageDays: 2 }));
  put('limitranges', {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: metadata(startMs, { namespace: 'billing', name: 'billing-limits', ageDays: 2 }, 'limits'),
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
  });
  put('resourcequotas', {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: metadata(startMs, { namespace: 'billing', name: 'billing-quota', ageDays: 2 }, 'quota'),
    spec: { hard: { 'requests.cpu': '2', 'limits.memory': '2Gi', pods: '10' } },
    status: {
      hard: { 'limits.memory': '2Gi', pods: '10', 'requests.cpu': '2' },
      used: { 'limits.memory': '0', pods: '0', 'requests.cpu': '0' },
    },
  });

  // kube-system
  put(
    'configmaps',
    configMap(
      startMs,
      { namespace: 'kube-system', name: 'coredns', ageDays: 41 },
      {
        Corefile:
          '.:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n    }\n    forward . /etc/resolv.conf\n    cache 30\n}\n',
      },
    ),
  );
  for (const name of ['coredns', 'kube-proxy']) {
    put('serviceaccounts', serviceAccount(startMs, { namespace: 'kube-system', name, ageDays: 41 }));
  }

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
