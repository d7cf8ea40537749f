import type { JsonObject, Path } from '../../manifest/types';
import { isObject } from '../../manifest/workloads';
import type { EffectiveProbe, ProbeHandlerKind } from '../../probes';
import type { Fix, Rule, RuleContext } from '../types';
import { containerLabel } from '../../text/container-label';
import { eachProbe, siblingProbe } from '../helpers/containers';

export const rule: Rule = {
  id: 'probe-liveness-kills-during-startup',
  severity: 'warning',
  needsWholeObject: true,
  title: 'Liveness probe kills the container before it can become ready',
  rationale:
    'Without a startup probe the liveness probe starts counting failures at its initialDelaySeconds. When initialDelay + period × failureThreshold is shorter than the time the readiness probe waits, a slow-starting application is killed before it is ever ready: CrashLoopBackOff on every rollout.',
  remediation:
    'Add a `startupProbe` with the liveness handler and a generous failureThreshold (liveness and readiness wait until it succeeds), or lengthen the liveness initialDelaySeconds.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/app:1.0\n      livenessProbe:\n        httpGet:\n          path: /healthz\n          port: 8080\n      readinessProbe:\n        httpGet:\n          path: /ready\n          port: 8080\n        initialDelaySeconds: 60\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/app:1.0\n      livenessProbe:\n        httpGet:\n          path: /healthz\n          port: 8080\n      startupProbe:\n        httpGet:\n          path: /healthz\n          port: 8080\n        periodSeconds: 10\n        failureThreshold: 30\n      readinessProbe:\n        httpGet:\n          path: /ready\n          port: 8080\n        initialDelaySeconds: 60\n',
  },
  check(ctx) {
    for (const ref of eachProbe(ctx.templates)) {
      const { container, field, probe, path, effective } = ref;
      if (field !== 'livenessProbe' || isObject(container.container['startupProbe'])) continue;
      const readiness = siblingProbe(ctx.templates, ref, 'readinessProbe')?.effective;
      if (readiness === undefined) continue;
      // killDeadlineSeconds, from the timing already worked out.
      const deadline = effective.initialDelaySeconds + effective.periodSeconds * effective.failureThreshold;
      if (deadline >= readiness.initialDelaySeconds) continue;
      const failureThreshold = Math.max(
        30,
        Math.ceil((2 * readiness.initialDelaySeconds) / effective.periodSeconds),
      );
      const fix = startupProbeFix(ctx, path, probe, effective, failureThreshold);
      ctx.report({
        path,
        on: 'key',
        message: `The livenessProbe of ${containerLabel(container)} kills it by ${deadline} s (initialDelay ${effective.initialDelaySeconds} + ${effective.periodSeconds} s × ${effective.failureThreshold} failures) if it is not healthy yet, but readiness is not even checked before ${readiness.initialDelaySeconds} s: a slow start ends in CrashLoopBackOff. Add a startupProbe so liveness waits until the application has started.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

/**
 * Inserts a `startupProbe` right after the liveness probe (after the rest of its last line, so a
 * trailing comment stays where it is), with the liveness handler and a generous failureThreshold.
 */
function startupProbeFix(
  ctx: RuleContext,
  probePath: Path,
  probeValue: JsonObject,
  probe: EffectiveProbe,
  failureThreshold: number,
): Fix | undefined {
  const handler: ProbeHandlerKind | undefined = probe.handler;
  if (handler === undefined) return undefined;
  const probeLoc = ctx.locate(probePath);
  const handlerLoc = ctx.locate([...probePath, handler]);
  if (!probeLoc?.key || !handlerLoc?.key) return undefined;
  const text = ctx.text;
  const keyColumn = columnOf(text, probeLoc.key.start);
  if (!onlySpacesOrDashBefore(text, probeLoc.key.start)) return undefined;
  const lineEnd = text.indexOf('\n', probeLoc.value.end);
  const insertAt = lineEnd === -1 ? text.length : lineEnd + 1;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = ' '.repeat(keyColumn);
  const handlerColumn = columnOf(text, handlerLoc.key.start);
  let lines: string[];
  if (onlySpacesBefore(text, handlerLoc.key.start) && handlerColumn > keyColumn) {
    // A block mapping: the new probe sits at the liveness probe's indentation, so the handler's
    // lines keep their own indentation verbatim.
    const child = ' '.repeat(handlerColumn);
    lines = [
      `${indent}startupProbe:`,
      `${child}${text.slice(handlerLoc.key.start, handlerLoc.value.end).replace(/\r?\n/g, eol)}`,
      `${child}periodSeconds: ${probe.periodSeconds}`,
      `${child}failureThreshold: ${failureThreshold}`,
    ];
  } else {
    // A flow mapping on one line: write the new probe as one JSON (flow YAML) line after it.
    const rest = text.slice(probeLoc.key.start, lineEnd === -1 ? text.length : lineEnd);
    if (!balancedBrackets(rest)) return undefined;
    const value = { [handler]: probeValue[handler], periodSeconds: probe.periodSeconds, failureThreshold };
    lines = [`${indent}startupProbe: ${JSON.stringify(value)}`];
  }
  const newText = (lineEnd === -1 ? eol : '') + lines.join(eol) + eol;
  return {
    title: `Add a startupProbe (${probe.description}, up to ${probe.periodSeconds * failureThreshold} s to start)`,
    edits: [{ range: { start: insertAt, end: insertAt }, newText }],
  };
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

function onlySpacesBefore(text: string, offset: number): boolean {
  return /^ *$/.test(text.slice(lineStartOf(text, offset), offset));
}

function onlySpacesOrDashBefore(text: string, offset: number): boolean {
  return /^[ -]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

/** True when every bracket opened in `text` is closed there (the flow mapping ends on this line). */
function balancedBrackets(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}
