import { parseManifests } from '../core/manifest/parse';
import { checkPlay, play, type PlayData } from './scenario-kit';
import type { Json } from './selectors';
import type { World } from './world';

/**
 * A demo scenario is one file, src/demo/scenarios/<namespace>/<name>.yaml. Its first YAML document
 * says what the scenario shows, what Pod Doctor must say about it, and how its pods behave (`play`,
 * one of the common shapes of scenario-kit.ts as data); the documents after it are the manifest a
 * team applied, mistake included, which sample/<namespace>/<name>.yaml is a copy of. A scenario
 * whose pods need more than the common shapes has no `play` but a <name>.ts beside it that exports
 * `play` as code. `npm run gen:scenarios` embeds the files (scenarios/scenarios.json), lists the
 * code (scenarios/index.ts) and writes sample/ and the table of sample/README.md; unit tests fail
 * when any of them is stale.
 */
export interface Scenario {
  /** `shop/checkout` for src/demo/scenarios/shop/checkout.yaml. */
  id: string;
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
  /** How its pods behave: data the kit plays, or the code of the .ts beside the file. */
  play: PlayData | PlayCode;
}

/** Adds the workload's objects, pods, events and logs, and schedules what happens next. */
export type PlayCode = (ctx: ScenarioContext, workload: Workload) => void;

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

const TEXT_FIELDS = ['shows', 'wrong', 'diagnosis', 'evicted'] as const;
const FIELDS = new Set<string>([...TEXT_FIELDS, 'lint', 'inSample', 'alsoInSample', 'play']);

/**
 * Reads a scenario file: its first document and the manifest after it. `code` is the `play` of
 * the .ts beside the file, if there is one. Throws one sentence naming the file and the field when
 * the file is not a scenario (a mistake in the file, which `npm run gen:scenarios` reports).
 */
export function readScenario(id: string, text: string, code?: PlayCode): Scenario {
  const fail = (what: string): Error => new Error(`src/demo/scenarios/${id}.yaml: ${what}.`);
  const separator = /^---[ \t]*$/m.exec(text);
  if (!separator) throw fail('put the manifest after a `---` line that ends the scenario document');
  const manifest = text.slice(separator.index + separator[0].length).replace(/^\r?\n/, '');
  const head = parseManifests(text.slice(0, separator.index)).documents[0]?.value;
  if (!head || typeof head !== 'object' || Array.isArray(head))
    throw fail('the first document must be a mapping');
  const data = head as Json;
  const unknown = Object.keys(data).filter((k) => !FIELDS.has(k));
  if (unknown.length > 0)
    throw fail(`unknown field ${unknown.join(', ')} (known: ${[...FIELDS].join(', ')})`);
  for (const key of TEXT_FIELDS)
    if (data[key] !== undefined && (typeof data[key] !== 'string' || !data[key]))
      throw fail(`\`${key}\` must be a non-empty string`);
  if (data.shows === undefined || data.wrong === undefined) throw fail('`shows` and `wrong` are required');
  if (data.lint !== undefined && !(Array.isArray(data.lint) && data.lint.every((l) => typeof l === 'string')))
    throw fail('`lint` must be a list of `<line> <rule id>` strings');
  if (data.inSample !== undefined && typeof data.inSample !== 'boolean')
    throw fail('`inSample` must be true or false');
  const also = data.alsoInSample;
  if (
    also !== undefined &&
    (typeof also !== 'object' || also === null || Object.values(also).some((t) => typeof t !== 'string'))
  )
    throw fail('`alsoInSample` must map paths under sample/ to file texts');
  if ((data.play === undefined) === (code === undefined))
    throw fail(
      code
        ? 'it has a .ts that exports `play` and a `play` of its own: keep one'
        : 'it needs a `play` (or a .ts beside it that exports `play`)',
    );
  const problem = data.play === undefined ? undefined : checkPlay(data.play);
  if (problem) throw fail(`play: ${problem}`);
  workloadOf(manifest);
  return {
    ...(data as Omit<Scenario, 'id' | 'manifest' | 'play'>),
    id,
    manifest,
    play: code ?? (data.play as PlayData),
  };
}

/** Every scenario: the embedded files, by id in file-name order, and the code some have. */
export function readScenarios(
  files: Readonly<Record<string, string>>,
  code: Readonly<Record<string, PlayCode>>,
): Scenario[] {
  return Object.entries(files).map(([id, text]) => readScenario(id, text, code[id]));
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
  for (const scenario of scenarios) {
    const workload = workloadOf(scenario.manifest);
    if (typeof scenario.play === 'function') scenario.play(ctx, workload);
    else play(ctx, workload, scenario.play);
  }
}
