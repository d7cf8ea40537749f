/**
 * The scheduler's FailedScheduling grammar, across wording generations:
 *   0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {k: v}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
 *   0/3 nodes are available: 1 node(s) had taint {k: v}, that the pod didn't tolerate, 2 Insufficient memory.
 *   pod has unbound immediate PersistentVolumeClaims (repeated 2 times)
 *   no nodes available to schedule pods
 */

type SchedulingReasonKind =
  | 'insufficient-resource'
  | 'untolerated-taint'
  | 'node-not-ready'
  | 'node-unschedulable'
  | 'node-affinity'
  | 'pod-affinity'
  | 'pod-anti-affinity'
  | 'topology-spread'
  | 'host-ports'
  | 'unbound-pvc'
  | 'volume-node-affinity'
  | 'volume-limit'
  | 'no-nodes'
  | 'preemption-not-helpful'
  | 'no-preemption-victims'
  | 'other';

export interface SchedulingReason {
  /** Nodes rejected for this reason; undefined when the message gives no count. */
  count: number | undefined;
  /** The reason as the scheduler wrote it, without the count. */
  text: string;
  kind: SchedulingReasonKind;
  /** For insufficient-resource: `cpu`, `memory`, `pods`, `nvidia.com/gpu`, … */
  resource?: string;
  /** For taints: `node-role.kubernetes.io/control-plane` (the key, value and effect as printed in braces). */
  taint?: string;
}

export interface SchedulingMessage {
  /** Nodes that fit (always 0 in a FailedScheduling message, kept for completeness). */
  available: number | undefined;
  total: number | undefined;
  reasons: SchedulingReason[];
  /** The `preemption:` tail: why evicting lower-priority pods would not help. */
  preemption?: { available: number | undefined; total: number | undefined; reasons: SchedulingReason[] };
}

const NOT_READY_TAINTS = new Set(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);

/** Splits `1 a, 2 b {x, y}, that c` at commas outside braces that start a new counted reason. */
function splitReasons(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && depth > 0) depth--;
    else if (ch === ',' && depth === 0 && /^\s*\d+ /.test(list.slice(i + 1, i + 12))) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function taintOf(text: string): string | undefined {
  const match = /\{([^}]*)\}/.exec(text);
  if (!match) return undefined;
  return match[1]!.replace(/:\s*$/, '').trim();
}

/** The kind of one reason of the list, and its resource or taint. */
function classifySchedulingReason(text: string): Omit<SchedulingReason, 'count' | 'text'> {
  const insufficient = /^Insufficient (\S+)/.exec(text);
  if (insufficient) return { kind: 'insufficient-resource', resource: insufficient[1]!.replace(/\.$/, '') };
  if (/^Too many pods/i.test(text)) return { kind: 'insufficient-resource', resource: 'pods' };
  if (/had (untolerated )?taint/.test(text)) {
    const taint = taintOf(text);
    const key = taint?.split(':')[0]?.trim() ?? '';
    if (NOT_READY_TAINTS.has(key)) return { kind: 'node-not-ready', ...(taint ? { taint } : {}) };
    if (key === 'node.kubernetes.io/unschedulable')
      return { kind: 'node-unschedulable', ...(taint ? { taint } : {}) };
    return { kind: 'untolerated-taint', ...(taint ? { taint } : {}) };
  }
  if (/were unschedulable|node\(s\) were not ready|node\(s\) were out of disk/.test(text)) {
    return { kind: /not ready/.test(text) ? 'node-not-ready' : 'node-unschedulable' };
  }
  if (/didn't match (Pod's )?node affinity|didn't match node selector|node affinity\/selector/.test(text)) {
    return { kind: 'node-affinity' };
  }
  if (/anti-affinity/.test(text)) return { kind: 'pod-anti-affinity' };
  if (/pod affinity/.test(text)) return { kind: 'pod-affinity' };
  if (/topology spread constraints/.test(text)) return { kind: 'topology-spread' };
  if (/free ports/.test(text)) return { kind: 'host-ports' };
  if (
    /unbound (immediate )?PersistentVolumeClaims|persistentvolumeclaim .* not found|unbound PersistentVolumeClaim/i.test(
      text,
    )
  ) {
    return { kind: 'unbound-pvc' };
  }
  if (/volume node affinity conflict/.test(text)) return { kind: 'volume-node-affinity' };
  if (/max volume count|exceed max volume/.test(text)) return { kind: 'volume-limit' };
  if (/Preemption is not helpful/.test(text)) return { kind: 'preemption-not-helpful' };
  if (/No preemption victims found/.test(text)) return { kind: 'no-preemption-victims' };
  if (/no nodes available/.test(text)) return { kind: 'no-nodes' };
  return { kind: 'other' };
}

