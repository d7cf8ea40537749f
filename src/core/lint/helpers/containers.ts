/**
 * The per-container and per-probe loops, written once (as kube-linter's per-container check does):
 * rules iterate these instead of nesting loops over templates and their containers.
 */
import { parseImageReference, type ImageParse } from '../../image';
import type { Path } from '../../manifest/types';
import type { ContainerRef, PodTemplate } from '../../manifest/workloads';
import { templateProbes, type ProbeField, type ProbeRef } from '../../probes';
import { isTemplated } from '../../qos';
import { perDocument } from './per-document';

/** One container with its template, as the per-container loops visit it. */
export interface ContainerVisit {
  readonly ref: ContainerRef;
  readonly template: PodTemplate;
}

/** One image as written, with its parse. */
export interface ImageVisit {
  readonly ref: ContainerRef;
  readonly image: string;
  readonly path: Path;
  readonly parsed: ImageParse;
}

/** The lists below are worked out once per document (see per-document.ts). */

/** Every container of every pod template, in document order, with its template. */
export const eachContainer = perDocument((templates: readonly PodTemplate[]): readonly ContainerVisit[] => {
  const visits: ContainerVisit[] = [];
  for (const template of templates) {
    for (const ref of template.containers) visits.push({ ref, template });
  }
  return visits;
});

/** False for a bare Pod with restartPolicy Never or OnFailure: it runs to completion like a Job's. */
export function restartsOnExit(template: PodTemplate): boolean {
  const policy = template.spec['restartPolicy'];
  return policy !== 'Never' && policy !== 'OnFailure';
}

/** The containers that must keep running: long-running ones in pods the kubelet restarts when they exit. */
export const eachLongRunningContainer = perDocument(
  (templates: readonly PodTemplate[]): readonly ContainerVisit[] =>
    eachContainer(templates).filter((visit) => restartsOnExit(visit.template) && visit.ref.longRunning),
);

/** Every probe the kubelet runs (of main containers and sidecars), in document order. */
export const eachProbe = perDocument((templates: readonly PodTemplate[]): readonly ProbeRef[] =>
  templates.length === 1 ? templateProbes(templates[0]!) : templates.flatMap(templateProbes),
);

/** Another probe (`field`) of the container of `probe`, as eachProbe lists it: no second timing worked out. */
export function siblingProbe(
  templates: readonly PodTemplate[],
  probe: ProbeRef,
  field: ProbeField,
): ProbeRef | undefined {
  return eachProbe(templates).find((other) => other.container === probe.container && other.field === field);
}

/**
 * Every container image as written, with its parse: only non-empty strings that are not template
 * text (an empty image is image-missing's to report).
 */
export const eachImage = perDocument((templates: readonly PodTemplate[]): readonly ImageVisit[] => {
  const images: ImageVisit[] = [];
  for (const { ref } of eachContainer(templates)) {
    const image = ref.container['image'];
    if (typeof image !== 'string' || image === '' || isTemplated(image)) continue;
    images.push({ ref, image, path: [...ref.path, 'image'], parsed: parseImageReference(image) });
  }
  return images;
});
