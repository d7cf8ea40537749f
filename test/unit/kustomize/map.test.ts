import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintRendered } from '../../../src/core/kustomize';

const FIXTURES = join(__dirname, '../../fixtures/kustomize');
/**
 * `kubectl kustomize` output of shop/overlays/prod, built through the wrapper that adds origin and
 * transformer annotations (saved, so that the mapping is tested where Kustomize is absent too).
 */
const RENDERED = readFileSync(join(FIXTURES, 'prod.rendered.yaml'), 'utf8');

/** The repository as the mapping sees it: /v/shop is the fixture, /v/wrapper the temporary kustomization. */
function readShop(edits: Record<string, [string, string]> = {}) {
  return (file: string): string | undefined => {
    if (!file.startsWith('/v/shop/')) return undefined;
    const relative = file.slice('/v/shop/'.length);
    try {
      const text = readFileSync(join(FIXTURES, 'shop', relative), 'utf8');
      const edit = edits[relative];
      return edit ? text.replace(edit[0], edit[1]) : text;
    } catch {
      return undefined;
    }
  };
}

function mapped(rendered: string, read: (file: string) => string | undefined): string[] {
  const { findings } = lintRendered({
    rendered,
    wrapperDir: '/v/wrapper',
    kustomizationDir: '/v/shop/overlays/prod',
    read,
  });
  return findings.map(
    (f) => `${f.file.slice('/v/shop/'.length)}:${f.start.line + 1}:${f.start.character + 1} ${f.ruleId}`,
  );
}

describe('rendered findings mapped back to their sources', () => {
  it('places each finding on the patch, inline patch or base that set the value', () => {
    assert.deepEqual(mapped(RENDERED, readShop()).sort(), [
      // The sidecar added by a patch has no memory limit: at the base's kind: line, never on the patch.
      'base/deployment.yaml:2:1 resources-memory-limit-missing',
      'overlays/prod/cpu-limit.yaml:4:10 resources-cpu-unit',
      'overlays/prod/kustomization.yaml:26:20 schema-type',
      // The request (512Mi) is the base's, the limit (256Mi) the patch's: the patch changed it last.
      'overlays/prod/resources.yaml:13:23 resources-request-exceeds-limit',
    ]);
  });

  it('places a value set by the images: transformer on its line in the kustomization', () => {
    const rendered = RENDERED.replace('ghcr.io/acme/shop-api:1.5.0', 'ghcr.io/acme/shop-api:latest');
    const read = readShop({ 'overlays/prod/kustomization.yaml': ['newTag: 1.5.0', 'newTag: latest'] });
    assert.ok(mapped(rendered, read).includes('overlays/prod/kustomization.yaml:14:13 image-latest-tag'));
  });

  it('falls back to the base when the annotations name no file it can read', () => {
    const found = mapped(RENDERED, () => undefined);
    assert.ok(found.length > 0);
    assert.ok(found.every((f) => f.startsWith('overlays/prod/kustomization.yaml:1:1 ')));
  });
});
