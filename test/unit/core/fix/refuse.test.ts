import assert from 'node:assert/strict';
import { refusal } from './fix-test-helpers';

/** Apply fix refuses, with one sentence saying what to do, where an edit would not be safe. */

const pod = (containers: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
${containers}`;

const MEMORY = 'spec.containers[api].resources.limits.memory';

describe('apply fix: refusals', () => {
  it('refuses a Helm template', () => {
    const text = pod(`    - name: api
      image: "{{ .Values.image }}"
      resources:
        limits:
          memory: 256Mi
`);
    assert.equal(
      refusal(text, MEMORY, '320Mi'),
      'This manifest is a template ({{ … }}); set spec.containers[api].resources.limits.memory to 320Mi by hand in the chart or its values.',
    );
  });

  it('refuses when the container is not in the manifest', () => {
    const text = pod('    - name: web\n      image: nginx:1.27\n');
    assert.equal(
      refusal(text, MEMORY, '320Mi'),
      'This Pod has no container named api; set spec.containers[api].resources.limits.memory to 320Mi by hand where it is defined.',
    );
  });

  it('refuses when two containers share the name', () => {
    const text = pod('    - name: api\n      image: a:1\n    - name: api\n      image: b:1\n');
    assert.match(refusal(text, MEMORY, '320Mi'), /^More than one item of this Pod is named api; /);
  });

  it('refuses a partial object (a Kustomize patch) and a document without a pod template', () => {
    const patch = `kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          resources:
            limits:
              memory: 256Mi
`;
    assert.match(
      refusal(patch, MEMORY, '320Mi'),
      /^This Deployment is a partial object \(a patch\); .* in the manifest that defines it\.$/,
    );
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports: [{port: 80}]\n';
    assert.match(refusal(service, MEMORY, '320Mi'), /^This Service has no pod template; /);
  });

  it('refuses when the value is already set, and invalid YAML', () => {
    const text = pod('    - name: api\n      image: a:1\n      resources: {limits: {memory: 320Mi}}\n');
    assert.equal(refusal(text, MEMORY, '320Mi'), 'limits.memory of api already has this value.');
    assert.equal(
      refusal(`${pod('    - name: api\n')}  bad: [\n`, MEMORY, '320Mi'),
      'This document is not valid YAML; correct its syntax, then apply the fix.',
    );
  });

  it('refuses a value the field cannot take, and an anchored value other fields share', () => {
    const text = pod(`    - name: api
      image: a:1
      readinessProbe:
        httpGet: {path: /ready, port: 8080}
        periodSeconds: 10
`);
    assert.match(
      refusal(text, 'spec.containers[api].readinessProbe.initialDelaySeconds', 'soon'),
      /^soon is not a value spec\.containers\[api\]\.readinessProbe\.initialDelaySeconds can take; /,
    );
    const anchored = pod(`    - name: api
      image: a:1
      resources:
        requests: {memory: &mem 256Mi}
        limits: {memory: *mem}
`);
    assert.match(
      refusal(anchored, 'spec.containers[api].resources.requests.memory', '320Mi'),
      /^Pod Doctor cannot edit this spot of the manifest safely; /,
    );
  });

  it('does not repeat a long value (a whole probe) in the sentence', () => {
    const text = `${pod('    - name: web\n      image: a:1\n')}`;
    const probe = JSON.stringify({
      httpGet: { path: '/healthz', port: 8080 },
      periodSeconds: 10,
      failureThreshold: 30,
    });
    assert.equal(
      refusal(text, 'spec.containers[api].startupProbe', probe),
      'This Pod has no container named api; set spec.containers[api].startupProbe by hand where it is defined.',
    );
  });
});
