import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../src/core/lint/engine';

const CORPUS = join(__dirname, '../fixtures/manifests/real-world');

/**
 * Every file of the real-world corpus (public manifests, each naming its source in its first line)
 * with its number of Kubernetes objects and the findings judged right for it, as `rule-id line`
 * (1-based, as the CLI prints them). A new file must be triaged here before the test passes.
 */
const EXPECTED: Readonly<Record<string, readonly [objects: number, findings: readonly string[]]>> = {
  'argo-cd-repo-server-deployment.yaml': [
    1,
    [
      'resources-memory-limit-missing 23',
      'image-latest-tag 24',
      'image-latest-tag 107',
      'resources-memory-limit-missing 108',
    ],
  ],
  'calico-custom-resources.yaml': [4, []],
  // An unrendered Helm template: one warning that says to render it, nothing else.
  'cert-manager-startupapicheck-job-template.yaml': [0, ['yaml-syntax 2']],
  // Probes on the undeclared health ports 8080 and 8181 are not typos of 53 or 9153: noted as info.
  'coredns-coredns.yaml': [6, ['probe-port-unknown 155', 'probe-port-unknown 164']],
  'examples-cockroachdb-statefulset.yaml': [
    3,
    [
      'schema-api-version 24', // policy/v1beta1 PodDisruptionBudget, removed in 1.25
      'resources-memory-limit-missing 54',
      'resources-memory-limit-missing 81',
      'probe-missing-readiness 84',
    ],
  ],
  'examples-vllm-deployment.yaml': [1, []],
  // The controller probes 10254, which it does not declare: not a typo of 80, 443 or 8443, noted as info.
  'ingress-nginx-deploy.yaml': [
    9,
    [
      'probe-port-unknown 150',
      'probe-port-unknown 171',
      'resources-memory-limit-missing 177',
      'resources-memory-limit-missing 238',
    ],
  ],
  'ingress-nginx-github-workflow-stale.yaml': [0, []],
  'kube-prometheus-alertmanager.yaml': [1, []],
  'kube-prometheus-blackbox-exporter-deployment.yaml': [
    1,
    ['probe-missing-readiness 36', 'probe-missing-readiness 92'],
  ],
  'kube-prometheus-node-exporter-daemonset.yaml': [1, ['probe-missing-readiness 78']],
  'kube-state-metrics-deployment.yaml': [1, ['resources-memory-limit-missing 29']],
  'metrics-server-deployment.yaml': [1, ['resources-memory-limit-missing 29']],
  'metrics-server-helm-values.yaml': [0, []],
  'non-kubernetes-compose-ansible-openapi.yaml': [0, []],
  // Mounts of volumeClaimTemplates are defined volumes.
  'website-cassandra-statefulset.yaml': [2, []],
  'website-cronjob.yaml': [
    1,
    ['schema-api-version 2', 'resources-memory-limit-missing 13', 'image-latest-tag 14'],
  ],
  'website-dependent-envars.yaml': [1, ['resources-memory-limit-missing 8', 'image-latest-tag 14']],
  'website-deployment-sidecar.yaml': [
    1,
    [
      'resources-memory-limit-missing 19',
      'image-latest-tag 20',
      'resources-memory-limit-missing 26',
      'image-latest-tag 27',
    ],
  ],
  // Known false positive of the YAML parser, not of a rule: kubectl (go-yaml) accepts the `\'`
  // escape in a double-quoted scalar, js-yaml rejects it. Update this entry when the parser does.
  'website-envars-file-container.yaml': [0, ['yaml-syntax 10']],
  'website-exec-liveness.yaml': [1, ['resources-memory-limit-missing 14']],
  'website-grpc-liveness.yaml': [1, ['resources-memory-limit-missing 11', 'probe-missing-readiness 24']],
  'website-image-volumes.yaml': [1, ['resources-memory-limit-missing 11', 'image-latest-tag 16']],
  'website-init-containers.yaml': [
    1,
    [
      'resources-memory-limit-missing 11',
      'image-latest-tag 12',
      'probe-missing-readiness 13',
      'resources-memory-limit-missing 23',
    ],
  ],
  'website-job-sidecar.yaml': [
    1,
    [
      'resources-memory-limit-missing 10',
      'image-latest-tag 11',
      'resources-memory-limit-missing 17',
      'image-latest-tag 18',
    ],
  ],
  'website-memory-request-limit.yaml': [1, ['image-latest-tag 13']],
  'website-mysql-statefulset.yaml': [
    1,
    [
      'resources-memory-limit-missing 18',
      'resources-memory-limit-missing 42',
      'resources-memory-limit-missing 80',
      'probe-missing-readiness 99', // xtrabackup serves 3307; only the mysql container has a readinessProbe
      'resources-memory-limit-missing 150',
    ],
  ],
  // The pod-level memory limit covers the container that sets none.
  'website-pod-level-resize.yaml': [1, ['image-latest-tag 28']],
  'website-restart-all-containers.yaml': [
    1,
    [
      'resources-memory-limit-missing 12',
      'resources-memory-limit-missing 22',
      'resources-memory-limit-missing 44',
    ],
  ],
  'website-startup-coordination.yaml': [
    1,
    ['resources-memory-limit-missing 8', 'resources-memory-limit-missing 20'],
  ],
  'website-zookeeper.yaml': [4, ['resources-memory-limit-missing 73', 'probe-liveness-equals-readiness 113']],
};

