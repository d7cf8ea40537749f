import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-dry-run',
  severity: 'error',
  cluster: true,
  title: 'The API server refused the object in a server-side dry run, or warned about it',
  rationale:
    'Only with `--server-dry-run` (off by default): each object is sent as a server-side dry-run create, so every admission plugin and webhook of the real cluster judges it. Nothing is persisted, but it needs `create` permission. A refusal is an error and each `Warning:` a warning, reported on the object.',
  remediation: "Read the API server's message: it names the plugin or webhook and the field it refused.",
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    team: storefront\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
  },
  check(ctx) {
    const outcome = ctx.cluster?.dryRun?.get(ctx.document.index);
    if (!outcome) return;
    const at = ctx.locate(['metadata', 'name']) ? ['metadata', 'name'] : ['kind'];
    if (outcome.error !== undefined) {
      ctx.report({ path: at, message: dryRunErrorMessage(outcome.error) });
    }
    for (const warning of outcome.warnings ?? []) {
      ctx.report({ path: at, severity: 'warning', message: dryRunWarningMessage(warning) });
    }
  },
};

/** `The API server refuses the object (server-side dry run): …`, the Status message kept verbatim. */
export function dryRunErrorMessage(status: string): string {
  return `The API server refuses the object (server-side dry run): ${status.trim().replace(/\.$/, '')}.`;
}

/** A `Warning:` header of the dry run, kept verbatim. */
export function dryRunWarningMessage(warning: string): string {
  return `The API server warns (server-side dry run): ${warning.trim().replace(/^Warning:\s*/, '')}`;
}
