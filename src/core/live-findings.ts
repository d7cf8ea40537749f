import { explainPod, type Diagnosis, type DiagnosisId } from './diagnose';
import type { KubeEvent, Pod } from './k8s';
import { disabledRulesByLine } from './lint/engine';
import type { Finding, SeveritySetting } from './lint/types';
import { positionAt } from './manifest/parse';
import type { JsonObject, ManifestDocument, ParsedFile } from './manifest/types';
import { isObject, podTemplates, type PodTemplate } from './manifest/workloads';
import { locateFix, planFix } from './fix';
import { podsOfManifest } from './status/live';
import { agree } from './text/plural';
import { LIVE_SEVERITY, NOT_FAILING } from './live-rules';

/**
 * Live findings: what the connected cluster says about the workloads a manifest declares. Every
 * failing pod a workload owns becomes a finding `live-<diagnosis id>` on the manifest, at the
 * field the diagnosis' first fix names, so that the fix lands where the user would type it.
 * Pods with the same diagnosis are grouped into one finding per workload.
 */

export interface LiveInput {
  /** Pods of the namespaces the manifests name, one list per namespace (or all together). */
  readonly pods: readonly Pod[];
  /** Events of those namespaces (explain keeps each pod's own). */
  readonly events: readonly KubeEvent[];
  /** The namespace of objects that name none. */
  readonly namespace: string;
  readonly nowMs: number;
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
}

/** `is OOMKilled` / `are OOMKilled`; diagnoses without a phrase use their title. */
const PHRASES: Partial<Record<DiagnosisId, readonly [string, string]>> = {
  'oom-killed': ['is OOMKilled', 'are OOMKilled'],
  'crash-loop': ['is crash-looping', 'are crash-looping'],
  'image-pull': ['cannot pull its image', 'cannot pull their image'],
  unschedulable: ['cannot be scheduled', 'cannot be scheduled'],
  'config-missing': ['misses a ConfigMap or Secret', 'miss a ConfigMap or Secret'],
  'volume-mount': ['cannot mount a volume', 'cannot mount a volume'],
  'container-create': ['cannot create a container', 'cannot create a container'],
  'init-failure': ['fails an init container', 'fail an init container'],
  'readiness-failing': ['is not ready', 'are not ready'],
  'liveness-restarts': ['is restarted by its liveness probe', 'are restarted by their liveness probe'],
  failed: ['has failed', 'have failed'],
  evicted: ['was evicted', 'were evicted'],
  'stuck-terminating': ['is stuck terminating', 'are stuck terminating'],
};

const WORKLOAD_KINDS = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicationController',
]);

/** A live finding, with the failing pods it groups (the editor offers to explain each). */
export interface LiveFinding extends Finding {
  readonly pods: ReadonlyArray<{ readonly namespace: string; readonly name: string }>;
}

export function liveFindings(file: ParsedFile, input: LiveInput): LiveFinding[] {
  const findings: LiveFinding[] = [];
  const disabled = disabledRulesByLine(file.text, file.lineStarts);
  const silenced = (f: LiveFinding): boolean => {
    const rules = disabled.get(f.start.line - 1);
    return rules !== undefined && (rules.size === 0 || rules.has(f.ruleId));
  };
  for (const document of file.documents) {
    const object = document.value;
    if (document.templated || !isObject(object) || typeof object['kind'] !== 'string') continue;
    if (!WORKLOAD_KINDS.has(object['kind'])) continue;
    const template = podTemplates(object)[0];
    if (!template) continue;
    const owned = podsOfManifest(object, input.pods, input.namespace).filter((p) => ownedBy(p, object));
    if (owned.length === 0) continue;
    for (const group of failingGroups(owned, input)) {
      const finding = toFinding(file, document, object, template, owned.length, group, input.rules ?? {});
      if (finding && !silenced(finding)) findings.push(finding);
    }
  }
  return findings;
}

interface Group {
  diagnosis: Diagnosis;
  pods: Pod[];
}

/** Failing pods by diagnosis id, in the order their first pod shows them (most severe first). */
function failingGroups(pods: readonly Pod[], input: LiveInput): Group[] {
  const groups = new Map<DiagnosisId, Group>();
  for (const pod of pods) {
    const diagnoses = explainPod({ pod, events: input.events, nowMs: input.nowMs }).diagnoses;
    for (const diagnosis of diagnoses) {
      if (NOT_FAILING.has(diagnosis.id)) continue;
      const group = groups.get(diagnosis.id);
      if (!group) groups.set(diagnosis.id, { diagnosis, pods: [pod] });
      else if (!group.pods.includes(pod)) group.pods.push(pod);
    }
  }
  return [...groups.values()];
}

/**
 * The selector alone can match another workload's pods (a canary with the same labels); the
 * controller reference tells them apart. A pod without one (created by hand) is kept.
 */
