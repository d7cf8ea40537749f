import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainPod, explanationExitCode } from '../../../src/core/diagnose';
import type {
  DiagnoseInput,
  Diagnosis,
  DiagnosisId,
  Explanation,
  Severity,
} from '../../../src/core/diagnose';

const DIR = join(__dirname, '..', '..', 'fixtures', 'pods');

interface Expectation {
  /** Every diagnosis id, most important first. */
  ids: DiagnosisId[];
  severity: Severity;
  status: string;
  container?: string;
  headline?: RegExp;
  summary?: RegExp;
  /** Evidence of the first diagnosis: `path` → a pattern its text matches (path '' = any evidence). */
  evidence?: Array<[string, RegExp]>;
  /** The first (most likely) cause. */
  cause?: RegExp;
  /** Some cause of the first diagnosis (any rank). */
  causes?: RegExp[];
  /** Timeline lines (`source text`) that must appear. */
  timeline?: string[];
  /** Fixes of the first diagnosis: specPath and, when given, the exact value. */
  fixes?: Array<{ specPath?: string; value?: string; text?: RegExp }>;
}

const C = 'critical';
const E = 'error';
const W = 'warning';
const I = 'info';

const EXPECTED: Record<string, Expectation> = {
  // ---- unschedulable
  'unschedulable-insufficient-cpu-taint': {
    ids: ['unschedulable'],
    severity: C,
    status: 'Pending',
    summary:
      /^None of the 3 nodes can run it: 1 node has not enough unrequested cpu left; 2 nodes have a taint the pod does not tolerate \(node-role\.kubernetes\.io\/control-plane\)\. Evicting lower-priority pods would not help\.$/,
    evidence: [
      [
        'status.conditions[PodScheduled]',
        /^PodScheduled=False, reason Unschedulable: 0\/3 nodes are available/,
      ],
      ['spec.containers[app].resources.requests.cpu', /^app requests cpu: 3$/],
    ],
    cause: /control-plane nodes have room/,
    fixes: [{ specPath: 'spec.containers[app].resources.requests.cpu' }],
  },
  'unschedulable-old-taint-wording': {
    ids: ['unschedulable'],
    severity: C,
    status: 'Pending',
    summary:
      /1 node has a taint the pod does not tolerate \(node-role\.kubernetes\.io\/master\); 3 nodes have not enough unrequested memory left\.$/,
    cause: /requests more memory than any node has free/,
    fixes: [{ specPath: 'spec.containers[reports].resources.requests.memory' }],
  },
  'unschedulable-node-selector': {
    ids: ['unschedulable'],
    severity: C,
    status: 'Pending',
    summary: /5 nodes don't match the pod's nodeSelector or node affinity/,
    evidence: [['spec.nodeSelector', /"cloud\.example\.com\/pool":"gpu-a100"/]],
    cause: /No node carries the labels the pod selects/,
    fixes: [{ specPath: 'spec.nodeSelector' }],
  },
  'unschedulable-unbound-pvc': {
    ids: ['unschedulable'],
    severity: C,
    status: 'Pending',
    summary: /a PersistentVolumeClaim of the pod is not bound/,
    evidence: [['spec.volumes[data].persistentVolumeClaim.claimName', /^claimName: data-postgres-0$/]],
    cause: /PersistentVolumeClaim is Pending/,
    fixes: [{ text: /kubectl describe pvc data-postgres-0 -n shop/ }],
  },
  'unschedulable-volume-node-affinity': {
    ids: ['unschedulable'],
    severity: C,
    status: 'Pending',
    summary: /2 nodes are not in the zone or topology of the pod's PersistentVolume/,
    cause: /PersistentVolume is bound to a zone/,
    fixes: [{ text: /WaitForFirstConsumer/ }],
  },
  'unschedulable-anti-affinity': {
    ids: ['unschedulable'],
    severity: C,
    status: 'Pending',
    summary: /3 nodes don't satisfy the pod anti-affinity rules\.$/,
    cause: /Required pod anti-affinity/,
    fixes: [{ specPath: 'spec.affinity' }],
  },
  'unschedulable-insufficient-memory-events-v1': {
    ids: ['unschedulable'],
    severity: C,
    status: 'Pending',
    summary: /^None of the 2 nodes can run it: 2 nodes have not enough unrequested memory left\.$/,
    evidence: [
      ['', /^Warning FailedScheduling: 0\/2 nodes are available: 2 Insufficient memory\..* \(×22\)$/],
    ],
    fixes: [{ specPath: 'spec.containers[search].resources.requests.memory' }],
  },
  'unschedulable-no-nodes': {
    ids: ['unschedulable'],
    severity: C,
    status: 'Pending',
    summary: /^The cluster has no nodes to run it/,
    cause: /no \(ready\) nodes/,
  },
  'quota-exceeded-replicaset': {
    ids: ['unschedulable'],
    severity: W,
    status: 'Running',
    headline:
      /^ReplicaSet api-7c9d5f8b6 cannot create more pods: ResourceQuota "compute-resources" is exhausted\.$/,
    summary: /requests\.cpu: requested 1, used 3 of 4/,
    evidence: [
      [
        '',
        /^ReplicaSet api-7c9d5f8b6: Warning FailedCreate: Error creating: .*exceeded quota: compute-resources.* \(×17\)$/,
      ],
    ],
    fixes: [{ text: /kubectl edit resourcequota compute-resources -n shop/ }],
  },
  'podsecurity-denied-replicaset': {
    ids: ['container-create'],
    severity: W,
    status: 'Running',
    headline: /cannot create pods: they violate PodSecurity "restricted:latest"/,
    fixes: [{ specPath: 'spec.containers[*].securityContext' }],
  },
  // ---- image pull
  'image-pull-not-found': {
    ids: ['image-pull'],
    severity: C,
    status: 'ImagePullBackOff',
    container: 'app',
    summary: /the image nginx:1\.27\.9-alpne does not exist in docker\.io \(ImagePullBackOff\)/,
    evidence: [
      [
        'status.containerStatuses[app].state.waiting',
        /^ImagePullBackOff: Back-off pulling image "nginx:1\.27\.9-alpne"$/,
      ],
      ['', /^Warning Failed: Failed to pull image "nginx:1\.27\.9-alpne": rpc error: code = NotFound/],
      ['spec.containers[app].image', /^image: nginx:1\.27\.9-alpne$/],
    ],
    cause: /tag or repository name is wrong/,
    fixes: [{ specPath: 'spec.containers[app].image' }],
  },
  'image-pull-unauthorized': {
    ids: ['image-pull'],
    severity: C,
    status: 'ErrImagePull',
    summary: /registry\.example\.com refused to serve .* without valid credentials/,
    cause: /private and the pod has no imagePullSecrets/,
    fixes: [{ specPath: 'spec.imagePullSecrets', value: '- name: regcred' }],
  },
  'image-pull-no-such-host': {
    ids: ['image-pull'],
    severity: C,
    status: 'ImagePullBackOff',
    summary: /the node cannot reach registry\.internal\.example:5000/,
    cause: /DNS on the node cannot resolve registry\.internal\.example:5000/,
  },
  'image-pull-timeout': {
    ids: ['image-pull'],
    severity: C,
    status: 'ErrImagePull',
    summary: /the node cannot reach quay\.io/,
    cause: /blocked or too slow \(firewall/,
  },
  'image-invalid-name': {
    ids: ['image-pull'],
    severity: C,
    status: 'InvalidImageName',
    summary: /"Registry\.Example\.com\/Shop\/Cart:2\.0" is not a valid image reference/,
    fixes: [{ specPath: 'spec.containers[app].image', value: 'registry.example.com/shop/cart:2.0' }],
  },
  'image-never-pull': {
    ids: ['image-pull'],
    severity: C,
    status: 'ErrImageNeverPull',
    evidence: [['spec.containers[app].imagePullPolicy', /^imagePullPolicy: Never$/]],
    fixes: [{ specPath: 'spec.containers[app].imagePullPolicy', value: 'IfNotPresent' }],
  },
  'image-pull-secret-missing': {
    ids: ['image-pull'],
    severity: C,
    status: 'ImagePullBackOff',
    evidence: [
      ['spec.imagePullSecrets', /^imagePullSecrets: ghcr-creds$/],
      ['', /Unable to retrieve some image pull secrets \(ghcr-creds\)/],
    ],
    cause: /pull secret the pod names does not exist in its namespace/,
  },
  'image-pull-rate-limited': {
    ids: ['image-pull'],
    severity: C,
    status: 'ImagePullBackOff',
    summary: /docker\.io is rate-limiting pulls/,
    fixes: [{ specPath: 'spec.imagePullSecrets' }],
  },
  'image-pull-init-container': {
    ids: ['image-pull'],
    severity: C,
    status: 'Init:ImagePullBackOff',
    container: 'migrate',
    summary:
      /^Init container "migrate" never starts: the image registry\.example\.com\/shop\/migrate:2\.0\.0 does not exist/,
    fixes: [{ specPath: 'spec.initContainers[migrate].image' }],
  },
  // ---- config and volumes
  'config-missing-configmap': {
    ids: ['config-missing'],
    severity: C,
    status: 'CreateContainerConfigError',
    container: 'app',
    headline: /^ConfigMap catalog-config is missing\.$/,
    evidence: [
      [
        'status.containerStatuses[app].state.waiting',
        /^CreateContainerConfigError: configmap "catalog-config" not found$/,
      ],
      [
        'spec.containers[app].env[DB_HOST].valueFrom.configMapKeyRef',
        /^ConfigMap catalog-config, key db\.host$/,
      ],
    ],
    fixes: [
      {
        specPath: 'spec.containers[app].env[DB_HOST].valueFrom.configMapKeyRef.name',
        text: /kubectl create configmap catalog-config -n shop/,
      },
      { specPath: 'spec.containers[app].env[DB_HOST].valueFrom.configMapKeyRef.optional', value: 'true' },
    ],
  },
  'config-missing-secret': {
    ids: ['config-missing'],
    severity: C,
    status: 'CreateContainerConfigError',
    headline: /^Secret payments-db is missing\.$/,
    evidence: [['spec.containers[app].envFrom[1].secretRef', /^Secret payments-db$/]],
    fixes: [
      {
        specPath: 'spec.containers[app].envFrom[1].secretRef.name',
        text: /kubectl create secret generic payments-db/,
      },
    ],
  },
  'config-missing-key': {
    ids: ['config-missing'],
    severity: C,
    status: 'CreateContainerConfigError',
    headline: /^Secret smtp has no key passwd\.$/,
    cause: /exists but has no key "passwd"/,
    fixes: [{ specPath: 'spec.containers[app].env[SMTP_PASSWORD].valueFrom.secretKeyRef.key' }],
  },
  'volume-mount-configmap-missing': {
    ids: ['volume-mount'],
    severity: C,
    status: 'ContainerCreating',
    summary: /the ConfigMap gateway-nginx it mounts does not exist/,
    evidence: [
      [
        '',
        /MountVolume\.SetUp failed for volume "site-config" : configmap "gateway-nginx" not found \(×12\)$/,
      ],
    ],
    fixes: [
      { specPath: 'spec.volumes[site-config].configMap' },
      { specPath: 'spec.volumes[site-config].configMap.optional', value: 'true' },
    ],
  },
  'volume-mount-multi-attach': {
    ids: ['volume-mount'],
    severity: C,
    status: 'ContainerCreating',
    causes: [/still holds the ReadWriteOnce volume/],
    fixes: [{ text: /strategy Recreate/ }],
  },
  'volume-mount-nfs-timeout': {
    ids: ['volume-mount'],
    severity: C,
    status: 'ContainerCreating',
    cause: /NFS server is unreachable/,
    fixes: [{ specPath: 'spec.volumes[shared]' }],
  },
  // ---- container creation
  'create-executable-not-found': {
    ids: ['container-create'],
    severity: C,
    status: 'CrashLoopBackOff',
    container: 'api',
    headline:
      /^Container "api" cannot be started: the command "gunicorn-server" does not exist in the image\.$/,
    evidence: [
      [
        'status.containerStatuses[api].lastState.terminated',
        /^StartError \(exit 128\): .*executable file not found in \$PATH/,
      ],
    ],
    fixes: [{ specPath: 'spec.containers[api].command' }],
  },
  'create-permission-denied': {
    ids: ['container-create'],
    severity: C,
    status: 'RunContainerError',
    headline: /"\/opt\/app\/start\.sh" is not executable/,
    cause: /lacks the execute bit/,
  },
  'create-run-as-non-root': {
    ids: ['container-create'],
    severity: C,
    status: 'CreateContainerConfigError',
    headline: /runAsNonRoot is set but the image runs as root/,
    fixes: [{ specPath: 'spec.containers[app].securityContext.runAsUser', value: '10001' }],
  },
  'create-exec-format-error': {
    ids: ['container-create'],
    severity: C,
    status: 'CrashLoopBackOff',
    headline: /built for another CPU architecture/,
    fixes: [{ specPath: 'spec.nodeSelector', value: 'kubernetes.io/arch: amd64' }],
  },
  // ---- init containers
  'init-crashloop-migration': {
    ids: ['init-failure'],
    severity: C,
    status: 'Init:CrashLoopBackOff',
    container: 'migrate',
    headline: /^Init container "migrate" fails with exit code 1\.$/,
    summary:
      /Its log ends with: psycopg2\.OperationalError: .*password authentication failed for user "orders"/,
    evidence: [
      ['status.initContainerStatuses[migrate].lastState.terminated', /^exit code 1 \(Error\)/],
      ['logs/migrate', /password authentication failed/],
    ],
    fixes: [
      {
        specPath: 'spec.initContainers[migrate].command',
        text: /kubectl logs orders-api-6b7c8d9e0-f1a2b -c migrate --previous -n shop/,
      },
    ],
  },
  'init-error-dns': {
    ids: ['init-failure'],
    severity: C,
    status: 'Init:Error',
    summary: /NXDOMAIN/,
    evidence: [['status.initContainerStatuses[wait-for-db].state.terminated', /^exit code 1 \(Error\)/]],
  },
  'init-exit-127': {
    ids: ['init-failure'],
    severity: C,
    status: 'Init:CrashLoopBackOff',
    summary: /exits with 127 \(command not found\).*sh: curl: not found\.$/,
    causes: [/A command of its script does not exist in the image/],
  },
  'init-running-long': {
    ids: ['init-failure', 'pending'],
    severity: W,
    status: 'Init:0/1',
    headline: /^Init container "wait-for-kafka" has been running for 15m\.$/,
    evidence: [['logs/wait-for-kafka', /^waiting for kafka$/]],
  },
  // ---- hooks
  'hook-poststart-exec-failed': {
    ids: ['hook-failure'],
    severity: E,
    status: 'CrashLoopBackOff',
    container: 'app',
    cause:
      /^The hook command exited with 1 \(application error\): cp: can't stat '\/config\/app\.yaml': No such file or directory\.$/,
    evidence: [['spec.containers[app].lifecycle.postStart', /cp \/config\/app\.yaml/]],
    fixes: [{ specPath: 'spec.containers[app].lifecycle.postStart' }],
  },
  'hook-poststart-http-refused': {
    ids: ['hook-failure'],
    severity: E,
    status: 'PostStartHookError',
    cause: /HTTP hook ran before the application listened/,
  },
  'hook-prestop-failed': {
    ids: ['hook-failure', 'pending'],
    severity: W,
    status: 'Terminating',
    summary: /preStop hook of container "app" failed while the pod was stopping \(exit 126\)/,
  },
  // ---- readiness
  'readiness-wrong-port': {
    ids: ['readiness-failing'],
    severity: E,
    status: 'Running',
    container: 'web',
    headline: /^Container "web" is running but not ready: its readiness probe fails\.$/,
    evidence: [
      [
        'spec.containers[web].readinessProbe',
        /^readiness GET :8080\/ready: first check at 0 s, every 10 s, timeout 1 s, unready after 3 failures$/,
      ],
    ],
    cause: /checks port 8080 but the container declares 3000/,
    fixes: [{ specPath: 'spec.containers[web].readinessProbe' }],
  },
  'readiness-http-503': {
    ids: ['readiness-failing'],
    severity: E,
    status: 'Running',
    cause: /answers 503: it reports itself unhealthy/,
  },
  'readiness-timeout-cpu-limit': {
    ids: ['readiness-failing'],
    severity: E,
    status: 'Running',
    evidence: [['spec.containers[app].resources.limits.cpu', /^limits\.cpu: 100m$/]],
    causes: [/CPU limit \(100m\) throttles the app/],
    fixes: [
      { specPath: 'spec.containers[app].readinessProbe.timeoutSeconds', value: '3' },
      { specPath: 'spec.containers[app].resources.limits.cpu', value: '500m' },
    ],
  },
  'readiness-starts-too-early': {
    ids: ['readiness-failing'],
    severity: W,
    status: 'Running',
    evidence: [['logs/app', /^the app reports it started after 16\.2 s$/]],
    cause: /needs about 16\.2 s to start and the probe starts at 10 s/,
    fixes: [{ specPath: 'spec.containers[app].readinessProbe.initialDelaySeconds', value: '17' }],
  },
  'readiness-http-404': {
    ids: ['readiness-failing'],
    severity: E,
    status: 'Running',
    cause: /probe path \/health does not exist in the app \(HTTP 404\)/,
    fixes: [{ specPath: 'spec.containers[app].readinessProbe.httpGet.path' }],
  },
  'readiness-flapping-aggressive': {
    ids: ['readiness-failing'],
    severity: W,
    status: 'Running',
    headline: /fails intermittently/,
    causes: [/every 1 s and fails after a single miss/],
    fixes: [{ specPath: 'spec.containers[app].readinessProbe.failureThreshold', value: '3' }],
  },
  // ---- liveness
  'liveness-kills-during-startup': {
    ids: ['liveness-restarts'],
    severity: C,
    status: 'CrashLoopBackOff',
    container: 'app',
    summary:
      /restarted 6 times, last exit 143 \(terminated by SIGTERM\)\. Restart 6; next retry in ~1m40s\.$/,
    evidence: [
      ['', /^Normal Killing: Container app failed liveness probe, will be restarted \(×6\)$/],
      ['spec.containers[app].livenessProbe', /killed after 3 failures \(by 40 s if it never answers\)$/],
    ],
    cause: /kills the app before it has started: it is killed 40 s after start/,
    fixes: [
      {
        specPath: 'spec.containers[app].startupProbe',
        value:
          '{"httpGet":{"path":"/actuator/health/liveness","port":8080},"periodSeconds":10,"failureThreshold":8}',
      },
    ],
  },
  'liveness-timeout-exit-137': {
    ids: ['liveness-restarts'],
    severity: W,
    status: 'Running',
    summary: /last exit 137 \(killed by SIGKILL\)/,
    causes: [/timeoutSeconds \(1 s\)/, /CPU limit \(200m\) throttles/],
  },
  'startup-probe-fails': {
    ids: ['liveness-restarts'],
    severity: C,
    status: 'CrashLoopBackOff',
    headline: /restarted by its failing startup probe/,
    evidence: [
      ['spec.containers[app].startupProbe', /^startup GET :8080\/started: first check at 0 s, every 5 s/],
    ],
  },
  // ---- crash loops
  'crashloop-exit-0-no-foreground': {
    ids: ['crash-loop'],
    severity: C,
    status: 'CrashLoopBackOff',
    headline: /exit code 0/,
    cause: /starts its work in the background and returns \(sh -c \/usr\/local\/tomcat\/bin\/startup\.sh\)/,
    fixes: [{ specPath: 'spec.containers[app].command' }],
  },
  'crashloop-busybox-no-command': {
    ids: ['crash-loop'],
    severity: C,
    status: 'CrashLoopBackOff',
    cause: /busybox:1\.36 runs a shell by default/,
  },
  'crashloop-exit-1-python-traceback': {
    ids: ['crash-loop'],
    severity: C,
    status: 'CrashLoopBackOff',
    summary:
      /Its log ends with: RuntimeError: environment variable WAREHOUSE_API_URL must be set\. Restart 5; next retry in ~2m\.$/,
    evidence: [['logs/app (previous)', /^RuntimeError: environment variable WAREHOUSE_API_URL must be set$/]],
    causes: [/A required setting \(environment variable, flag\) is missing/],
  },
  'crashloop-exit-127': {
    ids: ['crash-loop'],
    severity: C,
    status: 'CrashLoopBackOff',
    evidence: [
      [
        'status.containerStatuses[app].lastState.terminated.exitCode',
        /^exit code 127, reason Error: command not found/,
      ],
    ],
    cause: /A command does not exist in the image \(sh: 1: gunicorn: not found\)/,
  },
  'crashloop-exit-126': {
    ids: ['crash-loop'],
    severity: C,
    status: 'CrashLoopBackOff',
    cause: /exists but cannot be executed/,
    summary: /Restart 3; retrying now\.$/,
  },
  'crashloop-exit-2-bad-flag': {
    ids: ['crash-loop'],
    severity: C,
    status: 'CrashLoopBackOff',
    evidence: [['spec.containers[proxy].args', /--log-levle/]],
    cause: /rejected its command line/,
    fixes: [{ specPath: 'spec.containers[proxy].args' }],
  },
  'crashloop-exit-139-segfault': {
    ids: ['crash-loop'],
    severity: C,
    status: 'CrashLoopBackOff',
    cause: /segmentation fault/,
  },
  'crashloop-exit-137-unknown': {
    ids: ['crash-loop'],
    severity: C,
    status: 'CrashLoopBackOff',
    cause: /^Something sent SIGKILL outside the kubelet's probes/,
    evidence: [['status.containerStatuses[app].lastState.terminated.exitCode', /after running 10m$/]],
  },
  'crashloop-exit-143': {
    ids: ['crash-loop'],
    severity: W,
    status: 'Running',
    cause: /asked the container to stop with SIGTERM/,
  },
  'crashloop-exec-format-log': {
    ids: ['crash-loop'],
    severity: C,
    status: 'CrashLoopBackOff',
    cause: /built for another CPU architecture than the node/,
  },
  'job-failed-exit-1': {
    ids: ['crash-loop'],
    severity: E,
    status: 'Error',
    headline: /^Container "report" exited with code 1 \(application error\)\.$/,
    cause: /AccessDenied/,
    fixes: [
      { text: /^Read the container log: kubectl logs monthly-report-29012345-q7w8e -c report -n shop\.$/ },
    ],
  },
  'sidecar-crashloop': {
    ids: ['crash-loop'],
    severity: C,
    status: 'Init:CrashLoopBackOff',
    container: 'istio-proxy',
    headline: /^Sidecar "istio-proxy" keeps crashing: exit code 1 \(application error\)\.$/,
    evidence: [
      [
        'status.initContainerStatuses[istio-proxy].lastState.terminated.exitCode',
        /^exit code 1, reason Error/,
      ],
    ],
    causes: [/A file it needs is missing/],
  },
  'crashloop-dependency-refused': {
    ids: ['crash-loop'],
    severity: C,
    status: 'CrashLoopBackOff',
    cause: /dependency it connects to at startup/,
  },
  // ---- OOM
  'oom-killed-limit': {
    ids: ['oom-killed'],
    severity: C,
    status: 'CrashLoopBackOff',
    container: 'app',
    evidence: [
      [
        'status.containerStatuses[app].lastState.terminated.reason',
        /^OOMKilled, exit code 137 at 2026-11-23T11:59:20Z$/,
      ],
      ['spec.containers[app].resources.limits.memory', /^limits\.memory: 256Mi \(256Mi\)$/],
    ],
    fixes: [{ specPath: 'spec.containers[app].resources.limits.memory', value: '320Mi' }],
  },
  'oom-killed-jvm-heap': {
    ids: ['oom-killed'],
    severity: C,
    status: 'CrashLoopBackOff',
    evidence: [['spec.containers[app].env[JAVA_OPTS]', /^JVM heap -Xmx1g \(1Gi\)$/]],
    cause: /JVM heap alone \(-Xmx1g = 1Gi\) is at least the container limit \(1Gi\)/,
    fixes: [
      { specPath: 'spec.containers[app].env[JAVA_OPTS]' },
      { specPath: 'spec.containers[app].resources.limits.memory', value: '1408Mi' },
    ],
  },
  'oom-killed-no-limit-system-oom': {
    ids: ['oom-killed'],
    severity: W,
    status: 'Running',
    evidence: [['node worker-2', /^SystemOOM: System OOM encountered, victim process: aggregator/]],
    cause: /node itself ran out of memory \(SystemOOM\)/,
    causes: [/no memory limit/],
  },
  'oom-killed-recovered': {
    ids: ['oom-killed'],
    severity: W,
    status: 'Running',
    fixes: [{ specPath: 'spec.containers[app].resources.limits.memory', value: '640Mi' }],
  },
  // ---- eviction
  'evicted-memory-pressure': {
    ids: ['evicted'],
    severity: E,
    status: 'ContainerStatusUnknown',
    container: 'app',
    headline: /^The pod was evicted: the node ran short of memory\.$/,
    causes: [/Container "app" used 1200Mi of memory while requesting 0/],
    fixes: [{ specPath: 'spec.containers[app].resources.requests.memory', value: '1536Mi' }],
  },
  'evicted-ephemeral-storage-limit': {
    ids: ['evicted'],
    severity: E,
    status: 'ContainerStatusUnknown',
    container: 'app',
    headline: /exceeded its ephemeral-storage limit/,
    fixes: [{ specPath: 'spec.containers[app].resources.limits.ephemeral-storage' }],
  },
  'evicted-disk-pressure': {
    ids: ['evicted'],
    severity: E,
    status: 'ContainerStatusUnknown',
    container: 'logger',
    headline: /ran short of ephemeral-storage/,
    fixes: [{ specPath: 'spec.containers[logger].resources.requests.ephemeral-storage', value: '8960Mi' }],
  },
  'rejected-outofcpu': {
    ids: ['evicted'],
    severity: E,
    status: 'OutOfcpu',
    headline: /^The node rejected the pod: OutOfcpu\.$/,
    evidence: [
      [
        'status.reason',
        /^OutOfcpu: Pod was rejected: Node didn't have enough resource: cpu, requested: 2000/,
      ],
    ],
  },
  'deadline-exceeded': {
    ids: ['evicted'],
    severity: E,
    status: 'Error',
    headline: /^The pod was stopped: it ran longer than its activeDeadlineSeconds \(10m\)\.$/,
    evidence: [['spec.activeDeadlineSeconds', /^activeDeadlineSeconds: 600$/]],
    fixes: [{ specPath: 'spec.activeDeadlineSeconds', value: '1200' }],
  },
  preempted: {
    ids: ['evicted'],
    severity: W,
    status: 'Error',
    headline: /preempted by a higher-priority pod/,
    fixes: [{ specPath: 'spec.priorityClassName' }],
  },
  // ---- node
  'node-lost-unknown': {
    ids: ['node-lost'],
    severity: C,
    status: 'NodeLost',
    evidence: [
      [
        'node.status.conditions[Ready]',
        /^node worker-7 Ready=Unknown \(NodeStatusUnknown\): Kubelet stopped posting node status\.; last heartbeat 11m ago$/,
      ],
    ],
    cause: /kubelet on the node stopped reporting/,
  },
  'node-not-ready-running': {
    ids: ['node-lost'],
    severity: C,
    status: 'Running',
    headline: /node worker-4 is not reporting/,
  },
  // ---- terminating
  'terminating-finalizer': {
    ids: ['stuck-terminating'],
    severity: E,
    status: 'Completed',
    headline: /stuck Terminating for 1h past its grace period/,
    evidence: [['metadata.finalizers', /^finalizers: example\.com\/cleanup-queue$/]],
    cause: /Finalizers example\.com\/cleanup-queue are still set/,
    fixes: [
      {
        text: /kubectl patch pod worker-8a9b0c1d2-x9y8z -n shop --type=merge -p '\{"metadata":\{"finalizers":null\}\}'/,
      },
    ],
  },
  'terminating-node-gone': {
    ids: ['node-lost', 'stuck-terminating'],
    severity: C,
    status: 'Terminating',
  },
  'terminating-sigterm-ignored': {
    ids: ['stuck-terminating'],
    severity: E,
    status: 'Terminating',
    evidence: [['status.containerStatuses[app].state.running', /^app still running since/]],
    cause: /ignores SIGTERM/,
  },
  'terminating-sigkill-after-grace': {
    ids: ['stuck-terminating'],
    severity: E,
    status: 'Terminating',
    evidence: [
      [
        'status.containerStatuses[sync].state.terminated',
        /^sync exited with 137 \(SIGKILL\) at 2026-11-23T11:58:31Z, when the grace period ran out$/,
      ],
      ['metadata.finalizers', /^finalizers: batch\.kubernetes\.io\/job-tracking$/],
    ],
    causes: [/"sync" ignored SIGTERM and ran until the kubelet killed it with SIGKILL/],
    fixes: [{ specPath: 'spec.containers[sync].command' }],
  },
  'terminating-normal': {
    ids: ['pending'],
    severity: I,
    status: 'Terminating',
    summary: /^The pod is shutting down; its grace period ends in 25s\.$/,
  },
  // ---- sandbox
  'sandbox-cni-not-ready': {
    ids: ['sandbox-failure'],
    severity: C,
    status: 'ContainerCreating',
    cause: /CNI plugin is not installed or not running/,
  },
  'sandbox-ip-exhausted': {
    ids: ['sandbox-failure'],
    severity: C,
    status: 'ContainerCreating',
    cause: /pod IP range .* is exhausted/,
  },
  // ---- normal states: no false alarms
  'pending-pulling-image': {
    ids: ['pending'],
    severity: I,
    status: 'ContainerCreating',
    summary: /^The node is pulling "registry\.example\.com\/ml\/model-server:7\.0\.0" \(for 42s\)\.$/,
  },
  'pending-slow-pull': {
    ids: ['pending'],
    severity: W,
    status: 'ContainerCreating',
    headline: /^The pod has been starting for 14m7s, longer than usual\.$/,
    summary: /^The node is pulling "registry\.example\.com\/ml\/llm-server:2\.0\.0-cuda12" \(for 14m7s\)\.$/,
    cause: /very large or the registry is slow/,
  },
  'pending-no-scheduler': {
    ids: ['pending'],
    severity: W,
    status: 'Pending',
    evidence: [['spec.schedulerName', /^schedulerName: volcano$/]],
    cause: /No scheduler handles the pod/,
    fixes: [{ specPath: 'spec.schedulerName' }],
  },
  'pending-init-running': {
    ids: ['pending'],
    severity: I,
    status: 'Init:0/1',
    summary: /Init containers are running \(Init:0\/1\)/,
  },
  'pending-not-yet-scheduled': {
    ids: ['pending'],
    severity: I,
    status: 'Pending',
    summary: /waits for the scheduler/,
  },
  'pending-scheduling-gated': {
    ids: ['pending'],
    severity: I,
    status: 'SchedulingGated',
    summary: /scheduling gates to be removed: example\.com\/quota-check/,
  },
  'pending-not-ready-yet': {
    ids: ['pending'],
    severity: I,
    status: 'Running',
    summary:
      /has been running for 3s and is not ready yet; its readiness probe first checks at 5 s, every 5 s\.$/,
  },
  'completed-job': {
    ids: ['completed'],
    severity: I,
    status: 'Completed',
    summary: /^All containers exited with code 0 in 16m29s/,
  },
  'readiness-startup-noise': {
    ids: ['healthy'],
    severity: I,
    status: 'Running',
    timeline: [
      'status fetch-assets exited with code 0 (Completed): completed successfully',
      'event Unhealthy: Readiness probe failed: Get "http://10.244.1.33:8080/ready": dial tcp 10.244.1.33:8080: connect: connection refused (×7)',
    ],
  },
  'healthy-single': {
    ids: ['healthy'],
    severity: I,
    status: 'Running',
    headline: /^The pod is running and ready\.$/,
  },
  'healthy-sidecar': {
    ids: ['healthy'],
    severity: I,
    status: 'Running',
    summary: /^All 2 containers are running and ready\.$/,
  },
  'healthy-old-restart': {
    ids: ['healthy'],
    severity: I,
    status: 'Running',
    summary: /\(restarts: 1 \(3d ago\)\)\.$/,
  },
  // ---- hostile input is still diagnosed
  'hostile-strings': { ids: ['crash-loop'], severity: C, status: 'CrashLoopBackOff' },
};

interface Fixture extends Omit<DiagnoseInput, 'nowMs'> {
  description: string;
  now: string;
}

function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as Fixture;
}

