import { condition, iso, nameSuffix, ownerRef, uidFor } from './build';
import type { Json } from './selectors';
import type { World } from './world';

/** Nodes, namespaces and workload owners (Deployments, ReplicaSets, Jobs, StatefulSets). */

export const NODES = {
  a: { name: 'pd-worker-a', ip: '10.0.1.11', podCidr: '10.244.1' },
  b: { name: 'pd-worker-b', ip: '10.0.1.12', podCidr: '10.244.2' },
  c: { name: 'pd-worker-c', ip: '10.0.1.13', podCidr: '10.244.3' },
} as const;

export type NodeKey = keyof typeof NODES;

/** When pd-worker-c stopped posting status, relative to start-up. */
export const NODE_C_LOST_AGO_S = 52 * 60;

export function addNamespaces(world: World, startMs: number): void {
  const ages: Record<string, number> = {
    default: 41,
    'kube-system': 41,
    'kube-public': 41,
    'kube-node-lease': 41,
    shop: 40,
    batch: 33,
    data: 33,
    restricted: 12,
    billing: 2,
  };
  for (const [name, days] of Object.entries(ages)) {
    world.store.put('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        uid: uidFor(`ns:${name}`),
        creationTimestamp: iso(startMs - days * 86_400_000),
        labels: { 'kubernetes.io/metadata.name': name },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
}

function nodeConditions(ready: boolean, startMs: number, createdMs: number): Json[] {
  const lost = startMs - NODE_C_LOST_AGO_S * 1000;
  const heartbeat = iso(ready ? startMs - 23_000 : lost - 35_000);
  const pressure = (type: string, reason: string, message: string): Json =>
    ready
      ? {
          type,
          status: 'False',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: iso(createdMs),
          reason,
          message,
        }
      : {
          type,
          status: 'Unknown',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: iso(lost),
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
        };
  return [
    pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready
      ? {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: iso(createdMs + 40_000),
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        }
      : {
          type: 'Ready',
          status: 'Unknown',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: iso(lost),
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
        },
  ];
}

export function addNodes(world: World, startMs: number): void {
  for (const [key, node] of Object.entries(NODES)) {
    const ready = key !== 'c';
    const createdMs = startMs - 41 * 86_400_000 + Number(node.ip.slice(-1)) * 60_000;
    const lost = startMs - NODE_C_LOST_AGO_S * 1000;
    world.store.put('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: node.name,
        uid: uidFor(`node:${node.name}`),
        creationTimestamp: iso(createdMs),
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': node.name,
          'kubernetes.io/os': 'linux',
          'node.kubernetes.io/instance-type': 'e2-standard-4',
          'topology.kubernetes.io/zone': key === 'b' ? 'europe-west1-c' : 'europe-west1-b',
          'cloud.google.com/gke-nodepool': key === 'c' ? 'ssd-pool' : 'default-pool',
          // Only the (now lost) node of the SSD pool carries it: a nodeSelector on it cannot be met.
          ...(key === 'c' ? { disktype: 'ssd' } : {}),
        },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
      },
      spec: {
        podCIDR: `${node.podCidr}.0/24`,
        podCIDRs: [`${node.podCidr}.0/24`],
        ...(ready
          ? {}
          : {
              taints: [
                { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: iso(lost + 5_000) },
                { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: iso(lost + 5_000) },
              ],
            }),
      },
      status: {
        capacity: {
          cpu: '4',
          'ephemeral-storage': '101430960Ki',
          'hugepages-1Gi': '0',
          'hugepages-2Mi': '0',
          memory: '16393220Ki',
          pods: '110',
        },
        allocatable: {
          cpu: '3920m',
          'ephemeral-storage': '47093746742',
          'hugepages-1Gi': '0',
          'hugepages-2Mi': '0',
          memory: '13717508Ki',
          pods: '110',
        },
        conditions: nodeConditions(ready, startMs, createdMs),
        addresses: [
          { type: 'InternalIP', address: node.ip },
          { type: 'Hostname', address: node.name },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          architecture: 'amd64',
          bootID: uidFor(`boot:${node.name}`),
          containerRuntimeVersion: 'containerd://1.7.24',
          kernelVersion: '6.8.0-1019-gcp',
          kubeProxyVersion: 'v1.31.4',
          kubeletVersion: 'v1.31.4',
          machineID: uidFor(`machine:${node.name}`).replace(/-/g, ''),
          operatingSystem: 'linux',
          osImage: 'Ubuntu 24.04.1 LTS',
          systemUUID: uidFor(`system:${node.name}`),
        },
      },
    });
  }
}

