import { admissionDeniedDiagnosis, containerCreateDiagnosis } from './diagnoses/container-create';
import { configMissingDiagnosis } from './diagnoses/config-missing';
import { crashLoopDiagnosis } from './diagnoses/crash-loop';
import { evictedDiagnosis } from './diagnoses/evicted';
import { hookFailureDiagnosis } from './diagnoses/hook-failure';
import { imagePullDiagnosis } from './diagnoses/image-pull';
import { initFailureDiagnosis } from './diagnoses/init-failure';
import { livenessRestartsDiagnosis } from './diagnoses/liveness-restarts';
import { nodeLostDiagnosis } from './diagnoses/node-lost';
import { oomKilledDiagnosis, pastOomKilledDiagnosis } from './diagnoses/oom-killed';
import { readinessFailingDiagnosis } from './diagnoses/readiness-failing';
import { sandboxFailureDiagnosis } from './diagnoses/sandbox-failure';
import { completedDiagnosis } from './diagnoses/completed';
import { deadlineExceededDiagnosis, failedDiagnosis, failedWithoutDetailDiagnosis } from './diagnoses/failed';
import { healthyDiagnosis } from './diagnoses/healthy';
import { pendingDiagnosis } from './diagnoses/pending';
import { stuckTerminatingDiagnosis } from './diagnoses/stuck-terminating';
import { unschedulableDiagnosis } from './diagnoses/unschedulable';
import { volumeMountDiagnosis } from './diagnoses/volume-mount';
import type { DiagnosisDeclaration } from './declaration';

/**
 * Every diagnosis, in the order the engine runs them. The order is the precedence: diagnoses of
 * the same severity show in this order, and a diagnosis that claims a container (or the pod)
 * keeps later ones that skip claimed containers from reporting it again.
 *
 * 1. What happened to the pod as a whole: deletion, its node, eviction, its deadline.
 * 2. Getting the pod created and placed: scheduling, quota, admission.
 * 3. Getting containers started: image, configuration, runtime, volumes, sandbox, hooks, init.
 * 4. Running containers: memory, liveness, exits, readiness.
 * 5. When nothing above is wrong: what the pod is doing (completed, failed, healthy, starting).
 * 6. The past: problems that ended long ago, shown below the present state as information.
 */
export const DIAGNOSES: readonly DiagnosisDeclaration[] = [
  stuckTerminatingDiagnosis,
  nodeLostDiagnosis,
  evictedDiagnosis,
  deadlineExceededDiagnosis,
  unschedulableDiagnosis,
  admissionDeniedDiagnosis,
  imagePullDiagnosis,
  configMissingDiagnosis,
  containerCreateDiagnosis,
  volumeMountDiagnosis,
  sandboxFailureDiagnosis,
  hookFailureDiagnosis,
  initFailureDiagnosis,
  oomKilledDiagnosis,
  livenessRestartsDiagnosis,
  failedDiagnosis,
  crashLoopDiagnosis,
  readinessFailingDiagnosis,
  completedDiagnosis,
  failedWithoutDetailDiagnosis,
  healthyDiagnosis,
  pendingDiagnosis,
  pastOomKilledDiagnosis,
];
