/**
 * The per-container and per-probe loops, written once (as kube-linter's per-container check does):
 * rules iterate these instead of nesting loops over templates and their containers.
 */
import { parseImageReference, type ImageParse } from '../../image';
import type { Path } from '../../manifest/types';
import type { ContainerRef, PodTemplate } from '../../manifest/workloads';
import { templateProbes, type ProbeRef } from '../../probes';
import { isTemplated } from '../../qos';

/** Every container of every pod template, in document order, with its template. */
export function* eachContainer(
  templates: readonly PodTemplate[],
): Generator<{ readonly ref: ContainerRef; readonly template: PodTemplate }> {
  for (const template of templates) {
    for (const ref of template.containers) yield { ref, template };
  }
}

/** False for a bare Pod with restartPolicy Never or OnFailure: it runs to completion like a Job's. */
export function restartsOnExit(template: PodTemplate): boolean {
  const policy = template.spec['restartPolicy'];
  return policy !== 'Never' && policy !== 'OnFailure';
}

/** The containers that must keep running: long-running ones in pods the kubelet restarts when they exit. */
export function* eachLongRunningContainer(
  templates: readonly PodTemplate[],
): Generator<{ readonly ref: ContainerRef; readonly template: PodTemplate }> {
  for (const visit of eachContainer(templates)) {
    if (restartsOnExit(visit.template) && visit.ref.longRunning) yield visit;
  }
}

/** Every probe the kubelet runs (of main containers and sidecars), in document order. */
export function* eachProbe(templates: readonly PodTemplate[]): Generator<ProbeRef> {
  for (const template of templates) yield* templateProbes(template);
}

/**
 * Every container image as written, with its parse: only non-empty strings that are not template
 * text (an empty image is image-missing's to report).
 */
export function* eachImage(templates: readonly PodTemplate[]): Generator<{
  readonly ref: ContainerRef;
  readonly image: string;
  readonly path: Path;
  readonly parsed: ImageParse;
}> {
  for (const { ref } of eachContainer(templates)) {
    const image = ref.container['image'];
    if (typeof image !== 'string' || image === '' || isTemplated(image)) continue;
    yield { ref, image, path: [...ref.path, 'image'], parsed: parseImageReference(image) };
  }
}