export interface Owner {
  /** The pods' controller (ReplicaSet, Job, StatefulSet). */
  ref: Json;
  /** Labels every pod of the owner carries. */
  labels: Record<string, string>;
  /** Name prefix of the owner's pods (`checkout-7d9f8b6c5d-`). */
  podPrefix: string;
  kind: string;
  name: string;
  namespace: string;
}

export interface WorkloadPlan {
  namespace: string;
  name: string;
  createdMs: number;
  replicas: number;
  /** The pod template spec exactly as the manifest in sample/ writes it. */
  podSpec: Json;
  labels?: Record<string, string>;
  /** Pods that exist and are ready, for the owners' status. */
  readyReplicas: number;
  availableReplicas?: number;
  currentReplicas?: number;
}

function templateLabels(plan: WorkloadPlan): Record<string, string> {
  return { app: plan.name, ...plan.labels };
}

/** Metadata of an object a controller manages, created with the plan at generation 1; `rest` follows. */
function controllerMetadata(
  plan: { namespace: string; createdMs: number },
  name: string,
  uid: string,
  rest: Json,
): Json {
  return {
    name,
    namespace: plan.namespace,
    uid,
    generation: 1,
    creationTimestamp: iso(plan.createdMs),
    ...rest,
  };
}

/** A Deployment and its current ReplicaSet; returns what the pods need to point at it. */
export function addDeployment(world: World, plan: WorkloadPlan): Owner {
  const hash = nameSuffix(`rs:${plan.namespace}/${plan.name}`, 10);
  const rsName = `${plan.name}-${hash}`;
  const deploymentUid = uidFor(`deploy:${plan.namespace}/${plan.name}`);
  const rsUid = uidFor(`rs:${plan.namespace}/${rsName}`);
  const labels = templateLabels(plan);
  const template = { metadata: { labels, creationTimestamp: null }, spec: plan.podSpec };
  const current = plan.currentReplicas ?? plan.replicas;
  const available = plan.availableReplicas ?? plan.readyReplicas;
  const progressing = available >= plan.replicas;
  world.store.put('deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: controllerMetadata(plan, plan.name, deploymentUid, {
      labels: { app: plan.name },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    }),
    spec: {
      replicas: plan.replicas,
      selector: { matchLabels: { app: plan.name } },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas: current,
      updatedReplicas: current,
      readyReplicas: plan.readyReplicas,
      availableReplicas: available,
      ...(current - available > 0 ? { unavailableReplicas: plan.replicas - available } : {}),
      conditions: [
        available >= plan.replicas
          ? condition(
              'Available',
              'True',
              plan.createdMs + 30_000,
              'MinimumReplicasAvailable',
              'Deployment has minimum availability.',
            )
          : condition(
              'Available',
              'False',
              plan.createdMs + 1_000,
              'MinimumReplicasUnavailable',
              'Deployment does not have minimum availability.',
            ),
        progressing
          ? condition(
              'Progressing',
              'True',
              plan.createdMs + 30_000,
              'NewReplicaSetAvailable',
              `ReplicaSet "${rsName}" has successfully progressed.`,
            )
          : condition(
              'Progressing',
              'False',
              plan.createdMs + 601_000,
              'ProgressDeadlineExceeded',
              `ReplicaSet "${rsName}" has timed out progressing.`,
            ),
      ].map(({ lastProbeTime: _drop, ...c }) => ({ ...c, lastUpdateTime: c.lastTransitionTime })),
    },
  });
  world.store.put('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: controllerMetadata(plan, rsName, rsUid, {
      labels: { ...labels, 'pod-template-hash': hash },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(plan.replicas),
        'deployment.kubernetes.io/max-replicas': String(plan.replicas + Math.ceil(plan.replicas / 4)),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [ownerRef('Deployment', 'apps/v1', plan.name, deploymentUid)],
    }),
    spec: {
      replicas: plan.replicas,
      selector: { matchLabels: { app: plan.name, 'pod-template-hash': hash } },
      template: {
        ...template,
        metadata: { ...template.metadata, labels: { ...labels, 'pod-template-hash': hash } },
      },
    },
    status: {
      replicas: current,
      fullyLabeledReplicas: current,
      readyReplicas: plan.readyReplicas,
      availableReplicas: available,
      observedGeneration: 1,
    },
  });
  return {
    ref: ownerRef('ReplicaSet', 'apps/v1', rsName, rsUid),
    labels: { ...labels, 'pod-template-hash': hash },
    podPrefix: `${rsName}-`,
    kind: 'ReplicaSet',
    name: rsName,
    namespace: plan.namespace,
  };
}

