import { lintParsed } from '../lint/engine';
import { parseImageReference } from '../image';
import type { Finding, LintOptions } from '../lint/types';
import { computeLineStarts, iterateDocuments, parseManifests } from '../manifest/parse';
import type { JsonObject, ManifestDocument, NodeLocation, ParsedFile, Path, Range } from '../manifest/types';
import { getPath, isObject } from '../manifest/workloads';
import {
  isJson6902,
  type Kustomization,
  type PatchEntry,
  type PatchField,
  type PatchTarget,
} from './kustomization';
import { moveFinding, pointerSegments } from './partial';
import { joinPath } from './paths';
import { SourceFiles, type ReadSource } from './sources';

/** A finding of a rendered overlay, placed in the source file that defines the offending value. */
export interface MappedFinding extends Finding {
  /** Absolute path of the source file. */
  readonly file: string;
  /** Absolute directories of the kustomizations the finding was rendered through. */
  readonly via: readonly string[];
  /** For a finding about something absent: the range of the object's document in `file`. */
  readonly objectRange?: Range;
}

export interface RenderedInput {
  /** `kustomize build` output of a wrapper kustomization with origin and transformer annotations. */
  readonly rendered: string;
  /** Absolute directory of that wrapper: annotation paths are relative to it. */
  readonly wrapperDir: string;
  /** Absolute directory of the kustomization that was rendered. */
  readonly kustomizationDir: string;
  readonly read: ReadSource;
  readonly options?: LintOptions;
  /** Shared between the kustomizations of one run, so each source is parsed once. */
  readonly sources?: SourceFiles;
}

/** The annotations Kustomize writes with `buildMetadata: [originAnnotations, transformerAnnotations]`. */
const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

