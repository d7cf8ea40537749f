import assert from 'node:assert/strict';
import type { NodeInfo } from '../../../src/core/cluster-lint/snapshot';
import { clusterFindings, lineAndMessage, shopCluster } from '../cluster-lint/fixtures';
import { applyFix, readManifest, span } from '../helpers';

const ID = 'cluster-unschedulable';
const deployment = readManifest('cluster/shop-api-deployment.yaml');
const withSpec = (lines: string) =>
  deployment.replace('      serviceAccountName', `${lines}      serviceAccountName`);
const CONTROL_PLANE = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

const node = (name: string, extra: Partial<NodeInfo> = {}): NodeInfo => ({
  name,
  labels: { 'kubernetes.io/hostname': name },
  taints: [],
  allocatable: { cpu: '8', memory: '32Gi', pods: '110' },
  unschedulable: false,
  ...extra,
});
const withNodes = (...nodes: NodeInfo[]) => shopCluster({}, { nodes: { state: 'ok', items: nodes } });

describe(ID, () => {
  it("says why no node fits, in the scheduler's own format, at the selector key no node has", () => {
    const findings = clusterFindings(ID, withSpec('      nodeSelector:\n        disktype: ssd\n'));
    assert.deepEqual(findings.map(lineAndMessage), [
      `19: The pod stays Pending (FailedScheduling): 0/3 nodes are available: ${CONTROL_PLANE}, 2 node(s) didn't match Pod's node affinity/selector.`,
    ]);
    assert.equal(span(findings[0]), '18:8-18:16');
  });

  it('counts requests larger than every allocatable, and points at the largest request', () => {
    const findings = clusterFindings(ID, deployment.replace('cpu: 250m', 'cpu: "6"'));
    assert.deepEqual(findings.map(lineAndMessage), [
      `43: The pod stays Pending (FailedScheduling): 0/3 nodes are available: ${CONTROL_PLANE}, 2 Insufficient cpu.`,
    ]);
  });

  it('computes pod requests as the scheduler does: sidecars add up, init containers take the maximum', () => {
    const nodes = withNodes(node('a', { allocatable: { cpu: '2', memory: '4Gi' } }));
    const pod = (init: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n${init}  containers:\n    - name: app\n      image: app:1\n      resources:\n        requests:\n          cpu: "1"\n`;
    const init =
      '    - name: migrate\n      image: m:1\n      resources:\n        requests:\n          cpu: 1500m\n';
    const sidecar =
      '    - name: proxy\n      image: p:1\n      restartPolicy: Always\n      resources:\n        requests:\n          cpu: 1500m\n';
    // max(1 + 0, 1.5) = 1.5 CPU fits 2; a 1.5-CPU sidecar makes it 1 + 1.5 = 2.5.
    assert.deepEqual(clusterFindings(ID, pod(init), nodes), []);
    assert.deepEqual(
      clusterFindings(ID, pod(sidecar), nodes).map((f) => f.message),
      ['The pod stays Pending (FailedScheduling): 0/1 nodes are available: 1 Insufficient cpu.'],
    );
  });

  it('applies required node affinity: In, NotIn, Exists, Gt and matchFields on metadata.name', () => {
    const nodes = withNodes(
      node('gpu-1', { labels: { 'kubernetes.io/hostname': 'gpu-1', gpus: '4', zone: 'eu-1a' } }),
      node('gpu-2', { labels: { 'kubernetes.io/hostname': 'gpu-2', gpus: '1', zone: 'eu-1b' } }),
    );
    const affinity = (expressions: string) =>
      withSpec(
        `      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - ${expressions}\n`,
      );
    assert.deepEqual(
      clusterFindings(ID, affinity('matchExpressions: [{ key: gpus, operator: Gt, values: ["2"] }]'), nodes),
      [],
    );
    assert.deepEqual(
      clusterFindings(
        ID,
        affinity('matchExpressions: [{ key: gpus, operator: Gt, values: ["4"] }]'),
        nodes,
      ).map(lineAndMessage),
      [
        "20: The pod stays Pending (FailedScheduling): 0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
      ],
    );
    assert.equal(
      clusterFindings(
        ID,
        affinity('matchExpressions: [{ key: zone, operator: NotIn, values: [eu-1a, eu-1b] }]'),
        nodes,
      ).length,
      1,
    );
    assert.deepEqual(
      clusterFindings(
        ID,
        affinity('matchFields: [{ key: metadata.name, operator: In, values: [gpu-2] }]'),
        nodes,
      ),
      [],
    );
    assert.equal(
      clusterFindings(ID, affinity('matchExpressions: [{ key: accelerator, operator: Exists }]'), nodes)
        .length,
      1,
    );
  });

  it('offers the missing toleration for a dedicated node pool, and the fixed manifest schedules', () => {
    const nodes = withNodes(
      node('db-1', { taints: [{ key: 'dedicated', value: 'database', effect: 'NoSchedule' }] }),
      node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
    );
    const [finding] = clusterFindings(ID, deployment, nodes);
    assert.equal(
      finding?.message,
      'The pod stays Pending (FailedScheduling): 0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: database}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.',
    );
    assert.equal(finding?.fix?.title, 'Tolerate dedicated=database:NoSchedule');
    const fixed = applyFix(deployment, finding?.fix);
    // Written in the manifest's own block layout, as Apply fix writes.
    assert.ok(
      fixed.endsWith(
        '      tolerations:\n        - key: dedicated\n          operator: Equal\n          value: database\n          effect: NoSchedule\n',
      ),
      fixed,
    );
    assert.deepEqual(clusterFindings(ID, fixed, nodes), []);
    // An existing list gets one more entry.
    const listed = withSpec('      tolerations:\n        - key: spot\n          operator: Exists\n');
    const [again] = clusterFindings(ID, listed, nodes);
    assert.deepEqual(clusterFindings(ID, applyFix(listed, again?.fix), nodes), []);
  });

  it('honours toleration semantics: Exists, empty effect, wrong value, and cordoned nodes', () => {
    const nodes = withNodes(
      node('db-1', { taints: [{ key: 'dedicated', value: 'database', effect: 'NoExecute' }] }),
    );
    const tolerate = (t: string) => withSpec(`      tolerations:\n        - ${t}\n`);
    assert.deepEqual(clusterFindings(ID, tolerate('{ key: dedicated, operator: Exists }'), nodes), []);
    assert.deepEqual(clusterFindings(ID, tolerate('{ operator: Exists }'), nodes), []);
    assert.deepEqual(clusterFindings(ID, tolerate('{ key: dedicated, value: database }'), nodes), []);
    assert.equal(clusterFindings(ID, tolerate('{ key: dedicated, value: cache }'), nodes).length, 1);
    assert.equal(
      clusterFindings(ID, tolerate('{ key: dedicated, value: database, effect: NoSchedule }'), nodes).length,
      1,
    );
    const cordoned = withNodes(node('a', { unschedulable: true }), node('b', { unschedulable: true }));
    assert.deepEqual(
      clusterFindings(ID, deployment, cordoned).map((f) => f.message),
      ['The pod stays Pending (FailedScheduling): 0/2 nodes are available: 2 node(s) were unschedulable.'],
    );
  });

  it('is quiet when a node fits, for DaemonSets, and says once when Nodes cannot be listed', () => {
    assert.deepEqual(clusterFindings(ID, deployment), []);
    const daemonSet = readManifest('cluster/node-agent-daemonset.yaml').replace(
      'namespace: payments',
      'namespace: shop',
    );
    assert.deepEqual(
      clusterFindings(ID, daemonSet.replace('hostNetwork: true', 'nodeSelector: { disktype: ssd }')),
      [],
    );
    const forbidden = shopCluster({}, { nodes: { state: 'forbidden' } });
    assert.deepEqual(clusterFindings(ID, deployment, forbidden).map(lineAndMessage), [
      '22: Cannot check Nodes: forbidden.',
    ]);
  });
});