export interface JobPlan extends WorkloadPlan {
  cronJob?: string;
  succeeded?: number;
  failed?: number;
  completedMs?: number;
  backoffLimit?: number;
}

export function addJob(world: World, plan: JobPlan): Owner {
  const uid = uidFor(`job:${plan.namespace}/${plan.name}`);
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': plan.name,
    'controller-uid': uid,
    'job-name': plan.name,
    ...plan.labels,
  };
  const complete = plan.completedMs !== undefined;
  world.store.put('jobs', {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: controllerMetadata(plan, plan.name, uid, {
      labels,
      ...(plan.cronJob
        ? {
            ownerReferences: [
              ownerRef(
                'CronJob',
                'batch/v1',
                plan.cronJob,
                uidFor(`cronjob:${plan.namespace}/${plan.cronJob}`),
              ),
            ],
          }
        : {}),
    }),
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: plan.backoffLimit ?? 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { metadata: { labels, creationTimestamp: null }, spec: plan.podSpec },
    },
    status: {
      startTime: iso(plan.createdMs),
      ...(complete
        ? {
            completionTime: iso(plan.completedMs ?? plan.createdMs),
            succeeded: plan.succeeded ?? 1,
            conditions: [
              {
                ...condition(
                  'SuccessCriteriaMet',
                  'True',
                  plan.completedMs ?? 0,
                  'CompletionsReached',
                  'Reached expected number of succeeded pods',
                ),
                lastProbeTime: iso(plan.completedMs ?? 0),
              },
              {
                ...condition(
                  'Complete',
                  'True',
                  plan.completedMs ?? 0,
                  'CompletionsReached',
                  'Reached expected number of succeeded pods',
                ),
                lastProbeTime: iso(plan.completedMs ?? 0),
              },
            ],
          }
        : { active: plan.replicas, ready: plan.readyReplicas, terminating: 0 }),
      uncountedTerminatedPods: {},
    },
  });
  return {
    ref: ownerRef('Job', 'batch/v1', plan.name, uid),
    labels,
    podPrefix: `${plan.name}-`,
    kind: 'Job',
    name: plan.name,
    namespace: plan.namespace,
  };
}

export function addStatefulSet(
  world: World,
  plan: WorkloadPlan & { serviceName: string; volumeClaimTemplates: Json[] },
): Owner {
  const uid = uidFor(`sts:${plan.namespace}/${plan.name}`);
  const revision = `${plan.name}-${nameSuffix(`sts-rev:${plan.name}`, 10)}`;
  const labels = templateLabels(plan);
  world.store.put('statefulsets', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: controllerMetadata(plan, plan.name, uid, {
      labels,
    }),
    spec: {
      replicas: plan.replicas,
      serviceName: plan.serviceName,
      selector: { matchLabels: { app: plan.name } },
      template: { metadata: { labels, creationTimestamp: null }, spec: plan.podSpec },
      volumeClaimTemplates: plan.volumeClaimTemplates,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
    },
    status: {
      observedGeneration: 1,
      replicas: plan.replicas,
      readyReplicas: plan.readyReplicas,
      currentReplicas: plan.replicas,
      updatedReplicas: plan.replicas,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
      availableReplicas: plan.readyReplicas,
    },
  });
  return {
    ref: ownerRef('StatefulSet', 'apps/v1', plan.name, uid),
    labels: {
      ...labels,
      'apps.kubernetes.io/pod-index': '0',
      'controller-revision-hash': revision,
      'statefulset.kubernetes.io/pod-name': `${plan.name}-0`,
    },
    podPrefix: `${plan.name}-`,
    kind: 'StatefulSet',
    name: plan.name,
    namespace: plan.namespace,
  };
}
