import assert from 'node:assert/strict';
import {
  mergeRenderedFindings,
  parseKustomization,
  relativePath,
  translatePath,
  type MappedFinding,
} from '../../../src/core/kustomize';
import type { Finding } from '../../../src/core/lint/types';

describe('kustomization files', () => {
  it('finds resources, deprecated bases, components and every kind of patch', () => {
    const text = [
      'bases:',
      '  - ../../base',
      'resources:',
      '  - extra.yaml',
      '  - github.com/acme/shared//web?ref=v1.2.0',
      'components:',
      '  - ../../components/metrics',
      'patchesStrategicMerge:',
      '  - memory.yaml',
      '  - |-',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      '    metadata: {name: web}',
      'patches:',
      '  - path: ./patches/probe.yaml',
      '    target: {kind: Deployment, name: "web|worker"}',
      'patchesJson6902:',
      '  - target: {group: apps, version: v1, kind: StatefulSet, name: db}',
      '    path: db-ops.yaml',
      '',
    ].join('\n');
    const k = parseKustomization('/repo/overlays/prod/kustomization.yaml', text);
    assert.equal(k.kind, 'Kustomization');
    assert.deepEqual(k.resources, ['/repo/overlays/prod/extra.yaml', '/repo/base']);
    assert.deepEqual(k.components, ['/repo/components/metrics']);
    assert.deepEqual(
      k.patches.map((p) => `${p.field}[${p.index}] ${p.file ?? 'inline'} ${p.target?.kind ?? ''}`),
      [
        'patchesStrategicMerge[0] /repo/overlays/prod/memory.yaml ',
        'patchesStrategicMerge[1] inline ',
        'patches[0] /repo/overlays/prod/patches/probe.yaml Deployment',
        'patchesJson6902[0] /repo/overlays/prod/db-ops.yaml StatefulSet',
      ],
    );
    const inline = k.patches[1]!.inline!;
    // "kind: Deployment" is the inline text's second line, the file's 12th, indented by 4.
    const offset = inline.toOuter(inline.text.indexOf('kind'));
    assert.equal(text.slice(offset, offset + 16), 'kind: Deployment');
  });

  it('never throws on a broken kustomization', () => {
    const k = parseKustomization('/r/kustomization.yaml', 'resources: [\n');
    assert.deepEqual([k.resources, k.patches], [[], []]);
    assert.equal(parseKustomization('/r/Kustomization', 'kind: Component\n').kind, 'Component');
  });

  it('matches list entries by merge key, as strategic merge does', () => {
    const rendered = {
      spec: {
        containers: [
          { name: 'log-shipper', image: 'fluent-bit' },
          { name: 'api', ports: [{ containerPort: 80 }] },
        ],
      },
    };
    const patch = { spec: { containers: [{ name: 'api', ports: [{ containerPort: 80 }] }] } };
    assert.deepEqual(translatePath(rendered, patch, ['spec', 'containers', 1, 'ports', 0, 'containerPort']), [
      'spec',
      'containers',
      0,
      'ports',
      0,
      'containerPort',
    ]);
    assert.equal(translatePath(rendered, patch, ['spec', 'containers', 0, 'image']), undefined);
    assert.equal(relativePath('/repo', '/repo/overlays/prod'), 'overlays/prod');
    assert.equal(relativePath('/repo/a', '/repo/b/c'), '../b/c');
  });
});

describe('merging rendered findings', () => {
  const finding = (line: number, ruleId: string, extra: Partial<Finding> = {}): Finding => ({
    ruleId,
    severity: 'warning',
    message: `${ruleId} at ${line}`,
    range: { start: line * 10, end: line * 10 + 5 },
    start: { line, character: 0 },
    end: { line, character: 5 },
    documentIndex: 0,
    path: [],
    ...extra,
  });
  const rendered = (
    file: string,
    f: Finding,
    via: string,
    objectRange?: { start: number; end: number },
  ): MappedFinding => ({
    ...f,
    file,
    via: [via],
    ...(objectRange ? { objectRange } : {}),
  });

  it('keeps one finding per file, line and rule, listing every overlay it came through', () => {
    const direct = new Map([
      [
        '/r/base/d.yaml',
        [finding(4, 'image-latest-tag'), finding(9, 'resources-memory-limit-missing', { absent: true })],
      ],
    ]);
    const merged = mergeRenderedFindings(direct, [
      rendered('/r/base/d.yaml', finding(4, 'image-latest-tag'), '/r/overlays/dev'),
      rendered('/r/base/d.yaml', finding(4, 'image-latest-tag'), '/r/overlays/prod'),
      rendered(
        '/r/base/d.yaml',
        finding(1, 'resources-memory-limit-missing', { absent: true }),
        '/r/overlays/dev',
        {
          start: 0,
          end: 200,
        },
      ),
      rendered('/r/overlays/prod/p.yaml', finding(3, 'probe-too-aggressive'), '/r/overlays/prod'),
    ]);
    assert.deepEqual(
      [...merged].flatMap(([file, list]) =>
        list.map((f) => `${file}:${f.start.line} ${f.ruleId} ${(f.via ?? []).join(',')}`),
      ),
      [
        '/r/base/d.yaml:4 image-latest-tag /r/overlays/dev,/r/overlays/prod',
        '/r/base/d.yaml:9 resources-memory-limit-missing /r/overlays/dev',
        '/r/overlays/prod/p.yaml:3 probe-too-aggressive /r/overlays/prod',
      ],
    );
  });
});
