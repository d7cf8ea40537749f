import { isObject } from '../../manifest/workloads';
import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';
import { eachProbe } from '../helpers/containers';

export const rule: Rule = {
  id: 'probe-exec-empty',
  severity: 'error',
  title: 'Exec probe with an empty command',
  rationale:
    'An exec probe runs its command inside the container; without one there is nothing to run, and the API server rejects the pod (exec.command: Required value).',
  remediation: 'Give `exec.command` the program and its arguments, e.g. `["pg_isready", "-U", "postgres"]`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:16\n      readinessProbe:\n        exec:\n          command: []\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres:16\n      readinessProbe:\n        exec:\n          command: ["pg_isready", "-U", "postgres"]\n',
  },
  check(ctx) {
    for (const { container, field, probe, path } of eachProbe(ctx.templates)) {
      const exec = probe['exec'];
      // A non-mapping exec is a type error, reported by the schema rules.
      if (!isObject(exec)) continue;
      const command = exec['command'];
      const empty =
        command === undefined ||
        command === null ||
        (Array.isArray(command) && command.every((word) => word === '' || word === null));
      if (!empty) continue;
      ctx.report({
        path: command === undefined || command === null ? [...path, 'exec'] : [...path, 'exec', 'command'],
        on: command === undefined || command === null ? 'key' : 'value',
        message: `The ${field} of ${containerLabel(container)} has an exec handler with no command, so the API server rejects the pod. Set exec.command to the program to run, e.g. ["cat", "/tmp/healthy"].`,
      });
    }
  },
};
