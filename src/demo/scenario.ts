import { parseManifests } from '../core/manifest/parse';
import type { Json } from './selectors';
import type { World } from './world';

/**
 * A demo scenario is one file under src/demo/scenarios/<namespace>/<name>.ts that exports
 * `scenario`. It holds the manifest a team applied (the only copy: sample/ is written from it by
 * `npm run gen:scenarios`), how its pods' status evolves in the simulated cluster, and what Pod
 * Doctor must say about it. scripts/gen-scenarios.ts lists the files in scenarios/index.ts and
 * writes sample/ and the table of sample/README.md; unit tests fail when any of them is stale.
 */
export interface Scenario {
  /**
   * The manifest as written (YAML), mistake included. Its workload (Deployment, StatefulSet, Job or
   * CronJob) gives the pods' template; the file lives at sample/<namespace>/<name>.yaml.
   */
  manifest: string;
  /** False for what no team applies (kube-system's CoreDNS): the manifest stays out of sample/. */
  inSample?: boolean;
  /** Other files of sample/ that go with this one, by path under sample/ (a quota, say). */
  alsoInSample?: Readonly<Record<string, string>>;
  /** sample/README.md's row: what the cluster shows, and what is wrong in the manifest. */
  shows: string;
  wrong: string;
  /**
   * The diagnosis id Pod Doctor's explain must put first for each of the scenario's pods at
   * start-up; `evicted` is the one for its evicted pods, if it has any. Undefined when the
   * scenario has no pod (the ReplicaSet cannot create one) or its pods are still starting.
   */
  diagnosis?: string;
  evicted?: string;
  /** Lint findings the sample file must have: `<line> <rule id>` (lines from 1). */
  lint?: readonly string[];
  /** Adds the workload's objects, pods, events and logs, and schedules what happens next. */
  play(ctx: ScenarioContext, workload: Workload): void;
}

export interface ScenarioContext {
  world: World;
  /** When the demo cluster starts; the past is played up to here. */
  startMs: number;
}

/** The workload of a scenario's manifest, as the controllers see it. */
export interface Workload {
  kind: 'Deployment' | 'StatefulSet' | 'Job' | 'CronJob';
  namespace: string;
  name: string;
  replicas: number;
  /** The pod template's labels. */
  labels: Record<string, string>;
  /** The pod template's spec, with the defaults the API server adds (`protocol: TCP` …). */
  podSpec: Json;
  /** The whole object, as parsed. */
  object: Json;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job', 'CronJob']);

/** The first workload of a manifest; throws when there is none (a scenario file's mistake). */
export function workloadOf(manifest: string): Workload {
  for (const doc of parseManifests(manifest).documents) {
    const object = doc.value as Json | undefined;
    const kind = String(object?.kind ?? '');
    if (!object || !WORKLOAD_KINDS.has(kind)) continue;
    const meta = (object.metadata ?? {}) as Json;
    const spec = (object.spec ?? {}) as Json;
    const jobSpec = kind === 'CronJob' ? (((spec.jobTemplate as Json).spec ?? {}) as Json) : spec;
    const template = (jobSpec.template ?? {}) as Json;
    return {
      kind: kind as Workload['kind'],
      namespace: String(meta.namespace ?? 'default'),
      name: String(meta.name),
      replicas: typeof spec.replicas === 'number' ? spec.replicas : 1,
      labels: (((template.metadata as Json | undefined)?.labels ?? {}) as Record<string, string>) ?? {},
      podSpec: withApiDefaults((template.spec ?? {}) as Json),
      object,
    };
  }
  throw new Error('A scenario manifest needs a Deployment, StatefulSet, Job or CronJob.');
}

/** sample/<namespace>/<name>.yaml, the scenario's file in the sample workspace. */
export function sampleFile(workload: Pick<Workload, 'namespace' | 'name'>): string {
  return `${workload.namespace}/${workload.name}.yaml`;
}

/** The defaults the API server writes into a pod template that manifests usually leave out. */
function withApiDefaults(spec: Json): Json {
  const probe = (p: unknown): unknown => {
    if (!p || typeof p !== 'object') return p;
    const out = { ...(p as Json) };
    if (out.httpGet && typeof out.httpGet === 'object')
      out.httpGet = { ...(out.httpGet as Json), scheme: (out.httpGet as Json).scheme ?? 'HTTP' };
    out.successThreshold ??= 1;
    return out;
  };
  const container = (c: Json): Json => {
    const out = { ...c };
    if (Array.isArray(c.ports))
      out.ports = (c.ports as Json[]).map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }));
    for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe'])
      if (c[key] !== undefined) out[key] = probe(c[key]);
    return out;
  };
  const out = { ...spec };
  for (const key of ['containers', 'initContainers'])
    if (Array.isArray(spec[key])) out[key] = (spec[key] as Json[]).map(container);
  if (Array.isArray(spec.volumes))
    out.volumes = (spec.volumes as Json[]).map((v) =>
      v.configMap && typeof v.configMap === 'object'
        ? {
            ...v,
            configMap: { ...(v.configMap as Json), defaultMode: (v.configMap as Json).defaultMode ?? 420 },
          }
        : v,
    );
  return out;
}

/** Plays every scenario into the world, in the given order. */
export function playScenarios(world: World, startMs: number, scenarios: readonly Scenario[]): void {
  const ctx: ScenarioContext = { world, startMs };
  for (const scenario of scenarios) scenario.play(ctx, workloadOf(scenario.manifest));
}
