import type { Finding, RuleMeta } from './lint/types';
import type { JsonObject, Path } from './manifest/types';
import { isObject, podTemplates, type ContainerRef, type PodTemplate } from './manifest/workloads';
import {
  describeTimeline,
  effectiveProbe,
  probeTimeline,
  PROBE_DEFAULTS,
  PROBE_FIELDS,
  type ProbeField,
  type ProbeTimingField,
} from './probes';
import { qosClass, type QosClass } from './qos';
import { decimalString, formatBytes, formatCpu, parseQuantity, type Quantity } from './quantity';
import type { FieldDescription } from './schema/index';
import { containerLabel } from './text/container-label';

/** `describeField` of `./schema/index`, passed in so that the editor loads the API's descriptions on first hover. */
export type DescribeField = (kind: string, path: Path, apiVersion?: string) => FieldDescription | undefined;

/**
 * The editor's words about a manifest: CodeLens one-liners and hover Markdown. Pure, so that what a
 * user reads in a hover is unit-tested without VS Code.
 */

const RULES_DOC_URL = 'https://github.com/pod-doctor/pod-doctor/blob/main/docs/rules.md';

export function ruleDocUrl(ruleId: string): string {
  return `${RULES_DOC_URL}#${ruleId}`;
}

/** Text from a manifest or a message, safe to put into Markdown (no accidental emphasis or links). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

function code(text: string): string {
  const fence = text.includes('`') ? '`` ' : '`';
  return `${fence}${text}${fence.split('').reverse().join('')}`;
}

// ---------------------------------------------------------------------------------------------
// CodeLens

/** `Burstable · liveness kills after 40 s · ready from 5 s · 2 problems`. */
export function containerLensTitle(template: PodTemplate, ref: ContainerRef, problems: number): string {
  const parts: string[] = [qosClass(template.spec)];
  if (ref.role === 'init') parts.push('init container');
  else if (ref.role === 'ephemeral') parts.push('ephemeral container');
  else parts.push(...probeSummary(ref.container));
  parts.push(problems === 0 ? 'no problems' : problems === 1 ? '1 problem' : `${problems} problems`);
  return parts.join(' · ');
}

function probeSummary(container: JsonObject): string[] {
  const timeline = probeTimeline(container);
  const parts: string[] = [];
  if (timeline.livenessKillsAfterSeconds !== undefined) {
    const by = timeline.startup ? 'startup probe' : 'liveness';
    parts.push(`${by} kills after ${timeline.livenessKillsAfterSeconds} s`);
  }
  if (timeline.readiness) parts.push(`ready from ${timeline.readyFromSeconds} s`);
  return parts.length > 0 ? parts : ['no probes'];
}

/** Findings that sit inside `range` (offsets), for a container's problem count. */
export function findingsWithin(
  findings: readonly Finding[],
  range: { readonly start: number; readonly end: number },
): Finding[] {
  return findings.filter((f) => f.range.start >= range.start && f.range.start < range.end);
}

// ---------------------------------------------------------------------------------------------
// Hovers

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/**
 * Why the finding's rule matters, what to do, and the rule's documentation. The finding's own message
 * is not repeated: the editor shows the diagnostic right above the extension's hover.
 */
export function findingHover(finding: Finding, rule: RuleMeta | undefined): string {
  const heading = rule ? escapeMarkdown(rule.title) : code(finding.ruleId);
  const lines = [`**${SEVERITY_LABEL[finding.severity]}: ${heading}** ${code(finding.ruleId)}`];
  if (rule) {
    lines.push('', `**Why it matters:** ${escapeMarkdown(rule.rationale)}`);
    lines.push('', `**What to do:** ${escapeMarkdown(rule.remediation)}`);
  }
  lines.push('', `[Rule ${code(finding.ruleId)}](${ruleDocUrl(finding.ruleId)})`);
  return lines.join('\n');
}

