import type { ContainerInfo, DiagnoseContext } from './context';
import type { Diagnosis, DiagnosisId, Severity } from './types';

/**
 * A diagnosis, declared the way a lint rule is: its id, how bad it usually is, what it is called,
 * and how it recognises itself in a pod. The registry (`registry.ts`) lists the declarations in
 * the order they run and show: earlier ones take precedence, later ones may skip what earlier ones
 * explained (see `claims`).
 */

/** What the declarations that ran before see: which containers are explained, and the diagnoses so far. */
export interface Found {
  /** Names of containers whose failure an earlier diagnosis already explains. */
  readonly claimed: ReadonlySet<string>;
  readonly diagnoses: readonly Diagnosis[];
}

interface DeclarationBase {
  id: DiagnosisId;
  /** The most severe level it reports; a case at hand may be milder (a recovered crash is a warning). */
  severity: Severity;
  /** What it is about, in general terms (each diagnosis has its own, precise title). */
  title: string;
  /**
   * What a diagnosis of this kind takes over once found: `container` (later checks that skip
   * claimed containers leave that container alone), or `pod` (every container: an eviction
   * explains every exit). `claimsWhen` narrows it to some diagnoses.
   */
  claims?: 'container' | 'pod';
  claimsWhen?: (d: Diagnosis) => boolean;
}

/** Looks at the pod as a whole, once. */
interface PodDeclaration extends DeclarationBase {
  scope: 'pod';
  detect(ctx: DiagnoseContext, found: Found): Diagnosis[];
}

/** Looks at each container in turn (init containers first, as the pod lists them). */
interface ContainerDeclaration extends DeclarationBase {
  scope: 'container';
  /** `all` containers, or only those the kubelet keeps running (main containers and sidecars). */
  containers: 'all' | 'long-running';
  /** Leave containers that an earlier diagnosis claimed alone. */
  skipsClaimed: boolean;
  detect(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined;
}

export type DiagnosisDeclaration = PodDeclaration | ContainerDeclaration;
