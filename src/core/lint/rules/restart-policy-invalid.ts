import type { Rule } from '../types';

const LONG_RUNNING_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
]);
const POLICIES = ['Always', 'OnFailure', 'Never'];

export const rule: Rule = {
  id: 'restart-policy-invalid',
  severity: 'error',
  title: 'Pod restartPolicy the workload does not accept',
  rationale:
    'A Job\'s pods must be allowed to finish: the API server accepts only `restartPolicy: Never` or `OnFailure` in a Job or CronJob template, and since a pod\'s restartPolicy defaults to Always, leaving it out is rejected too ("restartPolicy: Required value"). Deployments, StatefulSets, DaemonSets and ReplicaSets keep their pods running and accept only Always.',
  remediation:
    'Set `restartPolicy: Never` (or `OnFailure`) in Job and CronJob templates; remove restartPolicy (or use Always) in other workloads.',
  examples: {
    bad: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Always\n      containers:\n        - name: migrate\n          image: registry.example.com/migrate:1.0\n',
    good: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: registry.example.com/migrate:1.0\n',
  },
  check(ctx) {
    for (const template of ctx.templates) {
      const policy = template.spec['restartPolicy'];
      const policyPath = [...template.specPath, 'restartPolicy'];
      const kind = template.kind;
      if (policy !== undefined && policy !== null && !POLICIES.includes(String(policy))) {
        ctx.report({
          path: policyPath,
          message: `restartPolicy "${String(policy)}" is not one of Always, OnFailure or Never, so the API server rejects the ${kind}.${hint(String(policy))}`,
        });
      } else if (template.runsToCompletion) {
        if (policy === 'Always') {
          ctx.report({
            path: policyPath,
            message: `A ${kind}'s pods must be able to finish, so the API server rejects restartPolicy Always in its template ("restartPolicy: Required value"). Use Never (a failed pod is replaced) or OnFailure (the container restarts in place).`,
          });
        } else if (policy === undefined || policy === null) {
          ctx.report({
            path: template.specPath,
            on: 'key',
            message: `The ${kind}'s pod template has no restartPolicy; it defaults to Always, which a ${kind} does not accept, so the API server rejects it ("${template.specPath.join('.')}.restartPolicy: Required value"). Add restartPolicy: Never or OnFailure.`,
          });
        }
      } else if (LONG_RUNNING_KINDS.has(kind) && typeof policy === 'string' && policy !== 'Always') {
        ctx.report({
          path: policyPath,
          message: `A ${kind} keeps its pods running, so the API server accepts only restartPolicy Always in its template, not ${policy}. Remove restartPolicy, or use a Job for work that finishes.`,
        });
      }
    }
  },
};

function hint(policy: string): string {
  const match = POLICIES.find((p) => p.toLowerCase() === policy.toLowerCase());
  return match === undefined ? '' : ` Write "${match}" (the value is case-sensitive).`;
}