export function explainFixture(name: string): Explanation {
  const fixture = loadFixture(name);
  return explainPod({ ...fixture, nowMs: Date.parse(fixture.now) });
}

function checkEvidence(d: Diagnosis, path: string, pattern: RegExp): void {
  const candidates = d.evidence.filter((e) => path === '' || e.path === path);
  assert.ok(
    candidates.some((e) => pattern.test(e.text)),
    `no evidence${path ? ` at ${path}` : ''} matching ${pattern}; got:\n${d.evidence.map((e) => `  ${e.path ?? ''} | ${e.text}`).join('\n')}`,
  );
}

const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

describe('explainPod on real-shaped pods (test/fixtures/pods)', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    assert.deepEqual(names, Object.keys(EXPECTED).sort());
    assert.ok(names.length >= 60, `only ${names.length} fixtures`);
  });

  it('covers every diagnosis id of the catalog', () => {
    const seen = new Set(Object.values(EXPECTED).flatMap((e) => e.ids));
    for (const id of [
      'unschedulable',
      'image-pull',
      'config-missing',
      'volume-mount',
      'container-create',
      'init-failure',
      'hook-failure',
      'readiness-failing',
      'liveness-restarts',
      'crash-loop',
      'oom-killed',
      'evicted',
      'node-lost',
      'stuck-terminating',
      'sandbox-failure',
      'pending',
      'completed',
      'healthy',
    ] as const) {
      assert.ok(seen.has(id), `no fixture shows ${id}`);
    }
  });

  for (const name of names) {
    const expected = EXPECTED[name];
    it(`${name}`, () => {
      assert.ok(expected, `add an expectation for ${name}`);
      const e = explainFixture(name);
      const top = e.diagnoses[0]!;
      assert.deepEqual(
        e.diagnoses.map((d) => d.id),
        expected.ids,
      );
      assert.equal(top.severity, expected.severity);
      assert.equal(e.status, expected.status);
      assert.equal(explanationExitCode(e), expected.severity === C || expected.severity === E ? 1 : 0);
      assert.ok(e.headline.length > 0 && top.title.length > 0 && top.summary.length > 0);
      if (expected.container !== undefined) assert.equal(top.container, expected.container);
      if (expected.headline) assert.match(e.headline, expected.headline);
      if (expected.summary) assert.match(top.summary, expected.summary);
      for (const [path, pattern] of expected.evidence ?? []) checkEvidence(top, path, pattern);
      const timeline = e.timeline.map((t) => `${t.source} ${t.text}`);
      for (const line of expected.timeline ?? [])
        assert.ok(timeline.includes(line), `timeline lacks: ${line}`);
      if (expected.cause) assert.match(top.causes[0]?.text ?? '', expected.cause);
      for (const pattern of expected.causes ?? []) {
        assert.ok(
          top.causes.some((c) => pattern.test(c.text)),
          `no cause matching ${pattern}; got:\n${top.causes.map((c) => `  ${c.likelihood}: ${c.text}`).join('\n')}`,
        );
      }
      for (const fix of expected.fixes ?? []) {
        assert.ok(
          top.fixes.some(
            (f) =>
              (fix.specPath === undefined || f.specPath === fix.specPath) &&
              (fix.value === undefined || f.value === fix.value) &&
              (fix.text === undefined || fix.text.test(f.text)),
          ),
          `no fix ${JSON.stringify({ ...fix, text: fix.text?.source })}; got:\n${top.fixes.map((f) => `  ${f.specPath ?? ''} = ${f.value ?? ''} | ${f.text}`).join('\n')}`,
        );
      }
      // Problems always explain themselves: evidence, and causes and fixes unless all is well.
      for (const d of e.diagnoses) {
        assert.ok(d.evidence.length > 0, `${d.id} has no evidence`);
        if (d.severity !== 'info') {
          assert.ok(d.causes.length > 0, `${d.id} has no causes`);
          assert.ok(d.fixes.length > 0, `${d.id} has no fixes`);
        }
      }
    });
  }
});