/** Lints the rendered objects and maps every finding back to the file and line a user edits. */
export function lintRendered(input: RenderedInput): { findings: MappedFinding[]; objects: number } {
  const steps = lintRenderedSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `lintRendered` one rendered document at a time (parsed, then linted and mapped), pausing after
 * each: the editor runs the steps in short slices of its thread, so that the findings of a large
 * render never hold up the diagnostics of a keystroke. Linting document by document gives the
 * findings of one lint of the whole text (as the editor's incremental lint relies on), with a
 * template's syntax error still reported once.
 */
export function* lintRenderedSteps(
  input: RenderedInput,
): Generator<void, { findings: MappedFinding[]; objects: number }> {
  const sources = input.sources ?? new SourceFiles(input.read);
  const documents: ManifestDocument[] = [];
  for (const document of iterateDocuments(input.rendered)) {
    documents.push(document);
    yield;
  }
  const rendered: ParsedFile = {
    text: input.rendered,
    documents,
    lineStarts: computeLineStarts(input.rendered),
  };
  const findings: MappedFinding[] = [];
  let objects = 0;
  let templateErrorSeen = false;
  for (const document of documents) {
    if (document.templated && document.syntaxError) {
      if (templateErrorSeen) continue;
      templateErrorSeen = true;
    }
    const result = lintParsed({ ...rendered, documents: [document] }, input.options ?? {});
    objects += result.objects;
    const docFindings: readonly Finding[] = result.findings;
    yield;
    if (docFindings.length === 0 || !isObject(document.value)) continue;
    const object = objectSources(document.value, input.wrapperDir, sources);
    for (const f of docFindings) {
      const placed = place(f, document, object, sources);
      const fallback = {
        file: joinPath(input.kustomizationDir, 'kustomization.yaml'),
        range: { start: 0, end: 0 },
      };
      const { file, range } = placed ?? fallbackPlace(input.kustomizationDir, sources) ?? fallback;
      const parsed = sources.file(file);
      findings.push({
        ...moveFinding(f, range, parsed?.lineStarts ?? [0]),
        file,
        via: [input.kustomizationDir],
        ...(f.absent && object.base ? { objectRange: object.base.document.range } : {}),
      });
    }
  }
  return { findings, objects };
}

function fallbackPlace(dir: string, sources: SourceFiles): { file: string; range: Range } | undefined {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const file = joinPath(dir, name);
    if (sources.file(file)) return { file, range: { start: 0, end: 0 } };
  }
  return undefined;
}

/** One place that may define values of a rendered object, in the order Kustomize applies them. */
interface Contributor {
  readonly file: string;
  /** The definition of `path` here: where it is written, and whether its value agrees with the render. */
  define(
    path: Path,
    rendered: JsonObject,
  ): { range: (on: 'key' | 'value') => Range; agrees: boolean } | undefined;
}

interface ObjectSources {
  readonly base?: BaseSource;
  readonly contributors: readonly Contributor[];
}

interface BaseSource {
  readonly file: string;
  readonly document: ManifestDocument;
  readonly value: JsonObject;
}

function place(
  finding: Finding,
  renderedDoc: ManifestDocument,
  object: ObjectSources,
  _sources: SourceFiles,
): { file: string; range: Range } | undefined {
  const rendered = renderedDoc.value as JsonObject;
  const base = object.base;
  if (finding.absent) {
    if (!base) return undefined;
    const kind = base.document.locate(['kind']);
    if (!kind) return { file: base.file, range: base.document.range };
    return { file: base.file, range: { start: (kind.key ?? kind.value).start, end: kind.value.end } };
  }
  const renderedLocation = renderedDoc.locate(finding.path);
  const on: 'key' | 'value' =
    renderedLocation?.key !== undefined && renderedLocation.key.start === finding.range.start
      ? 'key'
      : 'value';
  let best: { index: number; agrees: boolean; file: string; range: Range } | undefined;
  for (const path of [finding.path, ...(finding.related ?? [])]) {
    for (let i = object.contributors.length - 1; i >= 0; i--) {
      const contributor = object.contributors[i]!;
      const definition = contributor.define(path, rendered);
      if (!definition) continue;
      const better =
        !best || (definition.agrees && !best.agrees) || (definition.agrees === best.agrees && i > best.index);
      if (better)
        best = { index: i, agrees: definition.agrees, file: contributor.file, range: definition.range(on) };
      if (definition.agrees) break;
    }
  }
  if (best) return { file: best.file, range: best.range };
  // Nothing writes the value itself (a default, a parent): the nearest node of the base.
  if (!base) return undefined;
  for (let length = finding.path.length; length >= 0; length--) {
    const translated = translatePath(rendered, base.value, finding.path.slice(0, length));
    const location = translated && base.document.locate(translated);
    if (location) return { file: base.file, range: rangeOf(location, on) };
  }
  return undefined;
}

function rangeOf(location: NodeLocation, on: 'key' | 'value'): Range {
  return on === 'key' && location.key ? location.key : location.value;
}

/** The base resource and every kustomization step that touched a rendered object, from its annotations. */
function objectSources(rendered: JsonObject, wrapperDir: string, sources: SourceFiles): ObjectSources {
  const annotations = getPath(rendered, ['metadata', 'annotations']);
  const originText = isObject(annotations) ? annotations[ORIGIN_ANNOTATION] : undefined;
  const origin = typeof originText === 'string' ? yamlValue(originText) : undefined;
  const originPath = isObject(origin) && typeof origin['path'] === 'string' ? origin['path'] : undefined;
  const base = originPath ? baseSource(joinPath(wrapperDir, originPath), rendered, sources) : undefined;
  const contributors: Contributor[] = [];
  if (base) contributors.push(documentContributor(base.file, base.document, base.value, undefined));
  const transformationsText = isObject(annotations) ? annotations[TRANSFORMATIONS_ANNOTATION] : undefined;
  const steps = typeof transformationsText === 'string' ? yamlValue(transformationsText) : undefined;
  const expanded = new Set<string>();
  for (const step of Array.isArray(steps) ? steps : []) {
    if (!isObject(step) || typeof step['configuredIn'] !== 'string') continue;
    const by = step['configuredBy'];
    const transformer = isObject(by) && typeof by['kind'] === 'string' ? by['kind'] : '';
    const file = joinPath(wrapperDir, step['configuredIn']);
    const key = `${file}\n${transformer}`;
    if (expanded.has(key)) continue;
    expanded.add(key);
    const kustomization = sources.kustomization(file);
    if (!kustomization) continue;
    const field = PATCH_FIELDS[transformer];
    if (field) contributors.push(...patchContributors(kustomization, field, rendered, base, sources));
    else {
      const contributor = transformerContributor(kustomization, transformer);
      if (contributor) contributors.push(contributor);
    }
  }
  return { ...(base ? { base } : {}), contributors };
}

const PATCH_FIELDS: Readonly<Record<string, PatchField>> = {
  PatchStrategicMergeTransformer: 'patchesStrategicMerge',
  PatchTransformer: 'patches',
  PatchJson6902Transformer: 'patchesJson6902',
};

function yamlValue(text: string): unknown {
  return parseManifests(text).documents[0]?.value;
}

/** The document of the origin file that holds the object (same kind, its name inside the rendered one). */
function baseSource(file: string, rendered: JsonObject, sources: SourceFiles): BaseSource | undefined {
  const parsed = sources.file(file);
  if (!parsed) return undefined;
  const renderedName = String(getPath(rendered, ['metadata', 'name']) ?? '');
  let best: BaseSource | undefined;
  let bestLength = -1;
  for (const document of parsed.documents) {
    const value = document.value;
    if (!isObject(value) || value['kind'] !== rendered['kind']) continue;
    const name = String(getPath(value, ['metadata', 'name']) ?? '');
    if (!renderedName.includes(name) || name.length <= bestLength) continue;
    best = { file, document, value };
    bestLength = name.length;
  }
  return best;
}

/** Maps a range in an inline patch's own text to the kustomization file that holds it. */
function outerRange(toOuter: ((offset: number) => number) | undefined): (range: Range) => Range {
  return (range) => (toOuter ? { start: toOuter(range.start), end: toOuter(range.end) } : range);
}

/**
 * A contributor for one document of `file` (an inline patch maps its ranges out with `toOuter`):
 * `writes` lists where the document may write a path of the rendered object and the value it
 * writes there, latest first; the first of them that has a place in the text defines the path.
 */
function contributorOf(
  file: string,
  document: ManifestDocument,
  toOuter: ((offset: number) => number) | undefined,
  writes: (path: Path, rendered: JsonObject) => Iterable<{ at: Path; written: unknown }>,
): Contributor {
  const outer = outerRange(toOuter);
  return {
    file,
    define(path, rendered) {
      for (const { at, written } of writes(path, rendered)) {
        const location = document.locate(at);
        if (!location) continue;
        return {
          range: (on) => outer(rangeOf(location, on)),
          agrees: sameScalar(written, getPath(rendered, path)),
        };
      }
      return undefined;
    },
  };
}

/** A base resource or a strategic-merge patch: it defines a path when it writes that node. */
function documentContributor(
  file: string,
  document: ManifestDocument,
  value: unknown,
  toOuter: ((offset: number) => number) | undefined,
): Contributor {
  return contributorOf(file, document, toOuter, (path, rendered) => {
    const translated = translatePath(rendered, value, path);
    if (!translated) return [];
    const written = getPath(value, translated);
    // A node holding only directives (`$patch: delete`) writes no value of its own.
    if (isObject(written) && Object.keys(written).every((k) => k.startsWith('$'))) return [];
    return [{ at: translated, written }];
  });
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' || typeof b === 'object') return true;
  return a === b || String(a) === String(b);
}

/** List entries are matched the way strategic merge matches them: by their merge key, else by position. */
const MERGE_KEYS = ['name', 'containerPort', 'mountPath', 'devicePath', 'ip', 'topologyKey'];

/** `path` of the rendered object expressed in a source document, or undefined when it is not written there. */
export function translatePath(rendered: unknown, source: unknown, path: Path): Path | undefined {
  const out: (string | number)[] = [];
  let r = rendered;
  let s = source;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(r) || !Array.isArray(s)) return undefined;
      const item: unknown = r[segment];
      let index = segment;
      if (isObject(item)) {
        const keys = MERGE_KEYS.filter((k) => item[k] !== undefined && typeof item[k] !== 'object');
        if (keys.length > 0) {
          index = -1;
          for (const key of keys) {
            index = s.findIndex((x) => isObject(x) && x[key] === item[key]);
            if (index >= 0) break;
          }
          if (index < 0) return undefined;
        }
      }
      out.push(index);
      r = item;
      s = s[index];
    } else {
      if (!isObject(r) || !isObject(s) || !(segment in s)) return undefined;
      out.push(segment);
      r = r[segment];
      s = s[segment];
    }
    if (s === undefined) return undefined;
  }
  return out;
}

