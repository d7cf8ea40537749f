import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { JsonObject } from '../../src/core/manifest/types';
import {
  apiVersionOfKind,
  describeField,
  fieldsOf,
  knownKind,
  resolveField,
  rootTypeForKind,
} from '../../src/core/schema';
import { schemaIssues } from '../../src/core/schema/validate';

const root = join(__dirname, '..', '..');

describe('schema catalog', () => {
  it('is current with @kubernetes/client-node (gen-schema --check)', () => {
    try {
      execFileSync(process.execPath, [join(root, 'scripts/gen-schema.mjs'), '--check'], { stdio: 'pipe' });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      assert.fail(`gen-schema --check failed: ${stderr.trim()}`);
    }
  });

  it('maps kinds to root models, case-insensitively, and skips custom resource groups', () => {
    assert.equal(rootTypeForKind('Pod'), 'V1Pod');
    assert.equal(rootTypeForKind('pod', 'v1'), 'V1Pod');
    assert.equal(rootTypeForKind('CronJob', 'batch/v1'), 'V1CronJob');
    assert.equal(rootTypeForKind('Deployment', 'extensions/v1beta1'), 'V1Deployment');
    assert.equal(rootTypeForKind('Deployment', 'apps.openshift.io/v1'), undefined);
    assert.equal(rootTypeForKind('ServiceMonitor', 'monitoring.coreos.com/v1'), undefined);
    assert.equal(knownKind('statefulset'), 'StatefulSet');
    assert.equal(apiVersionOfKind('daemonset'), 'apps/v1');
  });

  it('lists a model’s fields with types and required flags', () => {
    assert.deepEqual(fieldsOf('V1ContainerPort'), [
      { name: 'containerPort', type: 'integer', required: true },
      { name: 'hostIP', type: 'string', required: false },
      { name: 'hostPort', type: 'integer', required: false },
      { name: 'name', type: 'string', required: false },
      { name: 'protocol', type: 'string', required: false },
    ]);
    assert.deepEqual(fieldsOf('integer'), []);
  });

  it('resolves paths through arrays, maps and nested models', () => {
    const containers = ['spec', 'template', 'spec', 'containers'];
    assert.deepEqual(resolveField('Deployment', [...containers]), {
      typeName: 'V1Container',
      fieldName: 'containers',
      type: 'array<V1Container>',
      required: true,
      parentType: 'V1PodSpec',
    });
    assert.deepEqual(resolveField('Deployment', [...containers, 0, 'ports', 1, 'containerPort']), {
      typeName: 'integer',
      fieldName: 'containerPort',
      type: 'integer',
      required: true,
      parentType: 'V1ContainerPort',
    });
    assert.deepEqual(resolveField('Pod', ['metadata', 'labels', 'app.kubernetes.io/name']), {
      typeName: 'string',
      fieldName: 'labels',
      type: 'string',
      required: false,
      parentType: 'V1ObjectMeta',
    });
    assert.equal(
      resolveField('Pod', ['spec', 'containers', 0, 'resources', 'limits', 'memory'])?.type,
      'Quantity',
    );
    assert.equal(resolveField('Pod', ['spec', 'volumes', 0, 'emptyDir', 'sizeLimit'])?.type, 'Quantity');
    assert.equal(
      resolveField('Pod', ['spec', 'containers', 0, 'livenessProbe', 'httpGet', 'port'])?.type,
      'IntOrString',
    );
    assert.equal(
      resolveField('Deployment', ['spec', 'strategy', 'rollingUpdate', 'maxSurge'])?.type,
      'IntOrString',
    );
    assert.equal(resolveField('Service', ['spec', 'ports', 0, 'targetPort'])?.type, 'IntOrString');
    assert.equal(
      resolveField('CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'command'])
        ?.type,
      'array<string>',
    );
    assert.equal(resolveField('Pod', ['spec', 'containers', 0, 'images']), undefined);
    assert.equal(resolveField('Pod', ['spec', 'containers', 'web']), undefined);
    assert.equal(resolveField('Widget', ['spec']), undefined);
  });

  it('describes fields for hovers, with the API’s text', () => {
    const image = describeField('Pod', ['spec', 'containers', 0, 'image']);
    assert.equal(image?.name, 'image');
    assert.equal(image?.type, 'string');
    assert.equal(image?.required, false);
    assert.match(image?.description ?? '', /^Container image name\./);
    const replicas = describeField('Deployment', ['spec', 'replicas']);
    assert.equal(replicas?.type, 'integer');
    assert.match(replicas?.description ?? '', /desired pods/);
    // The client gives IntOrString fields the type's generic doc instead of their own; it is dropped.
    assert.equal(
      describeField('Pod', ['spec', 'containers', 0, 'livenessProbe', 'httpGet', 'port'])?.description,
      undefined,
    );
    assert.equal(describeField('Pod', []), undefined);
  });
});

describe('schema walk', () => {
  it('visits an object shared through aliases once, however often it is referenced', () => {
    const env = { name: 'A', value: 1, valeu: 'x' };
    const container = { name: 'web', image: 'nginx', env: Array.from({ length: 1000 }, () => env) };
    const pod: JsonObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      spec: { containers: Array.from({ length: 1000 }, () => container) },
    };
    const issues = schemaIssues(pod, 'Pod', 'v1');
    assert.deepEqual(
      issues.unknownFields.map((i) => i.path),
      [['spec', 'containers', 0, 'env', 0, 'valeu']],
    );
    assert.deepEqual(
      issues.types.map((i) => i.path),
      [['spec', 'containers', 0, 'env', 0, 'value']],
    );
  });

  it('ignores status and free-form values, and accepts numbers as map keys', () => {
    const pod: JsonObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web',
        labels: { 1: 'one' },
        managedFields: [{ fieldsV1: { 'f:x': { deep: [1] } } }],
      },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
      status: { phase: 42, whatever: true },
    };
    assert.deepEqual(schemaIssues(pod, 'Pod', 'v1'), { unknownFields: [], types: [], required: [] });
  });

  it('has no issues for unknown kinds', () => {
    const widget: JsonObject = { apiVersion: 'example.com/v1', kind: 'Widget', spec: { anything: 1 } };
    assert.deepEqual(schemaIssues(widget, 'Widget', 'example.com/v1').unknownFields, []);
  });
});
