import type { JsonObject, Path } from './types';

/** Where each workload kind keeps its pod template (the object holding `metadata` and `spec`). */
const TEMPLATE_PATHS: Readonly<Record<string, Path>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

const WORKLOAD_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);

/** Kinds whose pods run to completion (no long-running containers, restartPolicy Never/OnFailure). */
const JOB_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);

export type ContainerRole = 'main' | 'init' | 'sidecar' | 'ephemeral';

export interface ContainerRef {
  readonly container: JsonObject;
  /** Path of the container mapping, e.g. `['spec','template','spec','containers',0]`. */
  readonly path: Path;
  readonly role: ContainerRole;
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  readonly field: 'containers' | 'initContainers' | 'ephemeralContainers';
  readonly index: number;
  /** The container's name when it is a string, else `#<index>`. */
  readonly name: string;
  /** Runs for the pod's lifetime (main containers and sidecars, and not a Job's main containers). */
  readonly longRunning: boolean;
}

export interface PodTemplate {
  /** The workload kind that owns this template (`Pod`, `Deployment`, …). */
  readonly kind: string;
  /** Path of the template object (holds `metadata` and `spec`); `[]` for a Pod. */
  readonly path: Path;
  /** Path of the pod spec. */
  readonly specPath: Path;
  readonly spec: JsonObject;
  readonly labels: Readonly<Record<string, unknown>>;
  /** A Job or CronJob pod: containers are expected to finish. */
  readonly runsToCompletion: boolean;
  readonly containers: readonly ContainerRef[];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of decoded YAML values (scalars, arrays, plain objects). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

export function getPath(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[key];
    } else {
      if (!isObject(node)) return undefined;
      node = node[key];
    }
  }
  return node;
}

/** Case-insensitive lookup of a known workload kind (`pod` → `Pod`). */
export function canonicalKind(kind: string): string | undefined {
  const lower = kind.toLowerCase();
  return WORKLOAD_KINDS.find((k) => k.toLowerCase() === lower);
}

/** The pod template of a Kubernetes object, or none when the kind has no pods (or the spec is absent). */
export function podTemplates(object: JsonObject): PodTemplate[] {
  const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
  const canonical = canonicalKind(kind);
  if (canonical === undefined) return [];
  const templatePath = TEMPLATE_PATHS[canonical] ?? [];
  const template = getPath(object, templatePath);
  if (!isObject(template)) return [];
  const spec = template['spec'];
  if (!isObject(spec)) return [];
  const specPath = [...templatePath, 'spec'];
  const metadata = template['metadata'];
  const labels = isObject(metadata) && isObject(metadata['labels']) ? metadata['labels'] : {};
  const runsToCompletion = JOB_KINDS.has(canonical);
  return [
    {
      kind: canonical,
      path: templatePath,
      specPath,
      spec,
      labels,
      runsToCompletion,
      containers: containerRefs(spec, specPath, runsToCompletion),
    },
  ];
}

function containerRefs(spec: JsonObject, specPath: Path, runsToCompletion: boolean): ContainerRef[] {
  const refs: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container: unknown, index) => {
      if (!isObject(container)) return;
      const sidecar = field === 'initContainers' && container['restartPolicy'] === 'Always';
      const role: ContainerRole =
        field === 'containers'
          ? 'main'
          : field === 'ephemeralContainers'
            ? 'ephemeral'
            : sidecar
              ? 'sidecar'
              : 'init';
      refs.push({
        container,
        path: [...specPath, field, index],
        role,
        field,
        index,
        name: typeof container['name'] === 'string' ? container['name'] : `#${index}`,
        longRunning: role === 'sidecar' || (role === 'main' && !runsToCompletion),
      });
    });
  }
  return refs;
}
