import { formatCpu } from '../../quantity';
import { quantityOwner, reportUnitSlips, type DeclaredValue, type UnitSlip } from '../helpers/resources';
import type { Rule } from '../types';

/** Few nodes have this many cores; a bare number this large was meant as millicores. */
const IMPLAUSIBLE_CORES_NANOS = 100n * 1_000_000_000n;

export const rule: Rule = {
  id: 'resources-cpu-unit',
  severity: 'warning',
  title: 'CPU written as hundreds of cores or with a binary unit',
  rationale:
    'CPU is counted in cores: cpu: 500 asks for 500 cores, so a request leaves the pod Pending forever ("Insufficient cpu") and a limit means nothing. Binary units (1Ki = 1024 cores) are never meant for CPU.',
  remediation: 'Write CPU in millicores (500m) or cores (0.5, 2).',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: 500\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: 500m\n',
  },
  check: (ctx) => reportUnitSlips(ctx, 'cpu', cpuSlip),
};

function cpuSlip(quantity: DeclaredValue): UnitSlip | undefined {
  const { section, value } = quantity;
  if (/[KMGTPE]i$/.test(value.text)) {
    return {
      message: `${quantityOwner(quantity)} is ${value.text}, a binary unit meant for bytes: it means ${formatCpu(value)}. Write CPU in cores (0.5, 2) or millicores (500m).`,
    };
  }
  if (value.nanos < IMPLAUSIBLE_CORES_NANOS) return undefined;
  const bare = /^\+?(\d+)(?:\.0*)?$/.exec(value.text);
  if (!bare?.[1]) return undefined;
  const suggestion = `${bare[1]}m`;
  const consequence =
    section === 'requests'
      ? 'no node has that many, so the pod stays Pending'
      : 'a limit that high never throttles anything';
  return {
    message: `${quantityOwner(quantity)} is ${value.text}, which means ${value.text} whole cores: ${consequence}. Did you mean ${suggestion} (${Number(bare[1]) / 1000} CPU)?`,
    suggestion,
  };
}
