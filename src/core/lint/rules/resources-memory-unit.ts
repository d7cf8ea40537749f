import { decimalString, formatBytes, parseQuantity } from '../../quantity';
import { quantityOwner, reportUnitSlips, type DeclaredValue, type UnitSlip } from '../helpers/resources';
import type { Rule } from '../types';

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
  check: (ctx) => reportUnitSlips(ctx, 'memory', memorySlip),
};

function memorySlip(quantity: DeclaredValue): UnitSlip | undefined {
  const { section, value } = quantity;
  if (value.nanos <= 0n) return undefined;
  const small = value.nanos < MEBIBYTE_NANOS;
  // Every slip below is either written in millibytes or smaller than a mebibyte.
  if (!small && !value.text.endsWith('m')) return undefined;
  const milli = /^\+?(\d*\.?\d*)m$/.exec(value.text);
  const bare = /^\+?(\d*\.?\d*)$/.exec(value.text);
  const consequence =
    section === 'limits'
      ? 'A limit this small kills the container as it starts'
      : 'A request this small reserves no memory for it on the node';
  let reading: string;
  let number: string;
  if (milli?.[1]) {
    number = milli[1];
    reading = `which Kubernetes reads as ${formatBytes(value)} ("m" means milli, a thousandth, not mega)`;
  } else if (bare?.[1] && small) {
    number = bare[1];
    reading = `which Kubernetes reads as ${formatBytes(value)} (a plain number means bytes)`;
  } else {
    // An exponent (1e3) has no unit to correct, so the message asks for one instead of guessing.
    if (small && /^\+?[\d.]+[eE][+-]?\d+$/.test(value.text)) {
      return {
        message: `${quantityOwner(quantity)} is ${value.text}, which Kubernetes reads as ${formatBytes(value)} (a number with an exponent is a plain number of bytes). ${consequence}; write the amount with a unit, such as 512Mi.`,
      };
    }
    return undefined;
  }
  const suggestion = `${number}Mi`;
  const suggested = parseQuantity(suggestion);
  return {
    message: `${quantityOwner(quantity)} is ${value.text}, ${reading}. ${consequence}; did you mean ${suggestion}${suggested.ok ? ` (${decimalString(suggested.value.nanos, true)} bytes)` : ''}?`,
    suggestion,
  };
}
