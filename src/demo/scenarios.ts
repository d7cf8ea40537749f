import { createHash } from 'node:crypto';
import { condition, iso, metaOf, specOf, statusOf } from './build';
import {
  addDeployment,
  addJob,
  addStatefulSet,
  NODE_C_LOST_AGO_S,
  NODES,
  type Owner,
} from './cluster-objects';
import {
  containerStatus,
  fieldPath,
  playCrashLoop,
  podConditions,
  podSkeleton,
  recordScheduled,
  recordStart,
  running,
  terminated,
  waiting,
  type CrashLoop,
  type PodPlan,
} from './pods';
import type { Json } from './selectors';
import type { EventSeed, World } from './world';

/**
 * The demo workloads: one pod for each failure scenario in docs/domain.md and the variants the
 * diagnosis engine must tell apart, plus healthy, completed, starting and terminating pods.
 * Each pod spec matches the manifest of the same name under sample/, mistakes included.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;

interface Ctx {
  world: World;
  startMs: number;
}

function put(world: World, pod: Json): Json {
  return world.store.put('pods', pod);
}

/** Events that keep repeating while the cause lasts, as the kubelet and scheduler retry. */
function repeatEvent(
  ctx: Ctx,
  pod: Json,
  seed: EventSeed,
  firstMs: number,
  everyMs: number,
  count: number,
): void {
  const { world } = ctx;
  const ns = String(metaOf(pod).namespace);
  const name = String(metaOf(pod).name);
  const lastMs = firstMs + (count - 1) * everyMs;
  world.recordEvent(pod, { ...seed, count, firstMs }, lastMs);
  world.every(lastMs + everyMs, everyMs, (at) => {
    const current = world.pod(ns, name);
    if (!current) return false;
    world.recordEvent(current, seed, at);
    return true;
  });
}

function occurrences(sinceMs: number, untilMs: number, everyMs: number): number {
  return Math.max(1, Math.floor((untilMs - sinceMs) / everyMs));
}

const pullFailed = (image: string, error: string): EventSeed[] => [
  { reason: 'Failed', type: 'Warning', message: `Failed to pull image "${image}": ${error}` },
  { reason: 'Failed', type: 'Warning', message: 'Error: ErrImagePull' },
  { reason: 'BackOff', message: `Back-off pulling image "${image}"` },
  { reason: 'Failed', type: 'Warning', message: 'Error: ImagePullBackOff' },
];

/**
 * Adds a one-replica Deployment and returns the plan of its one pod on `placement`. Its pod is
 * not ready unless `ready` says so, as in every scenario but the flapping ones.
 */
function singlePodDeployment(
  ctx: Ctx,
  deployment: { namespace: string; name: string; createdMs: number; spec: Json; ready?: boolean },
  placement: Pick<PodPlan, 'node' | 'ipSuffix'> = {},
): PodPlan {
  const { namespace, name, createdMs, spec } = deployment;
  const owner = addDeployment(ctx.world, {
    namespace,
    name,
    createdMs,
    replicas: 1,
    readyReplicas: deployment.ready ? 1 : 0,
    podSpec: spec,
  });
  return { namespace, owner, ...placement, createdMs, spec };
}

// --- scenario 10: OOMKilled JVM whose -Xmx is larger than the memory limit -------------------