function patchContributors(
  kustomization: Kustomization,
  field: PatchField,
  rendered: JsonObject,
  base: BaseSource | undefined,
  sources: SourceFiles,
): Contributor[] {
  const out: Contributor[] = [];
  for (const patch of kustomization.patches) {
    if (patch.field !== field) continue;
    const parsed = patchText(patch, sources);
    if (!parsed) continue;
    const toOuter = patch.inline?.toOuter;
    const file = patch.file ?? kustomization.file;
    for (const document of parsed.documents) {
      const value = document.value;
      if (isJson6902(value)) {
        if (!patch.target || targetMatches(patch.target, rendered, base)) {
          out.push(json6902Contributor(file, document, value, toOuter));
        }
      } else if (isObject(value) && appliesTo(patch, value, rendered, base)) {
        out.push(documentContributor(file, document, value, toOuter));
      }
    }
  }
  return out;
}

function patchText(patch: PatchEntry, sources: SourceFiles): ParsedFile | undefined {
  if (patch.inline) return parseManifests(patch.inline.text);
  return patch.file ? sources.file(patch.file) : undefined;
}

function appliesTo(
  patch: PatchEntry,
  value: JsonObject,
  rendered: JsonObject,
  base: BaseSource | undefined,
): boolean {
  if (patch.target) return targetMatches(patch.target, rendered, base);
  if (value['kind'] !== undefined && value['kind'] !== rendered['kind']) return false;
  const name = getPath(value, ['metadata', 'name']);
  if (typeof name !== 'string') return true;
  const names = objectNames(rendered, base);
  return names.some((n) => n === name || n.includes(name));
}