/** What the hover explains about the node at `path` of a Kubernetes object. */
export type HoverSubject =
  | { readonly kind: 'probe'; readonly container: ContainerRef; readonly field: ProbeField }
  | {
      readonly kind: 'quantity';
      readonly template: PodTemplate;
      readonly container: ContainerRef;
      readonly section: 'requests' | 'limits';
      readonly resource: string;
    }
  | { readonly kind: 'field' };

export function hoverSubject(object: JsonObject, path: Path): HoverSubject {
  for (const template of podTemplates(object)) {
    for (const container of template.containers) {
      const rest = relativePath(container.path, path);
      if (rest === undefined) continue;
      const [first, second, third] = rest;
      if (typeof first === 'string' && (PROBE_FIELDS as readonly string[]).includes(first)) {
        return { kind: 'probe', container, field: first as ProbeField };
      }
      if (
        first === 'resources' &&
        (second === 'requests' || second === 'limits') &&
        typeof third === 'string' &&
        rest.length === 3
      ) {
        return { kind: 'quantity', template, container, section: second, resource: third };
      }
      return { kind: 'field' };
    }
  }
  return { kind: 'field' };
}

function relativePath(prefix: Path, path: Path): Path | undefined {
  if (path.length < prefix.length) return undefined;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return undefined;
  return path.slice(prefix.length);
}

/** Hover Markdown for the node at `path`: a probe's effective values and timeline, a quantity, or the field's docs. */
export function nodeHover(object: JsonObject, path: Path, describe: DescribeField): string | undefined {
  const subject = hoverSubject(object, path);
  if (subject.kind === 'probe') return probeHover(subject.container, subject.field);
  if (subject.kind === 'quantity') {
    return quantityHover(subject.template, subject.container, subject.section, subject.resource);
  }
  const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
  const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : undefined;
  return fieldHover(describe(kind, path, apiVersion), path);
}

const TIMING_FIELDS = Object.keys(PROBE_DEFAULTS) as ProbeTimingField[];
const PROBE_NAMES: Readonly<Record<ProbeField, string>> = {
  livenessProbe: 'Liveness probe',
  readinessProbe: 'Readiness probe',
  startupProbe: 'Startup probe',
};

/** The probe with the API server's defaults filled in (and marked), then the container's probe timeline. */
function probeHover(container: ContainerRef, field: ProbeField): string | undefined {
  const probe = effectiveProbe(container.container[field]);
  if (!probe) return undefined;
  const lines = [
    `**${PROBE_NAMES[field]}** of ${escapeMarkdown(containerLabel(container))}: ${code(probe.description)}`,
    '',
  ];
  // The timeline comes first: it is what the numbers mean, and a hover shows its top without scrolling.
  if (container.role === 'init' || container.role === 'ephemeral') {
    lines.push(`The kubelet does not run probes of ${escapeMarkdown(containerLabel(container))}.`);
  } else {
    lines.push('**Timeline** (from container start):');
    for (const sentence of describeTimeline(probeTimeline(container.container))) {
      lines.push(`- ${escapeMarkdown(sentence)}`);
    }
  }
  lines.push('', '| | effective value |', '| --- | --- |');
  for (const name of TIMING_FIELDS) {
    const value = `${probe[name]}${name.endsWith('Seconds') ? ' s' : ''}`;
    lines.push(`| ${name} | ${value}${probe.defaulted.includes(name) ? ' *(default)*' : ''} |`);
  }
  if (probe.terminationGracePeriodSeconds !== undefined) {
    lines.push(`| terminationGracePeriodSeconds | ${probe.terminationGracePeriodSeconds} s |`);
  }
  return lines.join('\n');
}

/** Whether a resource is counted in bytes (memory, storage, huge pages) rather than cores or units. */
function resourceUnit(resource: string): 'cpu' | 'bytes' | 'count' {
  if (resource === 'cpu') return 'cpu';
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) {
    return 'bytes';
  }
  return 'count';
}

