import type { ClusterCheckInput } from '../cluster-lint/context';
import type { JsonObject, ManifestDocument, NodeLocation, Path, Position, Range } from '../manifest/types';
import type { PodTemplate } from '../manifest/workloads';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A safe mechanical fix (becomes a quick fix in the editor). */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface RuleMeta {
  /** Stable kebab-case id; users name it in settings, `--rule` and disable comments. */
  readonly id: string;
  readonly severity: Severity;
  /** One line, used as the rule list's heading. */
  readonly title: string;
  /** Why it matters: what happens in the cluster when this ships. */
  readonly rationale: string;
  /** What to change. */
  readonly remediation: string;
  /** Short YAML examples for the docs (optional). */
  readonly examples?: { readonly bad: string; readonly good: string };
  /**
   * Checks a manifest against a cluster snapshot: runs only when one is given (`pod-doctor lint
   * --cluster`, a connected editor), never in static lint. Its examples are judged against the
   * documented example cluster.
   */
  readonly cluster?: boolean;
  /**
   * The rule reports something ABSENT (a required field, an image, a probe, a limit). Such a rule
   * never runs on a partial object (a Kustomize patch), and its findings on a rendered overlay go to
   * the `kind:` line of the base that defines the object, never to a patch.
   */
  readonly reportsAbsence?: boolean;
  /**
   * The rule compares a present value with fields that may live in another file of an overlay (a
   * declared port, a volume, the selector): it never runs on a partial object, only on whole and
   * rendered ones.
   */
  readonly needsWholeObject?: boolean;
}

/** What a rule reports. `on` picks the narrowest range: the key, the value (default) or both. */
export interface Report {
  readonly path: Path;
  readonly on?: 'key' | 'value' | 'entry';
  readonly message: string;
  /** Overrides the rule's default severity for this finding (e.g. duplicate env names warn). */
  readonly severity?: Severity;
  readonly fix?: Fix;
  /** Extra data for presentation (did-you-mean candidates, normalized values). */
  readonly suggestions?: readonly string[];
  /**
   * Other values the finding is equally about (the limit a request exceeds). In a rendered overlay
   * the finding goes to whichever of them the overlay defined last.
   */
  readonly related?: readonly Path[];
  /** This finding is about something absent, though its rule also reports present values. */
  readonly absent?: boolean;
}

export interface RuleContext {
  readonly document: ManifestDocument;
  /** The document's root mapping. */
  readonly object: JsonObject;
  readonly kind: string;
  readonly apiVersion: string;
  /** Pod templates found in this object (a Pod has one, a CronJob one nested two levels deep). */
  readonly templates: readonly PodTemplate[];
  locate(path: Path): NodeLocation | undefined;
  /** Text of the file (for rules that need to look at raw spelling, e.g. quoted numbers). */
  readonly text: string;
  /** The cluster to check against; set only for cluster rules in a cluster run. */
  readonly cluster?: ClusterCheckInput;
  /** The target cluster's "MAJOR.MINOR" when configured; rules assume the newest release otherwise. */
  readonly kubernetesVersion?: string | undefined;
  report(report: Report): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly start: Position;
  readonly end: Position;
  readonly documentIndex: number;
  /** Path of the node the finding is about (empty for file-level findings). */
  readonly path: Path;
  readonly fix?: Fix;
  readonly suggestions?: readonly string[];
  readonly related?: readonly Path[];
  /** The finding is about something absent (see `RuleMeta.reportsAbsence`). */
  readonly absent?: boolean;
}

export interface LintOptions {
  /** Per-rule severity overrides; `off` silences a rule. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /** The target cluster's "MAJOR.MINOR" (config `kubernetesVersion`), for rules about removed APIs. */
  readonly kubernetesVersion?: string | undefined;
  /**
   * The documents are partial objects (Kustomize patches): rules that report something absent, or
   * that need the whole object, do not run.
   */
  readonly partial?: boolean;
}

export interface LintResult {
  readonly findings: readonly Finding[];
  /** Number of Kubernetes objects linted. */
  readonly objects: number;
}