function objectNames(rendered: JsonObject, base: BaseSource | undefined): string[] {
  return [getPath(rendered, ['metadata', 'name']), base && getPath(base.value, ['metadata', 'name'])].filter(
    (n): n is string => typeof n === 'string',
  );
}

/** Kustomize's patch target selector: kind, name (a regular expression), labels. */
function targetMatches(target: PatchTarget, rendered: JsonObject, base: BaseSource | undefined): boolean {
  if (target.kind !== undefined && target.kind !== rendered['kind']) return false;
  if (target.name !== undefined) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(`^(?:${target.name})$`);
    } catch {
      pattern = undefined;
    }
    const names = objectNames(rendered, base);
    if (!names.some((n) => (pattern ? pattern.test(n) : n === target.name))) return false;
  }
  if (target.labelSelector !== undefined) {
    const labels = getPath(rendered, ['metadata', 'labels']);
    for (const requirement of target.labelSelector.split(',')) {
      const [key = '', value] = requirement.split('=').map((s) => s.trim());
      if (!key || /[!()\s]/.test(key)) continue;
      const actual = isObject(labels) ? labels[key] : undefined;
      if (actual === undefined || (value !== undefined && String(actual) !== value)) return false;
    }
  }
  return true;
}

/** A JSON 6902 operation list: an add/replace defines the paths under the path it writes. */
function json6902Contributor(
  file: string,
  document: ManifestDocument,
  ops: readonly unknown[],
  toOuter: ((offset: number) => number) | undefined,
): Contributor {
  return contributorOf(file, document, toOuter, function* (path) {
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i];
      if (!isObject(op) || (op['op'] !== 'add' && op['op'] !== 'replace') || !('value' in op)) continue;
      const segments = typeof op['path'] === 'string' ? pointerSegments(op['path']) : undefined;
      if (!segments || segments.length > path.length) continue;
      const matches = segments.every((segment, j) => {
        const step = path[j];
        return typeof step === 'number' ? segment === '-' || segment === String(step) : segment === step;
      });
      if (!matches) continue;
      const rest = path.slice(segments.length);
      const written = getPath(op['value'], rest);
      if (written !== undefined) yield { at: [i, 'value', ...rest], written };
    }
  });
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Values a kustomization sets itself: images, replicas, namespace, name prefix/suffix, labels. */
function transformerContributor(kustomization: Kustomization, transformer: string): Contributor | undefined {
  const { document, value, file } = kustomization;
  if (!document) return undefined;
  const at = (path: Path, on: 'key' | 'value' = 'value') => {
    const location = document.locate(path);
    return location ? { range: () => rangeOf(location, on), agrees: true } : undefined;
  };
  const isName = (path: Path) => path.length === 2 && path[0] === 'metadata' && path[1] === 'name';
  switch (transformer) {
    case 'NamespaceTransformer':
      return {
        file,
        define: (path) =>
          path.length === 2 && path[0] === 'metadata' && path[1] === 'namespace'
            ? at(['namespace'])
            : undefined,
      };
    case 'PrefixTransformer':
      return { file, define: (path) => (isName(path) ? at(['namePrefix']) : undefined) };
    case 'SuffixTransformer':
      return { file, define: (path) => (isName(path) ? at(['nameSuffix']) : undefined) };
    case 'ReplicaCountTransformer':
      return {
        file,
        define(path, rendered) {
          if (path.join('.') !== 'spec.replicas' || !Array.isArray(value['replicas'])) return undefined;
          const name = String(getPath(rendered, ['metadata', 'name']) ?? '');
          const index = value['replicas'].findIndex(
            (r) => isObject(r) && typeof r['name'] === 'string' && name.includes(r['name']),
          );
          return index < 0 ? undefined : (at(['replicas', index, 'count']) ?? at(['replicas', index]));
        },
      };
    case 'ImageTagTransformer':
      return {
        file,
        define(path, rendered) {
          const image = getPath(rendered, path);
          const list = path[path.length - 3];
          if (path[path.length - 1] !== 'image' || typeof list !== 'string' || !CONTAINER_LISTS.has(list))
            return undefined;
          if (typeof image !== 'string' || !Array.isArray(value['images'])) return undefined;
          const images = value['images'];
          for (let i = images.length - 1; i >= 0; i--) {
            const entry = images[i];
            if (!isObject(entry)) continue;
            const repository = typeof entry['newName'] === 'string' ? entry['newName'] : entry['name'];
            if (
              typeof repository !== 'string' ||
              !(
                image === repository ||
                (/^[:@]/.test(image.slice(repository.length)) && image.startsWith(repository))
              )
            )
              continue;
            // A name the runtime rejects is the likelier mistake than the tag beside it.
            const newName = entry['newName'];
            if (typeof newName === 'string' && !parseImageReference(newName).ok)
              return at(['images', i, 'newName']);
            const tag = entry['newTag'];
            if (tag !== undefined && image.endsWith(`:${String(tag)}`)) return at(['images', i, 'newTag']);
            if (typeof entry['digest'] === 'string' && image.endsWith(entry['digest']))
              return at(['images', i, 'digest']);
            return at(['images', i, 'newName']) ?? at(['images', i, 'name']);
          }
          return undefined;
        },
      };
    case 'LabelTransformer':
    case 'AnnotationsTransformer':
      return {
        file,
        define(path) {
          const key = path[path.length - 1];
          if (typeof key !== 'string') return undefined;
          const field = transformer === 'LabelTransformer' ? 'commonLabels' : 'commonAnnotations';
          const common = value[field];
          if (isObject(common) && key in common) return at([field, key]);
          const labels = value['labels'];
          if (transformer !== 'LabelTransformer' || !Array.isArray(labels)) return undefined;
          for (let i = labels.length - 1; i >= 0; i--) {
            const pairs = getPath(labels[i], ['pairs']);
            if (isObject(pairs) && key in pairs) return at(['labels', i, 'pairs', key]);
          }
          return undefined;
        },
      };
    default:
      return undefined;
  }
}