const lintCorpusFile = (name: string) => lintText(readFileSync(join(CORPUS, name), 'utf8'));

describe('lint on the real-world corpus', () => {
  const files = readdirSync(CORPUS)
    .filter((name) => name.endsWith('.yaml'))
    .sort();

  it('has a triaged entry for every corpus file and a file for every entry', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  for (const name of files) {
    it(`reports exactly the findings judged right on ${name}`, () => {
      const { objects, findings } = lintCorpusFile(name);
      const [expectedObjects, expectedFindings] = EXPECTED[name] ?? [NaN, []];
      assert.deepEqual(
        findings.map((f) => `${f.ruleId} ${f.start.line + 1}`),
        expectedFindings,
      );
      assert.equal(objects, expectedObjects);
    });
  }

  it('only notes (info) the health port ingress-nginx probes without declaring it', () => {
    const notes = lintCorpusFile('ingress-nginx-deploy.yaml').findings.filter(
      (f) => f.ruleId === 'probe-port-unknown',
    );
    assert.deepEqual(
      notes.map((f) => f.severity),
      ['info', 'info'],
    );
    assert.equal(
      notes[0]?.message,
      'The livenessProbe of container "controller" checks port 10254, which the container does not declare (it declares 80, 443, 8443). Declaring ports is informational, so this works if the application listens on 10254; if it listens only on the declared ports, every check fails.',
    );
  });

  it('says why the removed PodDisruptionBudget version fails, and that the mysql pod waits for the mysql probe', () => {
    const [pdb] = lintCorpusFile('examples-cockroachdb-statefulset.yaml').findings;
    assert.equal(
      pdb?.message,
      'PodDisruptionBudget is served as apiVersion "policy/v1", not "policy/v1beta1" (policy/v1beta1 was removed for PodDisruptionBudget in Kubernetes 1.25); kubectl apply fails with "no matches for kind".',
    );
    const readiness = lintCorpusFile('website-mysql-statefulset.yaml').findings.find(
      (f) => f.ruleId === 'probe-missing-readiness',
    );
    assert.equal(
      readiness?.message,
      'Container "xtrabackup" declares ports but has no readinessProbe: the pod receives Service traffic on its ports as soon as the readinessProbe of "mysql" passes, whether or not this container listens yet. Add a readinessProbe on the serving port.',
    );
  });
});
