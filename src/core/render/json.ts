import type { Explanation } from '../diagnose/types';

/**
 * The `explain --format json` object (docs/architecture.md, contracts): every documented key in a fixed
 * order (`null` when a diagnosis is about the whole pod, or evidence has no path), so scripts can
 * rely on the shape. Extra keys (headline, age, node, containers) come after the documented ones.
 */
export function explanationJson(
  e: Explanation,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    pod: { namespace: e.pod.namespace, name: e.pod.name },
    phase: e.phase,
    status: e.status,
    ready: e.ready,
    restarts: e.restarts,
    diagnoses: e.diagnoses.map((d) => ({
      id: d.id,
      severity: d.severity,
      title: d.title,
      summary: d.summary,
      container: d.container ?? null,
      evidence: d.evidence.map((ev) => ({
        source: ev.source,
        text: ev.text,
        path: ev.path ?? null,
        time: ev.time ?? null,
      })),
      causes: d.causes.map((c) => ({ text: c.text, likelihood: c.likelihood })),
      fixes: d.fixes.map((f) => ({ text: f.text, specPath: f.specPath ?? null, value: f.value ?? null })),
    })),
    timeline: e.timeline.map((t) => ({
      time: t.time,
      source: t.source,
      text: t.text,
      severity: t.severity ?? null,
    })),
    headline: e.headline,
    age: e.age,
    node: e.node,
    labels: e.labels ?? {},
    containers: e.containers,
    ...extra,
  };
}
