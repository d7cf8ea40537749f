/**
 * Pod diagnosis: a pod with its events, logs, node and owners in; an Explanation out (what is
 * wrong, the evidence, ranked causes, fixes naming the spec field, a timeline). Pure and fast.
 * The diagnoses themselves are declared one per file under `diagnoses/` and listed, in order of
 * precedence, in `registry.ts`.
 */
import { withUsageEvidence } from './usage-evidence';
import { buildContext, longRunning, type DiagnoseContext } from './context';
import { containerCards } from './containers';
import type { DiagnosisDeclaration } from './declaration';
import { DIAGNOSES } from './registry';
import { buildTimeline } from './timeline';
import type { Diagnosis, DiagnoseInput, Explanation, Severity } from './types';

export type * from './types';
export { DIAGNOSIS_IDS } from './types';
export { DIAGNOSES } from './registry';
export { parseSchedulingMessage, parseQuotaMessage } from './scheduling';
export { exitCodeMeaning, restartBackoffSeconds } from './exit-codes';
export { classifyImagePull } from './diagnoses/image-pull';
export { parseMissingConfig } from './config-refs';
export { parseHookMessage } from './diagnoses/hook-failure';
export { classifyProbeMessage, appStartSeconds } from './probe-failures';
export { parseEvictionMessage } from './diagnoses/evicted';
export { podEvents, containerOfFieldPath } from './events';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, error: 1, warning: 2, info: 3 };

/** Runs every declaration in registry order, keeping track of the containers they claim. */
function detectAll(ctx: DiagnoseContext, registry: readonly DiagnosisDeclaration[]): Diagnosis[] {
  const claimed = new Set<string>();
  const diagnoses: Diagnosis[] = [];
  const found = { claimed, diagnoses };
  const claim = (decl: DiagnosisDeclaration, d: Diagnosis, container: string | undefined): void => {
    if (!decl.claims || (decl.claimsWhen && !decl.claimsWhen(d))) return;
    if (decl.claims === 'pod') for (const c of ctx.containers) claimed.add(c.name);
    else if (container !== undefined) claimed.add(container);
  };
  for (const decl of registry) {
    if (decl.scope === 'pod') {
      for (const d of decl.detect(ctx, found)) {
        diagnoses.push(d);
        claim(decl, d, d.container);
      }
      continue;
    }
    const containers = decl.containers === 'all' ? ctx.containers : longRunning(ctx);
    for (const c of containers) {
      if (decl.skipsClaimed && claimed.has(c.name)) continue;
      const d = decl.detect(ctx, c);
      if (!d) continue;
      diagnoses.push(d);
      claim(decl, d, c.name);
    }
  }
  return diagnoses;
}

function ranked(diagnoses: Diagnosis[]): Diagnosis[] {
  return diagnoses
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEVERITY_RANK[a.d.severity] - SEVERITY_RANK[b.d.severity] || a.i - b.i)
    .map(({ d }) => d);
}

function headline(diagnoses: readonly Diagnosis[]): string {
  const top = diagnoses[0];
  if (!top) return '';
  const more = diagnoses.filter(
    (d) => d !== top && (d.severity === 'critical' || d.severity === 'error'),
  ).length;
  return `${top.title}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}.`.replace(
    /\.\.$/,
    '.',
  );
}

export function explainPod(input: DiagnoseInput): Explanation {
  const ctx = buildContext(input);
  const diagnoses = withUsageEvidence(ranked(detectAll(ctx, DIAGNOSES)), ctx.pod, input.metrics);
  return {
    pod: { namespace: ctx.namespace, name: ctx.name },
    phase: ctx.phase,
    status: ctx.row.status,
    ready: ctx.row.ready,
    restarts: ctx.row.restarts,
    age: ctx.row.age,
    node: ctx.row.node,
    labels: Object.fromEntries(
      Object.entries(ctx.pod.metadata?.labels ?? {}).filter(([, v]) => typeof v === 'string'),
    ),
    headline: headline(diagnoses),
    diagnoses,
    timeline: buildTimeline(ctx),
    containers: containerCards(ctx),
  };
}

/** The CLI's exit code for an explanation: 1 when something is wrong (error or critical), else 0. */
export function explanationExitCode(explanation: Explanation): 0 | 1 {
  return explanation.diagnoses.some((d) => d.severity === 'critical' || d.severity === 'error') ? 1 : 0;
}
