import assert from 'node:assert/strict';
import { assertSilentOnRealisticManifests, findingsOfRule, readManifest, span } from '../helpers';

const ID = 'probe-port-unknown';
const run = findingsOfRule(ID);

describe(ID, () => {
  const findings = run(readManifest('probes/probe-mistakes.statefulset.yaml'));

  it('reports a misspelt named port as an error with a did-you-mean', () => {
    const f = findings[0];
    assert.equal(span(f), '29:20-29:29');
    assert.equal(f?.severity, 'error');
    assert.equal(
      f?.message,
      'The readinessProbe of container "postgres" uses port "postgress", but the container declares "postgres": the kubelet cannot resolve it and every check fails. Did you mean "postgres"?',
    );
    assert.deepEqual(f?.suggestions, ['postgres']);
  });

  it('warns about a port number that is a typo of a declared one', () => {
    const f = findings[1];
    assert.equal(span(f), '34:20-34:24');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'The startupProbe of container "postgres" checks port 5423, which the container does not declare, while it declares 5432: the checks fail unless something listens on 5423. Did you mean 5432?',
    );
    assert.deepEqual(f?.suggestions, ['5432']);
    assert.equal(findings.length, 2);
  });

  it('takes swapped, left-out and doubled digits for typos, and only notes other undeclared numbers', () => {
    const probing = (port: number) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n        - containerPort: 443\n      readinessProbe:\n        httpGet:\n          path: /\n          port: ${port}\n`;
    const typos = [8008, 808, 80800, 4443].map((port) =>
      run(probing(port)).map((f) => [f.severity, f.suggestions]),
    );
    assert.deepEqual(typos, [
      [['warning', ['8080']]],
      [['warning', ['8080']]],
      [['warning', ['8080']]],
      [['warning', ['443']]],
    ]);
    // ingress-nginx probes 10254 and CoreDNS 8080/8181 besides several declared ports; 8081 is a neighbour, 8443 not a typo of 443.
    for (const port of [10254, 8081, 9090, 8443, 80]) {
      const findings = run(probing(port));
      assert.deepEqual(
        findings.map((f) => f.severity),
        ['info'],
        String(port),
      );
      assert.equal(findings[0]?.suggestions, undefined);
    }
    assert.equal(
      run(probing(10254))[0]?.message,
      'The readinessProbe of container "web" checks port 10254, which the container does not declare (it declares 8080, 443). Declaring ports is informational, so this works if the application listens on 10254; if it listens only on the declared ports, every check fails.',
    );
  });

  it('warns when the probe checks another port than the only one the container declares', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: frontend\nspec:\n  containers:\n    - name: frontend\n      image: registry.example.com/web/frontend:3.9.0\n      ports:\n        - containerPort: 3000\n          name: http\n      readinessProbe:\n        httpGet:\n          path: /healthz\n          port: 8080\n';
    const [f, ...rest] = run(text);
    assert.equal(rest.length, 0);
    assert.equal(span(f), '14:16-14:20');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'The readinessProbe of container "frontend" checks port 8080, but the container declares only port 3000: unless the application also listens on 8080, every check fails. Probe port 3000, or declare 8080 if it is a separate health port.',
    );
    assert.deepEqual(f?.suggestions, ['3000']);
  });

  it('explains a quoted port number', () => {
    const text = readManifest('realistic/checkout.deployment.yaml').replace(
      '              path: /ready\n              port: http',
      '              path: /ready\n              port: "8080"',
    );
    const [f] = run(text);
    assert.equal(span(f), '70:20-70:26');
    assert.match(f?.message ?? '', /quoted port "8080", which is read as a port name/);
  });

  it('rejects a named gRPC port and ignores ports of probes sent to another host', () => {
    const pod = (probe: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      image: registry.example.com/api:5.1.0\n      ports:\n        - name: grpc\n          containerPort: 9090\n      livenessProbe:\n${probe}`;
    const [grpc, ...rest] = run(pod('        grpc:\n          port: grpc\n'));
    assert.equal(rest.length, 0);
    assert.equal(span(grpc), '13:16-13:20');
    assert.equal(
      grpc?.message,
      'The livenessProbe of container "api" names its gRPC port "grpc", but gRPC probes take a port number only, so the API server rejects the pod. Use the number of the port.',
    );
    assert.deepEqual(run(pod('        grpc:\n          port: 9090\n')), []);
    assert.deepEqual(run(pod('        httpGet:\n          host: auth.internal\n          port: 8081\n')), []);
    assert.equal(run(pod('        httpGet:\n          port: 9009\n')).length, 1);
  });

  it('is silent for declared names and numbers, and for numbers when no ports are declared', () => {
    assertSilentOnRealisticManifests(run);
    const noPorts =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      livenessProbe:\n        tcpSocket:\n          port: 80\n';
    assert.deepEqual(run(noPorts), []);
  });
});