function parseList(list: string): SchedulingReason[] {
  return splitReasons(list.replace(/\.\s*$/, '')).map((part) => {
    const match = /^(\d+) (.*)$/s.exec(part);
    const count = match ? Number(match[1]) : undefined;
    const text = (match ? match[2]! : part).replace(/\s*\(repeated \d+ times?\)$/, '').trim();
    return { count, text, ...classifySchedulingReason(text) };
  });
}

function parseSection(section: string): {
  available: number | undefined;
  total: number | undefined;
  reasons: SchedulingReason[];
} {
  const head = /^\s*(\d+)\/(\d+) nodes are available:?\s*/.exec(section);
  if (!head) return { available: undefined, total: undefined, reasons: parseList(section.trim()) };
  return {
    available: Number(head[1]),
    total: Number(head[2]),
    reasons: parseList(section.slice(head[0].length)),
  };
}

/** The FailedScheduling message as counts per reason; never throws, unknown wording becomes `other`. */
export function parseSchedulingMessage(message: string): SchedulingMessage {
  const text = message.trim();
  if (/^no nodes available to schedule pods/i.test(text)) {
    return {
      available: 0,
      total: 0,
      reasons: [{ count: undefined, text: 'no nodes available to schedule pods', kind: 'no-nodes' }],
    };
  }
  const split = /\.?\s+preemption:\s*/.exec(text);
  const main = parseSection(split ? text.slice(0, split.index) : text);
  if (!split) return main;
  return { ...main, preemption: parseSection(text.slice(split.index + split[0].length)) };
}

export interface QuotaExceeded {
  quota: string;
  /** `requests.cpu` → `{ requested: '2', used: '3', limited: '4' }` */
  resources: Array<{ resource: string; requested?: string; used?: string; limited?: string }>;
}

function quotaPairs(list: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of (list ?? '').split(',')) {
    const [key, value] = pair.split('=');
    if (key && value !== undefined) map.set(key.trim(), value.trim());
  }
  return map;
}

/**
 * `exceeded quota: compute-resources, requested: requests.cpu=2, used: requests.cpu=3, limited: requests.cpu=4`
 * (from the API server's ResourceQuota admission, as relayed by a controller's FailedCreate event).
 */
export function parseQuotaMessage(message: string): QuotaExceeded | undefined {
  const match = /exceeded quota: ([^,]+), requested: (.*?), used: (.*?), limited: (.*?)$/s.exec(
    message.trim(),
  );
  if (!match) return undefined;
  const requested = quotaPairs(match[2]);
  const used = quotaPairs(match[3]);
  const limited = quotaPairs(match[4]);
  const resources = [...requested.keys()].map((resource) => ({
    resource,
    ...(requested.has(resource) ? { requested: requested.get(resource)! } : {}),
    ...(used.has(resource) ? { used: used.get(resource)! } : {}),
    ...(limited.has(resource) ? { limited: limited.get(resource)! } : {}),
  }));
  return { quota: match[1]!.trim(), resources };
}
