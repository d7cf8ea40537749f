import { namespaceOf, namespaceState } from '../../cluster-lint/context';
import {
  evaluatePodSecurity,
  forbiddenDetail,
  namespacePolicy,
  policyName,
  type LevelVersion,
  type PodSecurityViolation,
} from '../../cluster-lint/pod-security';
import { pointAt, reportNotice, namespacePath } from '../../cluster-lint/report';
import { planFieldEdit } from '../../fix';
import type { PodTemplate } from '../../manifest/workloads';
import type { Fix, Rule, RuleContext, Severity, TextEdit } from '../types';

type Mode = 'enforce' | 'warn' | 'audit';

const RESTRICTED_EXAMPLE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
`;

export const rule: Rule = {
  id: 'cluster-podsecurity',
  severity: 'error',
  cluster: true,
  title: "The namespace's Pod Security level forbids something in the pod template",
  rationale:
    'The PodSecurity admission plugin checks every pod against the level its namespace names in `pod-security.kubernetes.io/enforce`, `warn` and `audit` (and their `-version` labels). An `enforce` violation rejects a Pod at apply; a Deployment, Job or CronJob is admitted with only a warning, but every pod it creates is rejected (FailedCreate). `warn` prints a warning and `audit` writes the audit log. Messages are the plugin\'s own (`violates PodSecurity "restricted:latest": …`).',
  remediation:
    'Change the field the message names (for `restricted`: `allowPrivilegeEscalation: false`, `runAsNonRoot: true`, `seccompProfile.type: RuntimeDefault`, `capabilities.drop: ["ALL"]`), or deploy to a namespace whose level allows it.',
  examples: {
    bad: RESTRICTED_EXAMPLE_POD.replace(
      '      image: nginx:1.27\n',
      '      image: nginx:1.27\n      securityContext:\n        privileged: true\n',
    ),
    good: RESTRICTED_EXAMPLE_POD.replace(
      '  containers:\n',
      '  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n',
    ).replace(
      '      image: nginx:1.27\n',
      '      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities:\n          drop: ["ALL"]\n',
    ),
  },
  check(ctx) {
    const input = ctx.cluster;
    if (!input) return;
    const namespace = namespaceOf(ctx.object, input.snapshot.defaultNamespace);
    if (namespace === undefined || ctx.templates.length === 0) return;
    const state = namespaceState(input, namespace);
    if (!state.known) return reportNotice(ctx, state.notice, namespacePath(ctx));
    if (!state.exists) return;
    const policy = namespacePolicy(state.labels);
    for (const template of ctx.templates) {
      const said: string[] = [];
      for (const mode of ['enforce', 'warn', 'audit'] as const) {
        const levelVersion = policy[mode];
        for (const violation of evaluatePodSecurity(ctx.object, template, levelVersion)) {
          const text = forbiddenDetail([violation]);
          // One problem, one finding: a looser mode repeats nothing a stricter one already said.
          if (said.includes(text)) continue;
          said.push(text);
          reportViolation(ctx, template, mode, levelVersion, violation, namespace);
        }
      }
    }
  },
};

const SEVERITY: Readonly<Record<Mode, Severity>> = { enforce: 'error', warn: 'warning', audit: 'warning' };

function consequence(ctx: RuleContext, mode: Mode, namespace: string): string {
  if (mode === 'warn')
    return `Namespace "${namespace}" warns at this level: kubectl prints the warning and the pod is admitted.`;
  if (mode === 'audit')
    return `Namespace "${namespace}" audits at this level: the audit log records the violation.`;
  return ctx.kind === 'Pod'
    ? `Namespace "${namespace}" enforces this level: the API server rejects the pod.`
    : `Namespace "${namespace}" enforces this level: the ${ctx.kind} is admitted with a warning, but every pod it creates is rejected (FailedCreate).`;
}

function reportViolation(
  ctx: RuleContext,
  template: PodTemplate,
  mode: Mode,
  levelVersion: LevelVersion,
  violation: PodSecurityViolation,
  namespace: string,
): void {
  const first = violation.paths[0];
  const at =
    first === undefined ? { path: template.specPath, on: 'key' as const } : pointAt(ctx.object, first);
  const verb = mode === 'enforce' ? 'violates' : 'would violate';
  const fix = levelVersion.level === 'restricted' ? restrictedFix(ctx, violation) : undefined;
  ctx.report({
    path: at.path,
    on: at.on,
    message: `${verb} PodSecurity "${policyName(levelVersion)}": ${forbiddenDetail([violation])}. ${consequence(ctx, mode, namespace)}`,
    severity: SEVERITY[mode],
    ...(fix ? { fix } : {}),
  });
}

/** The mechanical fixes the restricted level asks for, where the field is simply missing or wrong. */
function restrictedFix(ctx: RuleContext, violation: PodSecurityViolation): Fix | undefined {
  const setting: Readonly<Record<string, [title: string, field: string, value: string]>> = {
    allowPrivilegeEscalation: ['Set allowPrivilegeEscalation: false', 'allowPrivilegeEscalation', 'false'],
    runAsNonRoot: ['Set runAsNonRoot: true', 'runAsNonRoot', 'true'],
    seccompProfile_restricted: [
      'Set seccompProfile.type: RuntimeDefault',
      'seccompProfile',
      '{ type: RuntimeDefault }',
    ],
    capabilities_restricted: ['Drop all capabilities', 'drop', '["ALL"]'],
  };
  const entry = setting[violation.check];
  if (!entry) return undefined;
  const [title, field, value] = entry;
  // Fix only what the message asks to set; a forbidden `add` or an explicit `false` needs a person.
  if (violation.check === 'capabilities_restricted' && violation.detail.includes('must not include'))
    return undefined;
  if (violation.check === 'runAsNonRoot' && violation.detail.includes('must not set')) return undefined;
  if (violation.check === 'seccompProfile_restricted' && violation.detail.includes('must not set'))
    return undefined;
  const edits: TextEdit[] = [];
  for (const path of violation.paths) {
    if (path[path.length - 1] !== field) return undefined;
    const planned = planFieldEdit(ctx.text, ctx.document, path, value);
    if (!planned) return undefined;
    edits.push(...planned);
  }
  return edits.length > 0 ? { title, edits } : undefined;
}
