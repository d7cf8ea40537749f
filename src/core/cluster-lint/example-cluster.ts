import { isObject } from '../manifest/workloads';
import type { DryRunOutcome } from './context';
import type { ClusterSnapshot } from './snapshot';

/**
 * The cluster the cluster rules' documented examples are judged against (docs/rules.md describes
 * it, and a test runs every example on it).
 */
export const EXAMPLE_CLUSTER: ClusterSnapshot = {
  context: 'prod-eu',
  defaultNamespace: 'shop',
  namespaces: {
    // What a GET of a namespace that does not exist records (404).
    'shop-staging': { namespace: { state: 'ok', exists: false, labels: {} } },
    shop: {
      namespace: {
        state: 'ok',
        exists: true,
        labels: {
          'kubernetes.io/metadata.name': 'shop',
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
      configMaps: { state: 'ok', items: [{ name: 'settings', keys: ['LOG_LEVEL', 'FEATURE_FLAGS'] }] },
      secrets: { state: 'ok', items: [{ name: 'db-credentials' }, { name: 'registry-pull' }] },
      persistentVolumeClaims: { state: 'ok', items: [{ name: 'uploads' }] },
      serviceAccounts: { state: 'ok', items: [{ name: 'default' }, { name: 'shop-api' }] },
      limitRanges: {
        state: 'ok',
        items: [
          {
            name: 'container-limits',
            limits: [
              {
                type: 'Container',
                max: { memory: '2Gi', cpu: '2' },
                defaultRequest: { cpu: '100m', memory: '128Mi' },
                default: { cpu: '500m', memory: '512Mi' },
              },
            ],
          },
        ],
      },
      resourceQuotas: {
        state: 'ok',
        items: [
          {
            name: 'compute',
            hard: { 'requests.cpu': '8', 'requests.memory': '16Gi', 'limits.memory': '24Gi' },
            used: { 'requests.cpu': '6', 'requests.memory': '10Gi', 'limits.memory': '16Gi' },
          },
        ],
      },
    },
  },
  priorityClasses: { state: 'ok', items: [{ name: 'business-critical', value: 100000 }] },
  runtimeClasses: { state: 'ok', items: [{ name: 'gvisor', handler: 'runsc' }] },
  nodes: {
    state: 'ok',
    items: [
      {
        name: 'cp-1',
        labels: { 'kubernetes.io/hostname': 'cp-1', 'node-role.kubernetes.io/control-plane': '' },
        taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
        allocatable: { cpu: '2', memory: '3920Mi', pods: '110' },
        unschedulable: false,
      },
      {
        name: 'worker-1',
        labels: { 'kubernetes.io/hostname': 'worker-1', disktype: 'hdd' },
        taints: [],
        allocatable: { cpu: '4', memory: '15Gi', pods: '110' },
        unschedulable: false,
      },
      {
        name: 'worker-2',
        labels: { 'kubernetes.io/hostname': 'worker-2', disktype: 'hdd' },
        taints: [],
        allocatable: { cpu: '4', memory: '15Gi', pods: '110' },
        unschedulable: false,
      },
    ],
  },
};

/** One paragraph for docs/rules.md: what the example cluster holds. */
export const EXAMPLE_CLUSTER_DESCRIPTION = [
  'The examples below are judged against an example cluster (context `prod-eu`, namespace `shop`):',
  'namespace `shop` labelled `pod-security.kubernetes.io/enforce: baseline` and `warn: restricted`;',
  'ConfigMap `settings` (keys `LOG_LEVEL`, `FEATURE_FLAGS`); Secrets `db-credentials`, `registry-pull`;',
  'PersistentVolumeClaim `uploads`; ServiceAccounts `default`, `shop-api`; PriorityClass',
  '`business-critical`; RuntimeClass `gvisor`; a LimitRange `container-limits` (Container max cpu 2,',
  'memory 2Gi; defaults cpu 500m / memory 512Mi, default requests cpu 100m / memory 128Mi); a',
  'ResourceQuota `compute` (hard requests.cpu 8, requests.memory 16Gi, limits.memory 24Gi; used 6,',
  '10Gi, 16Gi); nodes `cp-1` (control-plane taint, 2 CPU, 3920Mi), `worker-1` and `worker-2`',
  '(`disktype: hdd`, 4 CPU, 15Gi). With `--server-dry-run`, its admission webhook',
  '`require-team-label.policy.example.com` refuses objects without a `team` label.',
].join('\n');

/**
 * The example cluster's answer to a server-side dry run of each document: its admission webhook
 * `require-team-label.policy.example.com` refuses objects without a `team` label.
 */
export function exampleDryRun(objects: readonly unknown[]): ReadonlyMap<number, DryRunOutcome> {
  const outcomes = new Map<number, DryRunOutcome>();
  objects.forEach((object, index) => {
    const metadata = isObject(object) && isObject(object['metadata']) ? object['metadata'] : {};
    const labels = isObject(metadata['labels']) ? metadata['labels'] : {};
    if (typeof labels['team'] === 'string') return;
    outcomes.set(index, {
      error:
        'admission webhook "require-team-label.policy.example.com" denied the request: every object needs a "team" label',
    });
  });
  return outcomes;
}