function ownedBy(pod: Pod, object: JsonObject): boolean {
  const kind = object['kind'];
  const name = isObject(object['metadata']) ? object['metadata']['name'] : undefined;
  if (kind === 'Pod' || typeof name !== 'string') return true;
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller === true);
  if (!owner) return true;
  const ownerName = owner.name ?? '';
  switch (kind) {
    case 'Deployment': {
      const hash = pod.metadata?.labels?.['pod-template-hash'];
      return (
        owner.kind === 'ReplicaSet' &&
        (hash ? ownerName === `${name}-${hash}` : ownerName.startsWith(`${name}-`))
      );
    }
    case 'CronJob':
      return owner.kind === 'Job' && ownerName.startsWith(`${name}-`);
    default:
      return owner.kind === kind && ownerName === name;
  }
}

function toFinding(
  file: ParsedFile,
  document: ManifestDocument,
  object: JsonObject,
  template: PodTemplate,
  total: number,
  group: Group,
  rules: Readonly<Record<string, SeveritySetting>>,
): LiveFinding | undefined {
  const ruleId = `live-${group.diagnosis.id}`;
  const setting = rules[ruleId];
  if (setting === 'off') return undefined;
  const severity = setting ?? LIVE_SEVERITY[group.diagnosis.severity];
  const container = group.diagnosis.container;
  // A value for a field the manifest has is the most direct fix (raise this limit to that);
  // otherwise the first fix that names a field, as explain ranks them.
  const fixes = group.diagnosis.fixes;
  const direct = fixes
    .filter((f) => f.value !== undefined)
    .map((f) => ({ fix: f, at: locateFix(document, template, f.specPath, container) }))
    .find((c) => c.at.exact);
  const fix = direct?.fix ?? fixes.find((f) => f.specPath !== undefined) ?? fixes[0];
  const { path, range } = direct?.at ?? locateFix(document, template, fix?.specPath, container);
  const plan =
    fix?.specPath !== undefined && fix.value !== undefined
      ? planFix(file, document, { specPath: fix.specPath, value: fix.value })
      : undefined;
  return {
    ruleId,
    severity,
    message: message(object, total, group, fix),
    range,
    start: positionAt(file.lineStarts, range.start),
    end: positionAt(file.lineStarts, range.end),
    documentIndex: document.index,
    path,
    pods: group.pods.map((p) => ({ namespace: p.metadata?.namespace ?? '', name: p.metadata?.name ?? '' })),
    ...(plan?.ok ? { fix: { title: plan.title, edits: plan.edits } } : {}),
  };
}

function message(
  object: JsonObject,
  total: number,
  group: Group,
  fix: Diagnosis['fixes'][number] | undefined,
): string {
  const metadata = isObject(object['metadata']) ? object['metadata'] : {};
  const name = typeof metadata['name'] === 'string' ? metadata['name'] : '';
  const n = group.pods.length;
  const phrase = PHRASES[group.diagnosis.id];
  const subject =
    object['kind'] === 'Pod' ? `pod ${name}` : `${n} of ${total} ${agree(total, 'pod', 'pods')} of ${name}`;
  const what = phrase ? `${subject} ${phrase[n === 1 ? 0 : 1]}` : `${subject}: ${group.diagnosis.title}`;
  const details = detailsOf(group);
  return `live: ${what}${details ? ` (${details})` : ''}${fix ? `: ${fixText(fix)}` : ''}`;
}

/** `exit 137, 5 restarts` from the diagnosed container's status across the group's pods. */
function detailsOf(group: Group): string {
  const container = group.diagnosis.container;
  if (container === undefined) return '';
  let exit: number | undefined;
  let restarts = 0;
  for (const pod of group.pods) {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    const status = statuses.find((s) => s.name === container);
    if (!status) continue;
    restarts += status.restartCount ?? 0;
    exit ??= status.state?.terminated?.exitCode ?? status.lastState?.terminated?.exitCode;
  }
  const parts = [
    ...(exit !== undefined ? [`exit ${exit}`] : []),
    ...(restarts > 0 ? [`${restarts} ${agree(restarts, 'restart', 'restarts')}`] : []),
  ];
  return parts.join(', ');
}

/** `raise limits.memory to 1408Mi`; a fix without a value keeps its own sentence. */
function fixText(fix: Diagnosis['fixes'][number]): string {
  if (fix.specPath === undefined || fix.value === undefined) return fix.text.replace(/\.$/, '');
  const field = fix.specPath
    .replace(/^.*\]\./, '')
    .replace(/^spec\./, '')
    .replace(/^resources\./, '');
  const value = fix.value.replace(/\s*\n\s*/g, ' ').trim();
  return /^(limits|requests)\./.test(field) ? `raise ${field} to ${value}` : `set ${field}: ${value}`;
}