function formatQuantity(resource: string, quantity: Quantity): string {
  switch (resourceUnit(resource)) {
    case 'cpu':
      return formatCpu(quantity);
    case 'bytes':
      return formatBytes(quantity);
    case 'count':
      return decimalString(quantity.nanos, true);
  }
}

const QOS_MEANING: Readonly<Record<QosClass, string>> = {
  Guaranteed:
    'every container sets CPU and memory limits equal to its requests; evicted last under node pressure',
  Burstable:
    'requests or limits are set, but not equal limits for every container; evicted after BestEffort pods',
  BestEffort: 'no container sets CPU or memory requests or limits; evicted first under node pressure',
};

/** `memory: 512Mi` = 536,870,912 bytes, the request against the limit, and the pod's QoS class. */
function quantityHover(
  template: PodTemplate,
  container: ContainerRef,
  section: 'requests' | 'limits',
  resource: string,
): string | undefined {
  const resources = isObject(container.container['resources']) ? container.container['resources'] : {};
  const declared = isObject(resources[section]) ? resources[section][resource] : undefined;
  if (typeof declared !== 'string' && typeof declared !== 'number') return undefined;
  const noun = section === 'requests' ? 'request' : 'limit';
  const lines = [
    `**${escapeMarkdown(resource)} ${noun}** of ${escapeMarkdown(containerLabel(container))}`,
    '',
  ];
  const parsed = parseQuantity(declared);
  if (!parsed.ok) {
    lines.push(escapeMarkdown(parsed.error));
  } else {
    lines.push(`${code(String(declared))} = ${formatQuantity(resource, parsed.value)}`);
    const otherSection = section === 'requests' ? 'limits' : 'requests';
    const other = isObject(resources[otherSection]) ? resources[otherSection][resource] : undefined;
    if (typeof other === 'string' || typeof other === 'number') {
      const [request, limit] = section === 'requests' ? [declared, other] : [other, declared];
      lines.push(
        '',
        `Request ${code(String(request))} · limit ${code(String(limit))}${comparison(request, limit)}`,
      );
    } else if (section === 'requests') {
      lines.push('', `No ${escapeMarkdown(resource)} limit: the container may use more than it requests.`);
    } else {
      lines.push(
        '',
        `No ${escapeMarkdown(resource)} request: the API server sets the request to this limit.`,
      );
    }
  }
  const qos = qosClass(template.spec);
  lines.push('', `Pod QoS class: **${qos}**: ${QOS_MEANING[qos]}.`);
  return lines.join('\n');
}

function comparison(request: string | number, limit: string | number): string {
  const r = parseQuantity(request);
  const l = parseQuantity(limit);
  if (!r.ok || !l.ok) return '';
  if (r.value.nanos > l.value.nanos) return ' (the request exceeds the limit: the API server rejects this)';
  if (r.value.nanos === l.value.nanos) return ' (equal)';
  return '';
}

/** A field's name, type and the API's description. */
function fieldHover(field: FieldDescription | undefined, path: Path): string | undefined {
  if (!field) return undefined;
  const last = path[path.length - 1];
  const name =
    typeof last === 'string' && last !== field.name
      ? `**${escapeMarkdown(field.name)}** entry ${code(last)}`
      : `**${escapeMarkdown(field.name)}**`;
  const header = `${name} · ${code(readableType(field.type))}${field.required ? ' · required' : ''}`;
  return field.description ? `${header}\n\n${escapeMarkdown(field.description)}` : header;
}

/** `array<V1Container>` → `Container[]`, `V1PodSpec` → `PodSpec`: the names kubectl explain uses. */
export function readableType(type: string): string {
  const plain = type.replace(/\bV\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/g, '');
  const array = /^array<(.+)>$/.exec(plain);
  if (array) return `${readableType(array[1] ?? '')}[]`;
  return plain;
}
