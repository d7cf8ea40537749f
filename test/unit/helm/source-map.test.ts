import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapToTemplates, renderedDocuments } from '../../../src/core/helm/source-map';
import { lintText } from '../../../src/core/lint/engine';

const HELM = join(__dirname, '..', '..', 'fixtures', 'helm');
const read = (path: string): string => readFileSync(join(HELM, path), 'utf8');

describe('Helm: rendered findings back to templates', () => {
  it('reads the template of each rendered document from Helm\'s "# Source:" comment', () => {
    const documents = renderedDocuments(read('rendered/web.yaml'));
    assert.deepEqual(
      documents.map((d) => [d.template, d.indexInTemplate]),
      [
        ['templates/service.yaml', 0],
        ['templates/deployment.yaml', 0],
      ],
    );
    const sub = renderedDocuments(
      '---\n# Source: app/charts/db/templates/sts.yaml\nkind: A\n---\n# Source: app/charts/db/templates/sts.yaml\nkind: B\n',
    );
    assert.deepEqual(
      sub.map((d) => [d.template, d.indexInTemplate]),
      [
        ['charts/db/templates/sts.yaml', 0],
        ['charts/db/templates/sts.yaml', 1],
      ],
    );
  });

  it('puts each finding on the template line holding its key and names the values key it reads', () => {
    const rendered = read('rendered/web.yaml');
    const templates = new Map([
      ['templates/deployment.yaml', read('charts/web/templates/deployment.yaml')],
      ['templates/service.yaml', read('charts/web/templates/service.yaml')],
    ]);
    const mapped = mapToTemplates(rendered, lintText(rendered).findings, templates).map(
      ({ template, finding }) =>
        `${template}:${finding.start.line + 1}:${finding.start.character + 1} ${finding.ruleId} ${/\(value from [^)]*\)$/.exec(finding.message)?.[0] ?? ''}`.trimEnd(),
    );
    assert.deepEqual(mapped, [
      'templates/deployment.yaml:19:11 image-latest-tag (value from .Values.image.repository, .Values.image.tag)',
      'templates/deployment.yaml:28:13 probe-timeout-exceeds-period (value from .Values.probe.timeoutSeconds)',
      // `resources:` is the line that holds the key; toYaml on the next line reads the values.
      'templates/deployment.yaml:29:11 resources-request-exceeds-limit (value from .Values.resources.requests.memory)',
    ]);
  });

  it('falls back to the deepest key the template spells out, and drops fixes made for the rendered text', () => {
    const template =
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        {{- toYaml .Values.containers | nindent 8 }}\n';
    const rendered =
      '---\n# Source: c/templates/d.yaml\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: busybox:latest\n';
    const findings = lintText(rendered).findings.filter((f) => f.ruleId === 'image-latest-tag');
    assert.equal(findings.length, 1);
    const [mapped] = mapToTemplates(rendered, findings, new Map([['templates/d.yaml', template]]));
    assert.equal(mapped?.finding.start.line, 5);
    assert.match(mapped?.finding.message ?? '', /\(value from \.Values\.containers\[0\]\.image\)$/);
    assert.equal(mapped?.finding.fix, undefined);
    // A document whose template is unknown is not reported at a made-up place.
    assert.deepEqual(mapToTemplates(rendered, findings, new Map()), []);
  });
});
