import { DIAGNOSIS_IDS, type DiagnosisId, type Severity as DiagnosisSeverity } from './diagnose/types';
import type { Severity } from './lint/types';

/**
 * The `live-*` finding family's ids and documentation, apart from the diagnosis engine so that
 * `--rule` checking and the rule docs do not load it.
 */

/** Diagnoses that describe a pod doing what it should: they never become findings. */
export const NOT_FAILING: ReadonlySet<DiagnosisId> = new Set(['healthy', 'pending', 'completed']);

/** Every id of the family: `live-oom-killed`, `live-crash-loop`, … (`--rule` accepts them). */
export const LIVE_RULE_IDS: readonly string[] = DIAGNOSIS_IDS.filter((id) => !NOT_FAILING.has(id)).map(
  (id) => `live-${id}`,
);

/** A live finding's default severity: the diagnosis' own (critical counts as an error). */
export const LIVE_SEVERITY: Readonly<Record<DiagnosisSeverity, Severity>> = {
  critical: 'error',
  error: 'error',
  warning: 'warning',
  info: 'info',
};

export interface LiveRuleMeta {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
}

/**
 * The family as `pod-doctor rules` lists it, from the diagnosis declarations (passed in, so that
 * this module stays apart from the engine): each id with the most severe level its diagnosis
 * reports and that diagnosis' title.
 */
export function liveRuleMetas(
  declarations: ReadonlyArray<{ id: DiagnosisId; severity: DiagnosisSeverity; title: string }>,
): LiveRuleMeta[] {
  const rank: Readonly<Record<DiagnosisSeverity, number>> = { critical: 3, error: 2, warning: 1, info: 0 };
  return DIAGNOSIS_IDS.filter((id) => !NOT_FAILING.has(id)).flatMap((id) => {
    const worst = declarations
      .filter((d) => d.id === id)
      .sort((a, b) => rank[b.severity] - rank[a.severity])[0];
    return worst
      ? [{ id: `live-${id}`, severity: LIVE_SEVERITY[worst.severity], title: `Live: ${worst.title}` }]
      : [];
  });
}

/** The family's section of the rule docs. */
export const LIVE_RULES_DOC = [
  '## Live findings',
  '',
  'With `pod-doctor lint --cluster`, every workload of the linted files that exists in the cluster (same',
  'kind, namespace and name; for a workload, the pods it owns through its selector and owner references)',
  "is checked against its running pods. Each failing pod's diagnosis, as `pod-doctor explain` gives it,",
  'becomes a finding `live-<diagnosis id>`; replicas with the same diagnosis make one finding:',
  '',
  '```text',
  'sample/shop/checkout.yaml:35:15 error live: 1 of 1 pod of checkout is OOMKilled (exit 137, 36 restarts): raise limits.memory to 1408Mi [live-oom-killed]',
  '```',
  '',
  "- **Where:** on the field the diagnosis' fix names (a fix with a value for a field the manifest has",
  "  comes first); when that field is absent, on the container's `name:`; otherwise on `kind:`.",
  '- **Severity:** follows the diagnosis: critical and error give an error, warning a warning, info an info.',
  '- **Not reported:** healthy pods, pods starting normally (pending) and completed pods.',
  '- **Reads:** one list of pods and one of events per namespace the files name, never per manifest;',
  '  no logs. A namespace RBAC forbids gives one notice and no live findings there.',
  '- **Change a severity or turn one off** with `--rule live-crash-loop=off` (or any id below), or',
  '  silence one line with `# pod-doctor-disable-next-line live-crash-loop` above it.',
  '- **In the editor:** the same findings appear on open manifests, with the source `Pod Doctor (live)`,',
  '  while the Pods tree watches the namespace their workload runs in. They come from the pods the tree',
  '  already watches (no connection of their own, and no events: a diagnosis that needs an event may say',
  '  less there than the CLI), follow those pods as they change, and clear when the tree stops watching.',
  '  `podDoctor.lint.rules` and `.pod-doctor.yaml` set their severities. Quick fixes: **Apply fix**, when',
  '  the diagnosis computed a value (it opens a diff of the manifest with the value set; **Apply fix** in',
  '  its title bar writes it to the file, one Undo reverts it), and **Explain pod NAME** for the failing',
  '  pods of the finding.',
  '',
  '| Rule | From the diagnosis |',
  '| --- | --- |',
  ...DIAGNOSIS_IDS.filter((id) => !NOT_FAILING.has(id)).map((id) => `| \`live-${id}\` | \`${id}\` |`),
  '',
].join('\n');
