import { decimalString, formatBytes, parseQuantity } from '../../quantity';
import { declaredQuantities, declaredValue, describeContainer, isTemplated, keepQuotes } from '../../qos';
import type { Fix, Rule } from '../types';

const MEBIBYTE_NANOS = 1024n * 1024n * 1_000_000_000n;

export const rule: Rule = {
  id: 'resources-memory-unit',
  severity: 'warning',
  title: 'Memory written in millibytes or as a bare number of bytes',
  rationale:
    'For memory, "m" means milli, not mega: 512m is 0.512 bytes. A plain number is bytes: memory: 512 is half a kibibyte. A limit that small kills the container at start (OOMKilled, or the runtime refuses it), and a request that small reserves nothing on the node.',
  remediation: 'Write memory with a binary unit: 512Mi, 1Gi (or decimal 512M, 1G).',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          memory: 512m\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        limits:\n          memory: 512Mi\n',
  },
  check(ctx) {
    for (const template of ctx.templates) {
      for (const ref of template.containers) {
        if (ref.role === 'ephemeral') continue;
        for (const { section, resource, raw, path } of declaredQuantities(ref)) {
          if (resource !== 'memory' || isTemplated(raw)) continue;
          const value = declaredValue(raw);
          if (!value || value.nanos <= 0n) continue;
          const milli = /^\+?(\d*\.?\d*)m$/.exec(value.text);
          const bare = /^\+?(\d*\.?\d*)$/.exec(value.text);
          let reading: string;
          let number: string;
          if (milli?.[1]) {
            number = milli[1];
            reading = `which Kubernetes reads as ${formatBytes(value)} ("m" means milli, a thousandth, not mega)`;
          } else if (bare?.[1] && value.nanos < MEBIBYTE_NANOS) {
            number = bare[1];
            reading = `which Kubernetes reads as ${formatBytes(value)} (a plain number means bytes)`;
          } else {
            continue;
          }
          const suggestion = `${number}Mi`;
          const suggested = parseQuantity(suggestion);
          const consequence =
            section === 'limits'
              ? 'A limit this small kills the container as it starts'
              : 'A request this small reserves no memory for it on the node';
          const range = ctx.locate(path)?.value;
          const fix: Fix | undefined = range
            ? {
                title: `Change to ${suggestion}`,
                edits: [{ range, newText: keepQuotes(ctx.text.slice(range.start, range.end), suggestion) }],
              }
            : undefined;
          ctx.report({
            path,
            message: `The memory ${section === 'limits' ? 'limit' : 'request'} of ${describeContainer(ref)} is ${value.text}, ${reading}. ${consequence}; did you mean ${suggestion}${suggested.ok ? ` (${decimalString(suggested.value.nanos, true)} bytes)` : ''}?`,
            ...(fix ? { fix } : {}),
            suggestions: [suggestion],
          });
        }
      }
    }
  },
};
