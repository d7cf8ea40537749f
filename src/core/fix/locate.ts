import { resolvePodField } from '../manifest/spec-path';
import type { ManifestDocument, Path, Range } from '../manifest/types';
import type { PodTemplate } from '../manifest/workloads';

/**
 * Where a fix belongs in a manifest: the field its spec path names in the pod template; else the
 * container's `name:`; else `kind:`. `exact` says the field itself was found.
 */
export function locateFix(
  document: ManifestDocument,
  template: PodTemplate,
  specPath: string | undefined,
  container: string | undefined,
): { path: Path; range: Range; exact: boolean } {
  const resolved = specPath ? resolvePodField(specPath, template, document.value) : undefined;
  if (resolved && resolved.missing.length === 0) {
    const found = entry(document, resolved.path);
    if (found) return { path: resolved.path, range: found, exact: true };
  }
  const containerPath = resolved?.container ?? template.containers.find((c) => c.name === container)?.path;
  const namePath = containerPath ? [...containerPath, 'name'] : undefined;
  const name = namePath && entry(document, namePath);
  if (namePath && name) return { path: namePath, range: name, exact: false };
  return { path: ['kind'], range: entry(document, ['kind']) ?? document.range, exact: false };
}

/** The range of a mapping entry (key and value), or of the value alone in a list. */
function entry(document: ManifestDocument, path: Path): Range | undefined {
  const location = document.locate(path);
  if (!location) return undefined;
  return { start: location.key?.start ?? location.value.start, end: location.value.end };
}
