import { lintParsed, lintText, type DocumentStream, type LintEngineOptions } from '../lint/engine';
import { createRegistry } from '../lint/registry';
import { allRules } from '../lint/rules';
import type { LintResult } from '../lint/types';
import type { JsonObject } from '../manifest/types';
import { isObject, podTemplates } from '../manifest/workloads';
import { namespaceOf, objectName, type ClusterCheckInput, type ProvidedObject } from './context';
import { serviceAccountOf, specName, templateReferences } from './references';
import type { ListRequest, NamespacedList } from './snapshot';

/** Only the rules that need a cluster: what `--cluster` adds to a static lint. */
const clusterRegistry = createRegistry(allRules.filter((rule) => rule.cluster === true));

export type ClusterCheckOptions = Omit<LintEngineOptions, 'registry' | 'cluster'>;

/**
 * The cluster findings of one file (text or parsed documents): the `cluster-*` rules only, with
 * the lint engine's positions, severity overrides and disable comments.
 */
export function checkAgainstCluster(
  file: string | DocumentStream,
  input: ClusterCheckInput,
  options: ClusterCheckOptions = {},
): LintResult {
  // Without a run-wide set, each notice is still said once per file.
  const cluster = input.notices ? input : { ...input, notices: new Set<string>() };
  const engineOptions: LintEngineOptions = { ...options, registry: clusterRegistry, cluster };
  return typeof file === 'string' ? lintText(file, engineOptions) : lintParsed(file, engineOptions);
}

const stringKeys = (...maps: unknown[]): string[] => maps.flatMap((m) => (isObject(m) ? Object.keys(m) : []));

/** The objects a run creates that references may rely on, from every object of every file of the run. */
export function providedObjects(objects: Iterable<JsonObject>, defaultNamespace: string): ProvidedObject[] {
  const provided: ProvidedObject[] = [];
  for (const object of objects) {
    const kind = object['kind'];
    const name = objectName(object);
    if (typeof kind !== 'string' || name === undefined) continue;
    const namespace = namespaceOf(object, defaultNamespace);
    const base = { kind, name, ...(namespace === undefined ? {} : { namespace }) };
    if (kind === 'ConfigMap')
      provided.push({ ...base, keys: stringKeys(object['data'], object['binaryData']) });
    else if (kind === 'Secret')
      provided.push({ ...base, keys: stringKeys(object['data'], object['stringData']) });
    else if (kind === 'Namespace') {
      const metadata = object['metadata'];
      const labels = isObject(metadata) && isObject(metadata['labels']) ? metadata['labels'] : {};
      const stringLabels = Object.fromEntries(
        Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      provided.push({ kind, name, labels: stringLabels });
    } else provided.push(base);
  }
  return provided;
}

/**
 * The reads a set of objects needs: one namespace GET and one list per kind and namespace, plus
 * one list per cluster-scoped kind, however many manifests there are.
 */
export function requiredLists(objects: Iterable<JsonObject>, defaultNamespace: string): ListRequest[] {
  const namespaced = new Map<string, Set<NamespacedList>>();
  const cluster = new Set<'priorityClasses' | 'runtimeClasses' | 'nodes'>();
  const need = (namespace: string, list?: NamespacedList) => {
    const lists = namespaced.get(namespace) ?? new Set<NamespacedList>();
    namespaced.set(namespace, lists);
    if (list) lists.add(list);
  };
  for (const object of objects) {
    const namespace = namespaceOf(object, defaultNamespace);
    if (namespace === undefined) continue;
    need(namespace);
    for (const template of podTemplates(object)) {
      need(namespace, 'limitRanges');
      need(namespace, 'resourceQuotas');
      cluster.add('nodes');
      for (const ref of templateReferences(template)) {
        need(
          namespace,
          ref.kind === 'ConfigMap'
            ? 'configMaps'
            : ref.kind === 'Secret'
              ? 'secrets'
              : 'persistentVolumeClaims',
        );
      }
      if (serviceAccountOf(template)) need(namespace, 'serviceAccounts');
      if (specName(template, 'priorityClassName')) cluster.add('priorityClasses');
      if (specName(template, 'runtimeClassName')) cluster.add('runtimeClasses');
    }
  }
  const requests: ListRequest[] = [];
  for (const [namespace, lists] of [...namespaced].sort(([a], [b]) => a.localeCompare(b))) {
    requests.push({ list: 'namespace', namespace });
    for (const list of [...lists].sort()) requests.push({ list, namespace });
  }
  for (const list of [...cluster].sort()) requests.push({ list });
  return requests;
}
