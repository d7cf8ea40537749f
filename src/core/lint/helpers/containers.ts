/**
 * The per-container and per-probe loops, written once (as kube-linter's per-container check does):
 * rules iterate these instead of nesting loops over templates and their containers.
 */
import { parseImageReference, type ImageParse } from '../../image';
import type { Path } from '../../manifest/types';
import type { ContainerRef, PodTemplate } from '../../manifest/workloads';
import { templateProbes, type ProbeField, type ProbeRef } from '../../probes';
import { isTemplated } from '../../qos';

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

/**
 * The lists below are computed once per document and shared by every rule that walks them: the
 * engine hands all rules of a document the same `templates` array, so it keys the caches. (About
 * thirty rules walk the containers or probes of each object; recomputing them per rule cost more
 * than the rules themselves.) The rules of one document run one after another, so remembering the
 * last document is enough, and cheaper than a WeakMap lookup per call.
 */
function cachedPer<T>(
  compute: (templates: readonly PodTemplate[]) => readonly T[],
): (templates: readonly PodTemplate[]) => readonly T[] {
  let lastTemplates: readonly PodTemplate[] | undefined;
  let lastList: readonly T[] = [];
  return (templates) => {
    if (templates !== lastTemplates) {
      lastList = compute(templates);
      lastTemplates = templates;
    }
    return lastList;
  };
}

/** Every container of every pod template, in document order, with its template. */
export const eachContainer = cachedPer<ContainerVisit>((templates) => {
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
export const eachLongRunningContainer = cachedPer<ContainerVisit>((templates) =>
  eachContainer(templates).filter((visit) => restartsOnExit(visit.template) && visit.ref.longRunning),
);

/** Every probe the kubelet runs (of main containers and sidecars), in document order. */
export const eachProbe = cachedPer<ProbeRef>((templates) =>
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
export const eachImage = cachedPer<ImageVisit>((templates) => {
  const images: ImageVisit[] = [];
  for (const { ref } of eachContainer(templates)) {
    const image = ref.container['image'];
    if (typeof image !== 'string' || image === '' || isTemplated(image)) continue;
    images.push({ ref, image, path: [...ref.path, 'image'], parsed: parseImageReference(image) });
  }
  return images;
});
