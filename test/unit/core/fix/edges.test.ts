import assert from 'node:assert/strict';
import { applied, assertOnlyChanged, refusal } from './fix-test-helpers';

/** Apply fix on the less common ways people write manifests. */

const MEMORY = 'spec.containers[api].resources.limits.memory';

/** A Pod "api" whose pod spec has the lines `spec` (indented by 2). */
const pod = (spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n${spec}`;
const LIMIT = ['spec', 'containers', 0, 'resources', 'limits', 'memory'];

describe('apply fix: unusual manifests', () => {
  it('keeps a JSON manifest valid JSON', () => {
    const text = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'api' },
        spec: { containers: [{ name: 'api', image: 'api:1', resources: { requests: { cpu: 1 } } }] },
      },
      null,
      2,
    );
    const out = applied(text, MEMORY, '1408Mi').text;
    assert.deepEqual(JSON.parse(out).spec.containers[0].resources, {
      requests: { cpu: 1 },
      limits: { memory: '1408Mi' },
    });
    const cpu = applied(text, 'spec.containers[api].resources.requests.cpu', '500m').text;
    assert.equal(JSON.parse(cpu).spec.containers[0].resources.requests.cpu, '500m');
    const secrets = applied(text, 'spec.imagePullSecrets', '- name: regcred').text;
    assert.deepEqual(JSON.parse(secrets).spec.imagePullSecrets, [{ name: 'regcred' }]);
  });

  it('inserts after a block scalar that ends the container', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: busybox:1.36
      command:
        - sh
        - -c
        - |
          echo starting
          exec ./server
  restartPolicy: Always
`;
    const out = applied(text, MEMORY, '64Mi').text;
    assert.equal(
      out,
      text.replace(
        '          exec ./server\n',
        '          exec ./server\n      resources:\n        limits:\n          memory: 64Mi\n',
      ),
    );
    assertOnlyChanged(text, out, LIMIT, '64Mi');
  });

  it('finds quoted keys, and keeps comments and a leading document marker', () => {
    const text = `# checkout API, owned by team-payments
---
"apiVersion": v1
kind: Pod
metadata: {name: api}
spec:
  "containers":
  # the API itself
  - "name": api
    image: api:1
    "resources":
      # limits reviewed 2026-10
      "limits":
        "memory": '256Mi' # p99 + 20%

    # no probes yet
`;
    const out = applied(text, MEMORY, '1408Mi').text;
    assert.equal(out, text.replace("'256Mi' # p99", "'1408Mi' # p99"));
    const cpu = applied(text, 'spec.containers[api].resources.limits.cpu', '1').text;
    assert.equal(cpu, text.replace('# p99 + 20%\n', '# p99 + 20%\n        cpu: "1"\n'));
    assertOnlyChanged(text, cpu, ['spec', 'containers', 0, 'resources', 'limits', 'cpu'], '1');
  });

  it('puts a new pod field after the containers of a pod with comments between its keys', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: api:1
      # TODO: resources
  # scheduling
  priorityClassName: high
`;
    const out = applied(text, 'spec.nodeSelector', 'kubernetes.io/arch: amd64').text;
    assert.equal(out, `${text}  nodeSelector:\n    kubernetes.io/arch: amd64\n`);
  });

  it('refuses a container written as an alias or merged from an anchor', () => {
    const alias = `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  initContainers:
    - &api
      name: migrate
      image: api:1
      resources: {limits: {memory: 256Mi}}
  containers:
    - name: api
      image: api:1
      resources: {limits: {memory: 256Mi}}
    - <<: *api
      name: worker
`;
    assert.match(
      refusal(alias, 'spec.containers[worker].resources.limits.memory', '320Mi'),
      /^Pod Doctor cannot edit this spot of the manifest safely; /,
    );
    const out = applied(alias, MEMORY, '320Mi').text;
    assertOnlyChanged(alias, out, ['spec', 'containers', 0, 'resources', 'limits', 'memory'], '320Mi');
  });

  it('refuses a list item value on a field that is not a list', () => {
    const text = pod('  imagePullSecrets: regcred\n  containers:\n    - name: api\n      image: api:1\n');
    assert.match(
      refusal(text, 'spec.imagePullSecrets', '- name: regcred'),
      /cannot edit this spot .* safely/,
    );
  });

  it('does not add a list item that is already there', () => {
    const text = pod(
      '  imagePullSecrets:\n    - name: regcred\n  containers:\n    - name: api\n      image: api:1\n',
    );
    assert.equal(
      refusal(text, 'spec.imagePullSecrets', '- name: regcred'),
      'imagePullSecrets already has this value.',
    );
  });
});