function checkout(ctx: Ctx): void {
  const createdMs = ctx.startMs - 3 * HOUR - 12 * MIN;
  const spec = {
    containers: [
      {
        name: 'checkout',
        image: 'registry.example.com/shop/checkout:4.2.0',
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        env: [
          { name: 'JAVA_TOOL_OPTIONS', value: '-Xms1g -Xmx1g' },
          { name: 'SPRING_PROFILES_ACTIVE', value: 'production' },
        ],
        resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } },
        readinessProbe: {
          httpGet: { path: '/actuator/health/readiness', port: 8080, scheme: 'HTTP' },
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'shop', name: 'checkout', createdMs, spec },
    { node: 'a', ipSuffix: 14 },
  );
  crashLooper(ctx, plan, {
    container: 'checkout',
    runSeconds: 48,
    exitCode: 137,
    reason: 'OOMKilled',
    script: [
      [0, 'Picked up JAVA_TOOL_OPTIONS: -Xms1g -Xmx1g'],
      [2, ''],
      [2, '  .   ____          _            __ _ _'],
      [2, " /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\"],
      [2, "( ( )\\___ | '_ | '_| | '_ \\/ _` | \\ \\ \\ \\"],
      [2, ' \\\\/  ___)| |_)| | | | | || (_| |  ) ) ) )'],
      [2, "  '  |____| .__|_| |_|_| |_\\__, | / / / /"],
      [2, ' =========|_|==============|___/=/_/_/_/'],
      [2, ' :: Spring Boot ::                (v3.3.5)'],
      [
        3,
        '%T  INFO 1 --- [checkout] [           main] c.e.shop.checkout.CheckoutApplication    : Starting CheckoutApplication v4.2.0 using Java 21.0.5 with PID 1',
      ],
      [
        3,
        '%T  INFO 1 --- [checkout] [           main] c.e.shop.checkout.CheckoutApplication    : The following 1 profile is active: "production"',
      ],
      [
        9,
        '%T  INFO 1 --- [checkout] [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat initialized with port 8080 (http)',
      ],
      [
        14,
        '%T  INFO 1 --- [checkout] [           main] c.e.shop.checkout.cache.PriceCache       : Warming price cache from catalog (2,418,332 entries)',
      ],
      [
        31,
        '%T  INFO 1 --- [checkout] [           main] c.e.shop.checkout.cache.PriceCache       : Price cache: 1,200,000 entries loaded, heap used 402 MB',
      ],
      [
        44,
        '%T  WARN 1 --- [checkout] [           main] c.e.shop.checkout.cache.PriceCache       : Price cache: 2,000,000 entries loaded, heap used 611 MB',
      ],
    ],
  });
}

// --- scenario 9, exit 1: the application fails on start-up ------------------------------------

function payments(ctx: Ctx): void {
  const createdMs = ctx.startMs - 2 * MIN;
  const spec = {
    containers: [
      {
        name: 'payments',
        image: 'registry.example.com/shop/payments:2.7.3',
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        env: [{ name: 'DB_HOST', value: 'postgres.shop.svc.cluster.local' }],
        resources: { requests: { cpu: '250m', memory: '768Mi' }, limits: { memory: '768Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'shop', name: 'payments', createdMs, spec },
    { node: 'b', ipSuffix: 22 },
  );
  crashLooper(ctx, plan, {
    container: 'payments',
    runSeconds: 6,
    exitCode: 1,
    reason: 'Error',
    script: [
      [0, '%D INFO  [main] c.e.payments.PaymentsApplication - Starting PaymentsApplication v2.7.3'],
      [3, '%D INFO  [main] com.zaxxer.hikari.HikariDataSource - HikariPool-1 - Starting...'],
      [5, '%D ERROR [main] o.s.boot.SpringApplication - Application run failed'],
      [
        5,
        "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource' defined in class path resource [com/example/payments/config/DataSourceConfig.class]: Failed to instantiate [javax.sql.DataSource]",
      ],
      [
        5,
        '\tat org.springframework.beans.factory.support.ConstructorResolver.instantiate(ConstructorResolver.java:648)',
      ],
      [5, '\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:335)'],
      [5, '\tat com.example.payments.PaymentsApplication.main(PaymentsApplication.java:12)'],
      [
        5,
        'Caused by: com.zaxxer.hikari.pool.HikariPool$PoolInitializationException: Failed to initialize pool: The connection attempt failed.',
      ],
      [5, '\tat com.zaxxer.hikari.pool.HikariPool.throwPoolInitializationException(HikariPool.java:596)'],
      [5, 'Caused by: java.net.UnknownHostException: postgres.shop.svc.cluster.local'],
      [5, '\tat java.base/sun.nio.ch.NioSocketImpl.connect(NioSocketImpl.java:567)'],
      [5, '\tat org.postgresql.core.PGStream.createSocket(PGStream.java:243)'],
      [5, '\t... 42 common frames omitted'],
    ],
  });
}

// --- scenario 8: the liveness probe kills the container (exit 137, not OOM) --------------------

function api(ctx: Ctx): void {
  const createdMs = ctx.startMs - 47 * MIN;
  const spec = {
    containers: [
      {
        name: 'api',
        image: 'ghcr.io/example/orders-api:1.14.2',
        ports: [{ containerPort: 8000, name: 'http', protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
        livenessProbe: {
          httpGet: { path: '/healthz', port: 8000, scheme: 'HTTP' },
          initialDelaySeconds: 10,
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'default', name: 'api', createdMs, spec },
    { node: 'a', ipSuffix: 31 },
  );
  crashLooper(ctx, plan, {
    container: 'api',
    runSeconds: 41,
    exitCode: 137,
    reason: 'Error',
    onEnd: [
      {
        reason: 'Unhealthy',
        type: 'Warning',
        message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
      },
      { reason: 'Killing', message: 'Container api failed liveness probe, will be restarted' },
    ],
    script: [
      [0, 'INFO:     Started server process [1]'],
      [0, 'INFO:     Waiting for application startup.'],
      [1, 'INFO:     Application startup complete.'],
      [1, 'INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)'],
      [10, 'ERROR:    health check failed: redis.default.svc.cluster.local:6379: Connection refused'],
      [10, 'INFO:     10.244.1.1:51234 - "GET /healthz HTTP/1.1" 500 Internal Server Error'],
      [20, 'ERROR:    health check failed: redis.default.svc.cluster.local:6379: Connection refused'],
      [20, 'INFO:     10.244.1.1:51250 - "GET /healthz HTTP/1.1" 500 Internal Server Error'],
      [30, 'ERROR:    health check failed: redis.default.svc.cluster.local:6379: Connection refused'],
      [30, 'INFO:     10.244.1.1:51266 - "GET /healthz HTTP/1.1" 500 Internal Server Error'],
      [30, 'INFO:     Shutting down'],
    ],
  });
}

// --- scenario 9, exit 0 under restartPolicy Always: the process daemonises and exits ----------

function worker(ctx: Ctx): void {
  const createdMs = ctx.startMs - 26 * MIN;
  const spec = {
    containers: [
      {
        name: 'worker',
        image: 'registry.example.com/tools/queue-worker:0.9.1',
        command: ['/bin/sh', '-c'],
        args: ['nohup /opt/worker/bin/worker --queue=emails > /var/log/worker.log 2>&1 &'],
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'default', name: 'worker', createdMs, spec },
    { node: 'b', ipSuffix: 17 },
  );
  crashLooper(ctx, plan, {
    container: 'worker',
    runSeconds: 1,
    exitCode: 0,
    reason: 'Completed',
    script: [],
  });
}

// --- scenario 4/9, exit 127: the entrypoint cannot be executed --------------------------------

function reportGen(ctx: Ctx): void {
  const createdMs = ctx.startMs - 71 * MIN;
  const spec = {
    containers: [
      {
        name: 'report-gen',
        image: 'registry.example.com/reports/report-gen:5.0.0-alpine',
        command: ['/app/server'],
        args: ['--listen=:8080'],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'default', name: 'report-gen', createdMs, spec },
    { node: 'a', ipSuffix: 40 },
  );
  crashLooper(ctx, plan, {
    container: 'report-gen',
    runSeconds: 0,
    exitCode: 127,
    reason: 'Error',
    script: [[0, 'exec /app/server: no such file or directory']],
  });
}

// --- scenario 4/9, exit 126: the script is not executable -------------------------------------

function thumbnailer(ctx: Ctx): void {
  const createdMs = ctx.startMs - 38 * MIN;
  const spec = {
    containers: [
      {
        name: 'thumbnailer',
        image: 'registry.example.com/media/thumbnailer:1.3.0',
        command: ['/app/entrypoint.sh'],
        resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'default', name: 'thumbnailer', createdMs, spec },
    { node: 'b', ipSuffix: 41 },
  );
  crashLooper(ctx, plan, {
    container: 'thumbnailer',
    runSeconds: 0,
    exitCode: 126,
    reason: 'Error',
    script: [[0, 'exec /app/entrypoint.sh: permission denied']],
  });
}

// --- scenario 6: the postStart hook fails, the kubelet kills the container --------------------

function cache(ctx: Ctx): void {
  const createdMs = ctx.startMs - 19 * MIN;
  const spec = {
    containers: [
      {
        name: 'redis',
        image: 'redis:7.4.1',
        ports: [{ containerPort: 6379, name: 'redis', protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } },
        lifecycle: { postStart: { exec: { command: ['/bin/sh', '-c', '/scripts/warm-cache.sh'] } } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'default', name: 'cache', createdMs, spec },
    { node: 'a', ipSuffix: 45 },
  );
  crashLooper(ctx, plan, {
    container: 'redis',
    runSeconds: 2,
    exitCode: 0,
    reason: 'Completed',
    onEnd: [
      { reason: 'FailedPostStartHook', type: 'Warning', message: 'PostStartHook failed' },
      { reason: 'Killing', message: 'FailedPostStartHook' },
    ],
    script: [
      [0, '1:C %R * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'],
      [0, '1:C %R * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started'],
      [0, '1:M %R * Running mode=standalone, port=6379.'],
      [0, '1:M %R * Server initialized'],
      [0, '1:M %R * Ready to accept connections tcp'],
      [1, '1:signal-handler (%S) Received SIGTERM scheduling shutdown...'],
      [1, '1:M %R * User requested shutdown...'],
      [1, '1:M %R # Redis is now ready to exit, bye bye...'],
    ],
  });
}

// --- scenario 5: an init container fails (Init:CrashLoopBackOff) ------------------------------

function orders(ctx: Ctx): void {
  const createdMs = ctx.startMs - 54 * MIN;
  const spec = {
    initContainers: [
      {
        name: 'migrate',
        image: 'registry.example.com/shop/orders-migrate:3.1.0',
        command: [
          'psql',
          '-h',
          'postgres.data.svc.cluster.local',
          '-U',
          'orders',
          '-f',
          '/migrations/V42__add_refunds.sql',
        ],
        env: [{ name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } }],
      },
    ],
    containers: [
      {
        name: 'orders',
        image: 'registry.example.com/shop/orders:3.1.0',
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '512Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'shop', name: 'orders', createdMs, spec },
    { node: 'b', ipSuffix: 52 },
  );
  crashLooper(ctx, plan, {
    container: 'migrate',
    init: true,
    waitingMain: ['orders'],
    runSeconds: 1,
    exitCode: 2,
    reason: 'Error',
    script: [
      [
        0,
        'psql: error: connection to server at "postgres.data.svc.cluster.local" (10.96.114.20), port 5432 failed: FATAL:  password authentication failed for user "orders"',
      ],
    ],
  });
}

/** A pod whose one container (or init container) crash-loops from `createdMs` on. */
function crashLooper(ctx: Ctx, plan: PodPlan, loop: CrashLoop): void {
  const { world } = ctx;
  const pod = podSkeleton(plan);
  const scheduledMs = plan.createdMs + 150;
  const init = loop.init ?? false;
  const status = statusOf(pod);
  status.conditions = podConditions({
    scheduledMs,
    sandboxReadyMs: scheduledMs + 2000,
    readyMs: scheduledMs,
    ready: false,
    notReady: init ? (loop.waitingMain ?? []) : [loop.container],
    ...(init ? { initPending: [loop.container] } : {}),
  });
  if (init) {
    status.initContainerStatuses = [
      containerStatus(pod, loop.container, { state: waiting('PodInitializing'), created: false }),
    ];
    status.containerStatuses = (loop.waitingMain ?? []).map((c) =>
      containerStatus(pod, c, { state: waiting('PodInitializing'), created: false }),
    );
  } else {
    status.containerStatuses = [
      containerStatus(pod, loop.container, { state: waiting('ContainerCreating'), created: false }),
    ];
  }
  const stored = put(world, pod);
  recordScheduled(world, stored, scheduledMs);
  playCrashLoop(world, plan.namespace, String(metaOf(stored).name), loop, scheduledMs + 2500);
}

/**
 * Stores a pod, scheduled `scheduledAfterMs` after its creation, whose one container never
 * started and waits in `state`. Without `sandboxAfterMs` the pod sandbox never came up, so the
 * pod has no IP either.
 */
function waitingPod(
  ctx: Ctx,
  plan: PodPlan,
  container: string,
  state: Json,
  timing: { scheduledAfterMs: number; sandboxAfterMs?: number },
): { stored: Json; scheduledMs: number } {
  const pod = podSkeleton(plan);
  const scheduledMs = plan.createdMs + timing.scheduledAfterMs;
  const status = statusOf(pod);
  if (timing.sandboxAfterMs === undefined) {
    delete status.podIP;
    delete status.podIPs;
  }
  status.conditions = podConditions({
    scheduledMs,
    ...(timing.sandboxAfterMs === undefined ? {} : { sandboxReadyMs: scheduledMs + timing.sandboxAfterMs }),
    readyMs: scheduledMs,
    ready: false,
    notReady: [container],
  });
  status.containerStatuses = [containerStatus(pod, container, { state, created: false })];
  const stored = put(ctx.world, pod);
  recordScheduled(ctx.world, stored, scheduledMs);
  return { stored, scheduledMs };
}

// --- scenario 2: image pull fails — tag not found, and a private registry without credentials -

function imagePullPod(
  ctx: Ctx,
  plan: PodPlan,
  container: string,
  error: string,
  waitingSinceMs: number,
): void {
  const image = String(((plan.spec.containers as Json[])[0] as Json).image);
  const { stored, scheduledMs } = waitingPod(
    ctx,
    plan,
    container,
    waiting('ImagePullBackOff', `Back-off pulling image "${image}": ErrImagePull: ${error}`),
    { scheduledAfterMs: 200, sandboxAfterMs: 1800 },
  );
  const path = fieldPath(container);
  const every = 5 * MIN;
  const n = occurrences(waitingSinceMs, ctx.startMs, every);
  repeatEvent(
    ctx,
    stored,
    { reason: 'Pulling', message: `Pulling image "${image}"`, fieldPath: path },
    scheduledMs + 2000,
    every,
    n,
  );
  for (const seed of pullFailed(image, error)) {
    repeatEvent(
      ctx,
      stored,
      { ...seed, fieldPath: path },
      scheduledMs + 3000,
      seed.reason === 'BackOff' ? 20_000 : every,
      seed.reason === 'BackOff' ? occurrences(waitingSinceMs, ctx.startMs, 20_000) : n,
    );
  }
}

function cart(ctx: Ctx): void {
  const createdMs = ctx.startMs - 35 * MIN;
  const image = 'ghcr.io/example-shop/cart:2.3.1';
  const spec = {
    containers: [
      {
        name: 'cart',
        image,
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'shop', name: 'cart', createdMs, spec },
    { node: 'b', ipSuffix: 61 },
  );
  imagePullPod(
    ctx,
    plan,
    'cart',
    `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`,
    createdMs,
  );
}

function recommendations(ctx: Ctx): void {
  const createdMs = ctx.startMs - 2 * HOUR - 5 * MIN;
  const image = 'registry.example.com/ml/recommender:1.8.0';
  const spec = {
    containers: [
      {
        name: 'recommender',
        image,
        ports: [{ containerPort: 9000, name: 'grpc', protocol: 'TCP' }],
        resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '1Gi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'shop', name: 'recommendations', createdMs, spec },
    { node: 'a', ipSuffix: 62 },
  );
  imagePullPod(
    ctx,
    plan,
    'recommender',
    `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`,
    createdMs,
  );
}

// --- scenario 3: a missing ConfigMap key, and a missing ConfigMap volume ----------------------

function inventory(ctx: Ctx): void {
  const createdMs = ctx.startMs - 14 * MIN;
  const spec = {
    containers: [
      {
        name: 'inventory',
        image: 'registry.example.com/shop/inventory:1.22.0',
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        env: [
          {
            name: 'DATABASE_URL',
            valueFrom: { configMapKeyRef: { name: 'inventory-config', key: 'DATABASE_URL' } },
          },
        ],
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'shop', name: 'inventory', createdMs, spec },
    { node: 'a', ipSuffix: 70 },
  );
  const message = "couldn't find key DATABASE_URL in ConfigMap shop/inventory-config";
  const { stored, scheduledMs } = waitingPod(
    ctx,
    plan,
    'inventory',
    waiting('CreateContainerConfigError', message),
    { scheduledAfterMs: 120, sandboxAfterMs: 1900 },
  );
  const every = 15_000;
  const n = occurrences(scheduledMs, ctx.startMs, every);
  repeatEvent(
    ctx,
    stored,
    {
      reason: 'Pulled',
      message: 'Container image "registry.example.com/shop/inventory:1.22.0" already present on machine',
      fieldPath: fieldPath('inventory'),
    },
    scheduledMs + 2000,
    every,
    n,
  );
  repeatEvent(
    ctx,
    stored,
    { reason: 'Failed', type: 'Warning', message: `Error: ${message}`, fieldPath: fieldPath('inventory') },
    scheduledMs + 2000,
    every,
    n,
  );
}

function legacyBilling(ctx: Ctx): void {
  const createdMs = ctx.startMs - 9 * MIN;
  const spec = {
    containers: [
      {
        name: 'billing',
        image: 'registry.example.com/finance/legacy-billing:2019.4',
        volumeMounts: [{ name: 'config', mountPath: '/etc/billing' }],
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } },
      },
    ],
    volumes: [{ name: 'config', configMap: { name: 'billing-config', defaultMode: 420 } }],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'default', name: 'legacy-billing', createdMs, spec },
    { node: 'b', ipSuffix: 71 },
  );
  const { stored, scheduledMs } = waitingPod(ctx, plan, 'billing', waiting('ContainerCreating'), {
    scheduledAfterMs: 90,
  });
  repeatEvent(
    ctx,
    stored,
    {
      reason: 'FailedMount',
      type: 'Warning',
      message: 'MountVolume.SetUp failed for volume "config" : configmap "billing-config" not found',
    },
    scheduledMs + 500,
    2 * MIN + 2000,
    occurrences(scheduledMs, ctx.startMs, 2 * MIN + 2000) + 3,
  );
}

// --- sandbox: the CNI plugin cannot set up the pod network ------------------------------------

function metricsProxy(ctx: Ctx): void {
  const { world } = ctx;
  const createdMs = ctx.startMs - 6 * MIN;
  const spec = {
    containers: [
      {
        name: 'proxy',
        image: 'registry.example.com/observability/metrics-proxy:0.4.2',
        ports: [{ containerPort: 9090, name: 'metrics', protocol: 'TCP' }],
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'default', name: 'metrics-proxy', createdMs, spec },
    { node: 'a' },
  );
  const { stored, scheduledMs } = waitingPod(ctx, plan, 'proxy', waiting('ContainerCreating'), {
    scheduledAfterMs: 80,
  });
  const every = 15_000;
  const sandboxId = (n: number): string =>
    createHash('sha256')
      .update(`${String(metaOf(stored).uid)}/${n}`)
      .digest('hex');
  const sandbox = (n: number): string =>
    `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sandboxId(n)}": plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized`;
  // client-go records the first similar events one by one, then folds the rest into one event.
  const attempt = (n: number): EventSeed =>
    n < 10
      ? { reason: 'FailedCreatePodSandBox', type: 'Warning', message: sandbox(n) }
      : {
          reason: 'FailedCreatePodSandBox',
          type: 'Warning',
          message: `(combined from similar events): ${sandbox(n)}`,
          aggregate: true,
        };
  const attempts = occurrences(scheduledMs, ctx.startMs, every);
  for (let n = 1; n <= attempts; n++)
    world.recordEvent(stored, attempt(n), ctx.startMs - (attempts - n) * every);
  let serial = attempts;
  world.every(ctx.startMs + every, every, (at) => {
    const current = world.pod('default', String(metaOf(stored).name));
    if (!current) return false;
    serial++;
    world.recordEvent(current, attempt(serial), at);
    return true;
  });
}

// --- scenario 1: the scheduler cannot place the pod -------------------------------------------

const TAINTED = '1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }';

function pendingPod(ctx: Ctx, plan: PodPlan, message: string): void {
  const pod = podSkeleton(plan);
  statusOf(pod).conditions = podConditions({
    readyMs: plan.createdMs + 100,
    ready: false,
    unschedulable: message,
  });
  const stored = put(ctx.world, pod);
  repeatEvent(
    ctx,
    stored,
    { reason: 'FailedScheduling', type: 'Warning', message, component: 'default-scheduler' },
    plan.createdMs + 100,
    5 * MIN,
    occurrences(plan.createdMs, ctx.startMs, 5 * MIN),
  );
}

function searchIndexer(ctx: Ctx): void {
  const createdMs = ctx.startMs - 22 * MIN;
  const spec = {
    containers: [
      {
        name: 'indexer',
        image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.3',
        resources: { requests: { cpu: '6', memory: '8Gi' }, limits: { cpu: '6', memory: '8Gi' } },
      },
    ],
  };
  const plan = singlePodDeployment(ctx, { namespace: 'shop', name: 'search-indexer', createdMs, spec });
  pendingPod(
    ctx,
    plan,
    `0/3 nodes are available: ${TAINTED}, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
  );
}

function gpuTrainer(ctx: Ctx): void {
  const createdMs = ctx.startMs - 3 * HOUR - 40 * MIN;
  const spec = {
    restartPolicy: 'Never',
    nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' },
    containers: [
      {
        name: 'trainer',
        image: 'registry.example.com/ml/trainer:2024.11',
        command: ['python', '-m', 'trainer.fit', '--epochs=40'],
        resources: {
          requests: { cpu: '2', memory: '8Gi' },
          limits: { memory: '8Gi', 'nvidia.com/gpu': '1' },
        },
      },
    ],
  };
  const owner = addJob(ctx.world, {
    namespace: 'batch',
    name: 'train-recommender',
    createdMs,
    replicas: 1,
    readyReplicas: 0,
    podSpec: spec,
    backoffLimit: 2,
  });
  pendingPod(
    ctx,
    { namespace: 'batch', owner, createdMs, spec },
    `0/3 nodes are available: ${TAINTED}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
  );
}

function postgres(ctx: Ctx): void {
  const createdMs = ctx.startMs - 5 * HOUR;
  const spec = {
    containers: [
      {
        name: 'postgres',
        image: 'postgres:16.4',
        ports: [{ containerPort: 5432, name: 'postgres', protocol: 'TCP' }],
        env: [{ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' }],
        volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
        resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '1Gi' } },
      },
    ],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-postgres-0' } }],
  };
  // The StatefulSet's template gets its volume from volumeClaimTemplates; only the pod names the claim.
  const { volumes: _claims, ...templateSpec } = spec;
  const owner = addStatefulSet(ctx.world, {
    namespace: 'data',
    name: 'postgres',
    serviceName: 'postgres',
    createdMs,
    replicas: 1,
    readyReplicas: 0,
    podSpec: templateSpec,
    volumeClaimTemplates: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'fast-ssd',
          resources: { requests: { storage: '50Gi' } },
          volumeMode: 'Filesystem',
        },
      },
    ],
  });
  pendingPod(
    ctx,
    { namespace: 'data', name: 'postgres-0', owner, createdMs, spec, labels: { app: 'postgres' } },
    '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
}

/** The pod is never created: the ReplicaSet controller's FailedCreate event says why. */
function notifications(ctx: Ctx): void {
  const { world } = ctx;
  const createdMs = ctx.startMs - 31 * MIN;
  const spec = {
    containers: [
      {
        name: 'notifications',
        image: 'registry.example.com/shop/notifications:1.4.0',
        resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } },
      },
    ],
  };
  const owner = addDeployment(world, {
    namespace: 'shop',
    name: 'notifications',
    createdMs,
    replicas: 1,
    readyReplicas: 0,
    currentReplicas: 0,
    podSpec: spec,
  });
  const rs = world.store.get('replicasets', 'shop', owner.name);
  if (!rs) return;
  world.store.update('replicasets', 'shop', owner.name, (r) => {
    statusOf(r).conditions = [
      {
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: iso(createdMs + 200),
        reason: 'FailedCreate',
        message: quotaMessage(owner, 'x7k2p'),
      },
    ];
  });
  const seeds = ['x7k2p', 'q9d4m', 'fz6wl', 'r2b8n', 'kt5hc'];
  seeds.forEach((suffix, i) => {
    world.recordEvent(
      rs,
      {
        reason: 'FailedCreate',
        type: 'Warning',
        message: `Error creating: ${quotaMessage(owner, suffix)}`,
        component: 'replicaset-controller',
      },
      createdMs + 200 + i * 1000,
    );
  });
  const repeat = {
    reason: 'FailedCreate',
    type: 'Warning' as const,
    message: `Error creating: ${quotaMessage(owner, 'w4j7s')}`,
    component: 'replicaset-controller',
  };
  repeatEvent(
    ctx,
    rs,
    repeat,
    createdMs + 8000,
    5 * MIN + 30_000,
    occurrences(createdMs, ctx.startMs, 5 * MIN + 30_000),
  );
}

function quotaMessage(owner: Owner, suffix: string): string {
  return `pods "${owner.podPrefix}${suffix}" is forbidden: exceeded quota: shop-quota, requested: limits.memory=1Gi, used: limits.memory=7680Mi, limited: limits.memory=8Gi`;
}

// --- scenario 7: readiness fails — wrong port, and a probe too aggressive that flaps ---------

function runningPod(
  ctx: Ctx,
  plan: PodPlan,
  opts: { ready: boolean; startedMs?: number; restartCount?: number },
): Json {
  const pod = podSkeleton(plan);
  const scheduledMs = plan.createdMs + 100;
  const startedMs = opts.startedMs ?? scheduledMs + 2500;
  const names = ((specOf(pod).containers as Json[]) ?? []).map((c) => String(c.name));
  const status = statusOf(pod);
  status.phase = 'Running';
  status.conditions = podConditions({
    scheduledMs,
    sandboxReadyMs: scheduledMs + 1500,
    readyMs: opts.ready ? startedMs + 5000 : startedMs,
    ready: opts.ready,
    notReady: names,
  });
  status.containerStatuses = names.map((name) =>
    containerStatus(pod, name, {
      state: running(startedMs),
      ready: opts.ready,
      restartCount: opts.restartCount ?? 0,
      created: true,
    }),
  );
  const stored = put(ctx.world, pod);
  recordScheduled(ctx.world, stored, scheduledMs);
  for (const name of names) recordStart(ctx.world, stored, name, startedMs, false);
  return stored;
}

function frontend(ctx: Ctx): void {
  const createdMs = ctx.startMs - 17 * MIN;
  const spec = {
    containers: [
      {
        name: 'frontend',
        image: 'registry.example.com/web/frontend:3.9.0',
        ports: [{ containerPort: 3000, name: 'http', protocol: 'TCP' }],
        readinessProbe: {
          httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      },
    ],
  };
  const owner = addDeployment(ctx.world, {
    namespace: 'default',
    name: 'frontend',
    createdMs,
    replicas: 1,
    readyReplicas: 0,
    availableReplicas: 0,
    podSpec: spec,
  });
  const pod = runningPod(
    ctx,
    { namespace: 'default', owner, node: 'a', createdMs, spec, ipSuffix: 23 },
    { ready: false },
  );
  const ip = String(statusOf(pod).podIP);
  repeatEvent(
    ctx,
    pod,
    {
      reason: 'Unhealthy',
      type: 'Warning',
      message: `Readiness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`,
      fieldPath: fieldPath('frontend'),
    },
    createdMs + 5000,
    10_000,
    occurrences(createdMs, ctx.startMs, 10_000),
  );
  chattyLog(
    ctx,
    pod,
    'frontend',
    createdMs + 2600,
    7_000,
    (n) =>
      `{"level":"info","time":"%T","msg":"rendered page","path":"/products/${1000 + (n % 37)}","status":200,"ms":${18 + (n % 23)}}`,
  );
}

function search(ctx: Ctx): void {
  const createdMs = ctx.startMs - 4 * HOUR - 3 * MIN;
  const spec = {
    containers: [
      {
        name: 'search',
        image: 'registry.example.com/shop/search-api:6.0.2',
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        readinessProbe: {
          httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
          periodSeconds: 1,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 1,
        },
        resources: { requests: { cpu: '50m', memory: '256Mi' }, limits: { cpu: '100m', memory: '256Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'default', name: 'search', createdMs, spec, ready: true },
    { node: 'b', ipSuffix: 24 },
  );
  const pod = runningPod(ctx, plan, { ready: true });
  const ns = 'default';
  const name = String(metaOf(pod).name);
  const ip = String(statusOf(pod).podIP);
  const seed: EventSeed = {
    reason: 'Unhealthy',
    type: 'Warning',
    message: `Readiness probe failed: Get "http://${ip}:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    fieldPath: fieldPath('search'),
  };
  ctx.world.recordEvent(pod, { ...seed, count: 212, firstMs: createdMs + 40_000 }, ctx.startMs - 25_000);
  let ready = true;
  ctx.world.every(ctx.startMs + 20_000, 20_000, (at) => {
    ready = !ready;
    const updated = ctx.world.updatePod(ns, name, (p) => setReady(p, ready, at, ['search']));
    if (!updated) return false;
    if (!ready) ctx.world.recordEvent(updated, seed, at);
    return true;
  });
}

function setReady(pod: Json, ready: boolean, atMs: number, containers: string[]): void {
  const status = statusOf(pod);
  for (const c of (status.containerStatuses as Json[]) ?? [])
    if (containers.includes(String(c.name))) c.ready = ready;
  const notReady = ((status.containerStatuses as Json[]) ?? [])
    .filter((c) => !c.ready)
    .map((c) => String(c.name));
  const allReady = notReady.length === 0;
  status.conditions = ((status.conditions as Json[]) ?? []).map((c) => {
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') return c;
    if ((c.status === 'True') === allReady) return c;
    return allReady
      ? condition(String(c.type), 'True', atMs)
      : condition(
          String(c.type),
          'False',
          atMs,
          'ContainersNotReady',
          `containers with unready status: [${notReady.join(' ')}]`,
        );
  });
}

// --- healthy, starting, slow-starting (init container + native sidecar) ---------------------

function chattyLog(
  ctx: Ctx,
  pod: Json,
  container: string,
  startedMs: number,
  everyMs: number,
  line: (n: number) => string,
): void {
  const { world } = ctx;
  const meta = metaOf(pod);
  const key = `${String(meta.namespace)}/${String(meta.name)}/${container}`;
  const status = ((statusOf(pod).containerStatuses as Json[]) ?? []).find((c) => c.name === container);
  const stamp = (ms: number, n: number): string =>
    line(n).replace('%T', new Date(ms).toISOString()).replace('%N', nginxTime(ms));
  const firstMs = Math.max(startedMs, ctx.startMs - 200 * everyMs);
  const lines = [];
  let n = 0;
  for (let t = firstMs; t <= ctx.startMs; t += everyMs) lines.push({ ms: t, text: stamp(t, n++) });
  world.logs.startRun(key, String(status?.containerID), lines);
  world.every(firstMs + n * everyMs, everyMs, (at) => {
    if (!world.pod(String(meta.namespace), String(meta.name))) return false;
    world.logs.append(key, { ms: at, text: stamp(at, n++) });
    return true;
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx's $time_local in UTC: `23/Nov/2026:19:27:09 +0000`. */
function nginxTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] ?? ''}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function web(ctx: Ctx): void {
  const createdMs = ctx.startMs - 6 * 86_400_000 - 2 * HOUR;
  const spec = {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27.2',
        ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
        readinessProbe: {
          httpGet: { path: '/', port: 80, scheme: 'HTTP' },
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      },
      {
        name: 'exporter',
        image: 'nginx/nginx-prometheus-exporter:1.3.0',
        args: ['--nginx.scrape-uri=http://localhost:8080/stub_status'],
        ports: [{ containerPort: 9113, name: 'metrics', protocol: 'TCP' }],
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
      },
    ],
  };
  const owner = addDeployment(ctx.world, {
    namespace: 'default',
    name: 'web',
    createdMs,
    replicas: 2,
    readyReplicas: 2,
    podSpec: spec,
  });
  const paths = ['/', '/products', '/cart', '/static/app.js', '/static/app.css', '/api/session'];
  for (const [i, node] of (['a', 'b'] as const).entries()) {
    const pod = runningPod(
      ctx,
      { namespace: 'default', owner, node, createdMs: createdMs + i * 1000, spec, ipSuffix: 5 + i },
      { ready: true },
    );
    chattyLog(ctx, pod, 'nginx', createdMs + 3000, 3_000 + i * 1000, (n) => {
      const path = paths[n % paths.length] ?? '/';
      return `10.244.${i + 1}.1 - - [%N] "GET ${path} HTTP/1.1" 200 ${612 + ((n * 7) % 5000)} "-" "Mozilla/5.0 (X11; Linux x86_64)" "-"`;
    });
    chattyLog(
      ctx,
      pod,
      'exporter',
      createdMs + 3000,
      600_000,
      () => 'time=%T level=INFO msg="Listening on address" address=[::]:9113',
    );
  }
}

function coredns(ctx: Ctx): void {
  const createdMs = ctx.startMs - 41 * 86_400_000;
  const spec = {
    priorityClassName: 'system-cluster-critical',
    containers: [
      {
        name: 'coredns',
        image: 'registry.k8s.io/coredns/coredns:v1.11.3',
        args: ['-conf', '/etc/coredns/Corefile'],
        ports: [
          { containerPort: 53, name: 'dns', protocol: 'UDP' },
          { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
          { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
        ],
        resources: { requests: { cpu: '100m', memory: '70Mi' }, limits: { memory: '170Mi' } },
        livenessProbe: {
          httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 60,
          periodSeconds: 10,
          timeoutSeconds: 5,
          successThreshold: 1,
          failureThreshold: 5,
        },
        readinessProbe: {
          httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' },
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
      },
    ],
  };
  const owner = addDeployment(ctx.world, {
    namespace: 'kube-system',
    name: 'coredns',
    createdMs,
    replicas: 2,
    readyReplicas: 2,
    podSpec: spec,
    labels: { 'k8s-app': 'kube-dns' },
  });
  for (const [i, node] of (['a', 'b'] as const).entries()) {
    const pod = runningPod(
      ctx,
      { namespace: 'kube-system', owner, node, createdMs: createdMs + i * 500, spec, ipSuffix: 2 },
      { ready: true },
    );
    chattyLog(
      ctx,
      pod,
      'coredns',
      createdMs + 3000,
      30_000,
      (n) =>
        `[INFO] 10.244.${i + 1}.${5 + (n % 40)}:${40000 + n} - ${n % 65536} "A IN web.default.svc.cluster.local. udp 47 false 512" NOERROR qr,aa,rd 104 0.000${100 + (n % 800)}s`,
    );
  }
}

/** A rollout in progress: the image is still being pulled; it runs and gets ready ~20 s later. */
function storefront(ctx: Ctx): void {
  const { world } = ctx;
  const createdMs = ctx.startMs - 3000;
  const spec = {
    containers: [
      {
        name: 'storefront',
        image: 'registry.example.com/shop/storefront:8.1.0',
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        readinessProbe: {
          httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 5,
          periodSeconds: 5,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
        resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'shop', name: 'storefront', createdMs, spec },
    { node: 'b', ipSuffix: 80 },
  );
  const pod = podSkeleton(plan);
  const scheduledMs = createdMs + 100;
  statusOf(pod).conditions = podConditions({
    scheduledMs,
    sandboxReadyMs: scheduledMs + 1400,
    readyMs: scheduledMs,
    ready: false,
    notReady: ['storefront'],
  });
  statusOf(pod).containerStatuses = [
    containerStatus(pod, 'storefront', { state: waiting('ContainerCreating'), created: false }),
  ];
  const stored = put(world, pod);
  const name = String(metaOf(stored).name);
  recordScheduled(world, stored, scheduledMs);
  world.recordEvent(
    stored,
    {
      reason: 'Pulling',
      message: `Pulling image "${String((spec.containers[0] as Json).image)}"`,
      fieldPath: fieldPath('storefront'),
    },
    scheduledMs + 1500,
  );
  const startedMs = ctx.startMs + 14_000;
  world.schedule(startedMs, (at) => {
    const updated = world.updatePod('shop', name, (p) => {
      statusOf(p).phase = 'Running';
      statusOf(p).containerStatuses = [
        containerStatus(p, 'storefront', { state: running(at), created: true }),
      ];
    });
    if (!updated) return;
    recordStart(world, updated, 'storefront', at, false, 14);
    const cid = String(((statusOf(updated).containerStatuses as Json[])[0] as Json).containerID);
    world.startLog(
      updated,
      'storefront',
      cid,
      [
        { ms: at + 200, text: `time=${iso(at)} level=INFO msg="storefront 8.1.0 starting" addr=:8080` },
        {
          ms: at + 4200,
          text: `time=${iso(at + 4000)} level=INFO msg="template cache warmed" templates=214`,
        },
        { ms: at + 6100, text: `time=${iso(at + 6000)} level=INFO msg="ready"` },
      ],
      world.now(),
    );
  });
  world.schedule(startedMs + 6500, (at) => {
    world.updatePod('shop', name, (p) => setReady(p, true, at, ['storefront']));
  });
}

/** Init container done, native sidecar running, the app needs ~30 s before it is ready. */
function catalog(ctx: Ctx): void {
  const { world } = ctx;
  const createdMs = ctx.startMs - 12_000;
  const spec = {
    initContainers: [
      {
        name: 'fetch-assets',
        image: 'busybox:1.37',
        command: [
          'sh',
          '-c',
          'wget -q -O /assets/catalog.tar.gz http://assets.shop.svc.cluster.local/catalog.tar.gz && tar -xzf /assets/catalog.tar.gz -C /assets',
        ],
        volumeMounts: [{ name: 'assets', mountPath: '/assets' }],
      },
      {
        name: 'envoy',
        image: 'envoyproxy/envoy:v1.32.1',
        restartPolicy: 'Always',
        ports: [{ containerPort: 15001, name: 'proxy', protocol: 'TCP' }],
        resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      },
    ],
    containers: [
      {
        name: 'catalog',
        image: 'registry.example.com/shop/catalog:7.3.0',
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        volumeMounts: [{ name: 'assets', mountPath: '/srv/assets', readOnly: true }],
        readinessProbe: {
          httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 5,
          periodSeconds: 5,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
        resources: { requests: { cpu: '500m', memory: '768Mi' }, limits: { memory: '768Mi' } },
      },
    ],
    volumes: [{ name: 'assets', emptyDir: {} }],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'shop', name: 'catalog', createdMs, spec },
    { node: 'a', ipSuffix: 33 },
  );
  const pod = podSkeleton(plan);
  const scheduledMs = createdMs + 100;
  const initDoneMs = createdMs + 3500;
  const readyAt = ctx.startMs + 30_000;
  const status = statusOf(pod);
  status.phase = 'Running';
  status.conditions = podConditions({
    scheduledMs,
    sandboxReadyMs: scheduledMs + 1200,
    initializedMs: initDoneMs + 500,
    readyMs: initDoneMs + 600,
    ready: false,
    notReady: ['catalog'],
  });
  status.initContainerStatuses = [
    containerStatus(pod, 'fetch-assets', {
      state: terminated(0, 'Completed', scheduledMs + 1500, initDoneMs),
      created: true,
    }),
    containerStatus(pod, 'envoy', { state: running(initDoneMs + 100), ready: true, created: true }),
  ];
  const fetch = (status.initContainerStatuses as Json[])[0] as Json;
  ((fetch.state as Json).terminated as Json).containerID = fetch.containerID;
  status.containerStatuses = [
    containerStatus(pod, 'catalog', { state: running(initDoneMs + 400), created: true }),
  ];
  const stored = put(world, pod);
  const name = String(metaOf(stored).name);
  recordScheduled(world, stored, scheduledMs);
  recordStart(world, stored, 'fetch-assets', scheduledMs + 1500, true);
  recordStart(world, stored, 'envoy', initDoneMs + 100, true);
  recordStart(world, stored, 'catalog', initDoneMs + 400);
  const catalogId = String(((statusOf(stored).containerStatuses as Json[])[0] as Json).containerID);
  world.startLog(
    stored,
    'catalog',
    catalogId,
    [
      { ms: initDoneMs + 600, text: 'catalog 7.3.0: loading 184,220 products from /srv/assets' },
      { ms: initDoneMs + 12_000, text: 'catalog: products indexed (62,000/184,220)' },
      { ms: readyAt - 9_000, text: 'catalog: products indexed (184,220/184,220)' },
      { ms: readyAt - 1_000, text: 'catalog: listening on :8080' },
    ],
    world.now(),
  );
  const envoyId = String(((statusOf(stored).initContainerStatuses as Json[])[1] as Json).containerID);
  world.startLog(
    stored,
    'envoy',
    envoyId,
    [
      {
        ms: initDoneMs + 150,
        text: `[${iso(initDoneMs)}][1][info][main] [source/server/server.cc:430] initializing epoch 0 (base id=0, hot restart version=11.104)`,
      },
      {
        ms: initDoneMs + 300,
        text: `[${iso(initDoneMs)}][1][info][main] [source/server/server.cc:960] all clusters initialized. initializing init manager`,
      },
    ],
    world.now(),
  );
  const fetchId = String(fetch.containerID);
  world.startLog(stored, 'fetch-assets', fetchId, [], world.now());
  const unhealthy: EventSeed = {
    reason: 'Unhealthy',
    type: 'Warning',
    message: `Readiness probe failed: Get "http://${String(statusOf(stored).podIP)}:8080/ready": dial tcp ${String(statusOf(stored).podIP)}:8080: connect: connection refused`,
    fieldPath: fieldPath('catalog'),
  };
  world.every(initDoneMs + 5400, 5000, (at) => {
    const current = world.pod('shop', name);
    if (!current || at >= readyAt) return false;
    world.recordEvent(current, unhealthy, at);
    return true;
  });
  world.schedule(readyAt, (at) => {
    world.updatePod('shop', name, (p) => setReady(p, true, at, ['catalog']));
  });
}

// --- completed Job, evicted pod, lost node, stuck Terminating ---------------------------------

function nightlyBackup(ctx: Ctx): void {
  const createdMs = ctx.startMs - 9 * HOUR - 17 * MIN;
  const spec = {
    restartPolicy: 'OnFailure',
    containers: [
      {
        name: 'backup',
        image: 'registry.example.com/ops/pg-backup:1.6.0',
        command: ['/usr/local/bin/backup.sh'],
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
      },
    ],
  };
  const completedMs = createdMs + 4 * MIN + 12_000;
  const owner = addJob(ctx.world, {
    namespace: 'batch',
    name: 'nightly-backup-29391840',
    cronJob: 'nightly-backup',
    createdMs,
    replicas: 1,
    readyReplicas: 0,
    podSpec: spec,
    completedMs,
  });
  const pod = podSkeleton({ namespace: 'batch', owner, node: 'b', createdMs, spec, ipSuffix: 90 });
  const scheduledMs = createdMs + 100;
  const startedMs = scheduledMs + 2200;
  const status = statusOf(pod);
  status.phase = 'Succeeded';
  status.conditions = [
    condition('PodReadyToStartContainers', 'False', completedMs + 1000),
    condition('Initialized', 'True', scheduledMs, 'PodCompleted'),
    condition('Ready', 'False', completedMs, 'PodCompleted'),
    condition('ContainersReady', 'False', completedMs, 'PodCompleted'),
    condition('PodScheduled', 'True', scheduledMs),
  ];
  status.containerStatuses = [
    containerStatus(pod, 'backup', {
      state: terminated(0, 'Completed', startedMs, completedMs),
      created: true,
    }),
  ];
  const c = (status.containerStatuses as Json[])[0] as Json;
  ((c.state as Json).terminated as Json).containerID = c.containerID;
  const stored = put(ctx.world, pod);
  recordScheduled(ctx.world, stored, scheduledMs);
  recordStart(ctx.world, stored, 'backup', startedMs);
  ctx.world.startLog(
    stored,
    'backup',
    String(c.containerID),
    [
      {
        ms: startedMs + 100,
        text: `${iso(startedMs)} starting pg_dump of shop@postgres.data.svc.cluster.local`,
      },
      { ms: completedMs - 9000, text: `${iso(completedMs - 9000)} dump written: 3.8 GiB` },
      {
        ms: completedMs - 300,
        text: `${iso(completedMs - 300)} uploaded to gs://example-shop-backups/2026-11-23/shop.dump`,
      },
    ],
    ctx.world.now(),
  );
}

function imageResizer(ctx: Ctx): void {
  const { world } = ctx;
  const createdMs = ctx.startMs - 2 * 86_400_000;
  const spec = {
    containers: [
      {
        name: 'resizer',
        image: 'registry.example.com/media/image-resizer:2.2.0',
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        volumeMounts: [{ name: 'scratch', mountPath: '/tmp/work' }],
        resources: {
          requests: { cpu: '250m', memory: '256Mi', 'ephemeral-storage': '512Mi' },
          limits: { memory: '512Mi', 'ephemeral-storage': '1Gi' },
        },
      },
    ],
    volumes: [{ name: 'scratch', emptyDir: {} }],
  };
  const owner = addDeployment(world, {
    namespace: 'shop',
    name: 'image-resizer',
    createdMs,
    replicas: 1,
    readyReplicas: 1,
    podSpec: spec,
  });
  const evictedAt = ctx.startMs - 3 * HOUR - 8 * MIN;
  const evicted = podSkeleton({ namespace: 'shop', owner, node: 'a', createdMs, spec, ipSuffix: 91 });
  const message = 'Pod ephemeral local storage usage exceeds the total limit of containers 1Gi. ';
  const status = statusOf(evicted);
  Object.assign(status, { phase: 'Failed', reason: 'Evicted', message });
  status.conditions = [
    condition('DisruptionTarget', 'True', evictedAt, 'TerminationByKubelet', message),
    condition('PodReadyToStartContainers', 'False', evictedAt + 2000),
    condition('Initialized', 'True', createdMs + 100),
    condition('Ready', 'False', evictedAt + 1000, 'PodFailed'),
    condition('ContainersReady', 'False', evictedAt + 1000, 'PodFailed'),
    condition('PodScheduled', 'True', createdMs + 100),
  ];
  status.containerStatuses = [
    containerStatus(evicted, 'resizer', {
      state: terminated(137, 'ContainerStatusUnknown', createdMs + 2500, evictedAt),
      created: true,
    }),
  ];
  ((((status.containerStatuses as Json[])[0] as Json).state as Json).terminated as Json).message =
    'The container could not be located when the pod was terminated';
  const stored = put(world, evicted);
  world.recordEvent(stored, { reason: 'Evicted', type: 'Warning', message }, evictedAt);
  world.recordEvent(
    stored,
    { reason: 'Killing', message: 'Stopping container resizer', fieldPath: fieldPath('resizer') },
    evictedAt,
  );
  const replacementMs = evictedAt + 1000;
  const replacement = runningPod(
    ctx,
    { namespace: 'shop', owner, node: 'b', createdMs: replacementMs, spec, ipSuffix: 92 },
    { ready: true },
  );
  chattyLog(
    ctx,
    replacement,
    'resizer',
    replacementMs + 2600,
    11_000,
    (n) => `${'%T'} resized upload ${n} to 4 variants (${120 + (n % 80)} ms)`,
  );
}

function legacyApi(ctx: Ctx): void {
  const createdMs = ctx.startMs - 12 * 86_400_000;
  const spec = {
    containers: [
      {
        name: 'legacy-api',
        image: 'registry.example.com/legacy/api:2021.09',
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'default', name: 'legacy-api', createdMs, spec },
    { node: 'c', ipSuffix: 12 },
  );
  const pod = podSkeleton(plan);
  const lostMs = ctx.startMs - NODE_C_LOST_AGO_S * 1000;
  const meta = metaOf(pod);
  meta.deletionTimestamp = iso(lostMs + 5 * MIN + 5000);
  meta.deletionGracePeriodSeconds = 30;
  const status = statusOf(pod);
  status.phase = 'Running';
  status.reason = 'NodeLost';
  status.message = `Node ${NODES.c.name} which was running pod ${String(meta.name)} is unresponsive`;
  status.conditions = [
    condition('PodReadyToStartContainers', 'True', createdMs + 1500),
    condition('Initialized', 'True', createdMs + 100),
    { ...condition('Ready', 'False', lostMs + 5000), lastProbeTime: null },
    condition('ContainersReady', 'True', createdMs + 9000),
    condition('PodScheduled', 'True', createdMs + 100),
    condition(
      'DisruptionTarget',
      'True',
      lostMs + 5 * MIN + 5000,
      'DeletionByTaintManager',
      'Taint manager: deleting due to NoExecute taint',
    ),
  ];
  status.containerStatuses = [
    containerStatus(pod, 'legacy-api', { state: running(createdMs + 2500), ready: true, created: true }),
  ];
  const stored = put(ctx.world, pod);
  ctx.world.recordEvent(
    stored,
    { reason: 'NodeNotReady', type: 'Warning', message: 'Node is not ready', component: 'node-controller' },
    lostMs + 5000,
  );
  ctx.world.recordEvent(
    stored,
    {
      reason: 'TaintManagerEviction',
      message: `Marking for deletion Pod default/${String(meta.name)}`,
      component: 'taint-eviction-controller',
    },
    lostMs + 5 * MIN + 5000,
  );
  const cid = String(((status.containerStatuses as Json[])[0] as Json).containerID);
  ctx.world.logs.startRun(`default/${String(meta.name)}/legacy-api`, cid, [
    { ms: lostMs - 60_000, text: 'GET /v1/invoices 200 12ms' },
  ]);
}

function queueConsumer(ctx: Ctx): void {
  const createdMs = ctx.startMs - 3 * 86_400_000;
  // Deleted 95 min ago with a 1 h grace period: 35 min overdue, held by its finalizer.
  const deletedMs = ctx.startMs - 95 * MIN;
  const spec = {
    terminationGracePeriodSeconds: 3600,
    containers: [
      {
        name: 'consumer',
        image: 'registry.example.com/shop/queue-consumer:1.0.4',
        command: ['/app/consumer'],
        args: ['--drain-on-exit'],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      },
    ],
  };
  const plan = singlePodDeployment(
    ctx,
    { namespace: 'shop', name: 'queue-consumer', createdMs, spec },
    { node: 'a', ipSuffix: 95 },
  );
  const pod = runningPod(ctx, plan, { ready: true });
  const name = String(metaOf(pod).name);
  ctx.world.updatePod('shop', name, (p) => {
    const meta = metaOf(p);
    meta.deletionTimestamp = iso(deletedMs + 3600 * 1000);
    meta.deletionGracePeriodSeconds = 3600;
    meta.finalizers = ['shop.example.com/drain-queue'];
    setReady(p, false, deletedMs + 1000, ['consumer']);
  });
  const current = ctx.world.pod('shop', name);
  if (!current) return;
  ctx.world.recordEvent(
    current,
    { reason: 'Killing', message: 'Stopping container consumer', fieldPath: fieldPath('consumer') },
    deletedMs,
  );
  chattyLog(
    ctx,
    current,
    'consumer',
    deletedMs,
    20_000,
    (n) =>
      `%T received SIGTERM earlier; draining: ${Math.max(0, 18_234 - n * 3)} messages left in queue orders.refunds`,
  );
}

/** Every scenario, in the order the cluster "created" them. */
export function addScenarios(world: World, startMs: number): void {
  const ctx: Ctx = { world, startMs };
  for (const add of [
    coredns,
    web,
    imageResizer,
    legacyApi,
    queueConsumer,
    nightlyBackup,
    postgres,
    search,
    gpuTrainer,
    checkout,
    recommendations,
    orders,
    reportGen,
    api,
    thumbnailer,
    cart,
    notifications,
    worker,
    searchIndexer,
    cache,
    frontend,
    inventory,
    legacyBilling,
    metricsProxy,
    payments,
    catalog,
    storefront,
  ]) {
    add(ctx);
  }
}
