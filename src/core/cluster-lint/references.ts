import type { JsonObject, Path } from '../manifest/types';
import { isObject, type PodTemplate } from '../manifest/workloads';

/** Where a pod template names another object. */
type ReferenceSite = 'env' | 'envFrom' | 'volume' | 'projected' | 'imagePullSecrets';

export interface ObjectReference {
  readonly kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';
  readonly name: string;
  /** Path of the name's value (`…configMapKeyRef.name`, `…secret.secretName`). */
  readonly namePath: Path;
  readonly site: ReferenceSite;
  readonly optional: boolean;
  /** The container that reads it (env, envFrom), when one does. */
  readonly container?: string;
  /** The volume that mounts it (volume, projected), when one does. */
  readonly volume?: string;
  /** Keys it needs, each with the path of its value (`configMapKeyRef.key`, `items[].key`). */
  readonly keys: readonly { readonly key: string; readonly path: Path }[];
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The ConfigMap and the Secret that `holder` names under `configMapField` and `secretField`, in that order. */
function* namedSources(
  holder: JsonObject,
  configMapField: string,
  secretField: string,
): Generator<{ field: string; kind: 'ConfigMap' | 'Secret'; source: JsonObject; name: string }> {
  for (const [field, kind] of [
    [configMapField, 'ConfigMap'],
    [secretField, 'Secret'],
  ] as const) {
    const source = holder[field];
    const name = isObject(source) ? str(source['name']) : undefined;
    if (isObject(source) && name !== undefined) yield { field, kind, source, name };
  }
}

/** Every ConfigMap, Secret and PersistentVolumeClaim a pod template names, in document order. */
export function templateReferences(template: PodTemplate): ObjectReference[] {
  const refs: ObjectReference[] = [];
  const { spec, specPath } = template;
  for (const ref of template.containers) {
    const { container, path } = ref;
    asList(container['env']).forEach((env, i) => {
      const from = isObject(env) ? env['valueFrom'] : undefined;
      if (!isObject(from)) return;
      for (const { field, kind, source, name } of namedSources(from, 'configMapKeyRef', 'secretKeyRef')) {
        const at: Path = [...path, 'env', i, 'valueFrom', field];
        const key = str(source['key']);
        refs.push({
          kind,
          name,
          namePath: [...at, 'name'],
          site: 'env',
          optional: source['optional'] === true,
          container: ref.name,
          keys: key === undefined ? [] : [{ key, path: [...at, 'key'] }],
        });
      }
    });
    asList(container['envFrom']).forEach((envFrom, i) => {
      if (!isObject(envFrom)) return;
      for (const { field, kind, source, name } of namedSources(envFrom, 'configMapRef', 'secretRef')) {
        refs.push({
          kind,
          name,
          namePath: [...path, 'envFrom', i, field, 'name'],
          site: 'envFrom',
          optional: source['optional'] === true,
          container: ref.name,
          keys: [],
        });
      }
    });
  }
  asList(spec['volumes']).forEach((volume, i) => {
    if (!isObject(volume)) return;
    const at: Path = [...specPath, 'volumes', i];
    const volumeName = str(volume['name']) ?? `#${i}`;
    const configMap = volume['configMap'];
    if (isObject(configMap))
      pushVolumeSource(refs, 'ConfigMap', configMap, 'name', [...at, 'configMap'], 'volume', volumeName);
    const secret = volume['secret'];
    if (isObject(secret))
      pushVolumeSource(refs, 'Secret', secret, 'secretName', [...at, 'secret'], 'volume', volumeName);
    const claim = volume['persistentVolumeClaim'];
    const claimName = isObject(claim) ? str(claim['claimName']) : undefined;
    if (claimName !== undefined) {
      refs.push({
        kind: 'PersistentVolumeClaim',
        name: claimName,
        namePath: [...at, 'persistentVolumeClaim', 'claimName'],
        site: 'volume',
        optional: false,
        volume: volumeName,
        keys: [],
      });
    }
    const projected = volume['projected'];
    asList(isObject(projected) ? projected['sources'] : undefined).forEach((source, j) => {
      if (!isObject(source)) return;
      const sourcePath: Path = [...at, 'projected', 'sources', j];
      const cm = source['configMap'];
      if (isObject(cm))
        pushVolumeSource(
          refs,
          'ConfigMap',
          cm,
          'name',
          [...sourcePath, 'configMap'],
          'projected',
          volumeName,
        );
      const sec = source['secret'];
      if (isObject(sec))
        pushVolumeSource(refs, 'Secret', sec, 'name', [...sourcePath, 'secret'], 'projected', volumeName);
    });
  });
  asList(spec['imagePullSecrets']).forEach((entry, i) => {
    const name = isObject(entry) ? str(entry['name']) : undefined;
    if (name === undefined) return;
    refs.push({
      kind: 'Secret',
      name,
      namePath: [...specPath, 'imagePullSecrets', i, 'name'],
      site: 'imagePullSecrets',
      optional: false,
      keys: [],
    });
  });
  return refs;
}

function pushVolumeSource(
  refs: ObjectReference[],
  kind: 'ConfigMap' | 'Secret',
  source: JsonObject,
  nameField: string,
  at: Path,
  site: ReferenceSite,
  volume: string,
): void {
  const name = str(source[nameField]);
  if (name === undefined) return;
  const keys: { key: string; path: Path }[] = [];
  asList(source['items']).forEach((item, k) => {
    const key = isObject(item) ? str(item['key']) : undefined;
    if (key !== undefined) keys.push({ key, path: [...at, 'items', k, 'key'] });
  });
  refs.push({
    kind,
    name,
    namePath: [...at, nameField],
    site,
    optional: source['optional'] === true,
    volume,
    keys,
  });
}

/** A named cluster object a pod spec field points at (`serviceAccountName`, `priorityClassName`, `runtimeClassName`). */
export function specName(template: PodTemplate, field: string): { name: string; path: Path } | undefined {
  const name = str(template.spec[field]);
  return name === undefined ? undefined : { name, path: [...template.specPath, field] };
}

/** The ServiceAccount a pod runs as, when the template names one (`serviceAccountName`, or the deprecated `serviceAccount`). */
export function serviceAccountOf(template: PodTemplate): { name: string; path: Path } | undefined {
  return specName(template, 'serviceAccountName') ?? specName(template, 'serviceAccount');
}
