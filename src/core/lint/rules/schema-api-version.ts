import { apiVersionOfKind, isBuiltInApiVersion, knownKind } from '../../schema/catalog';
import type { Rule } from '../types';

/** Versions the API server stopped serving, for the message (Kubernetes deprecation guide). */
const REMOVED_IN: Readonly<Record<string, string>> = {
  'extensions/v1beta1': '1.16',
  'apps/v1beta1': '1.16',
  'apps/v1beta2': '1.16',
  'batch/v1beta1': '1.25',
  'batch/v2alpha1': '1.21',
};

export const rule: Rule = {
  id: 'schema-api-version',
  severity: 'error',
  title: 'Wrong apiVersion for a built-in kind',
  rationale:
    'Each built-in kind is served under one API group and version: a Deployment under `extensions/v1beta1` (removed in 1.16) or a Pod under `apps/v1` makes `kubectl apply` fail with "no matches for kind".',
  remediation:
    'Use the served apiVersion: `v1` for Pod, `apps/v1` for Deployment, `batch/v1` for Job and CronJob.',
  examples: {
    bad: 'apiVersion: extensions/v1beta1\nkind: Deployment\n',
    good: 'apiVersion: apps/v1\nkind: Deployment\n',
  },
  check(ctx) {
    const kind = knownKind(ctx.kind);
    const served = apiVersionOfKind(ctx.kind);
    if (kind === undefined || served === undefined || served === ctx.apiVersion) return;
    if (!isBuiltInApiVersion(ctx.apiVersion)) return;
    const removed = REMOVED_IN[ctx.apiVersion];
    const why = removed ? ` (${ctx.apiVersion} was removed in Kubernetes ${removed})` : '';
    const location = ctx.locate(['apiVersion']);
    ctx.report({
      path: ['apiVersion'],
      message: `${kind} is served as apiVersion "${served}", not "${ctx.apiVersion}"${why}; kubectl apply fails with "no matches for kind".`,
      ...(location
        ? {
            fix: {
              title: `Change apiVersion to ${served}`,
              edits: [{ range: location.value, newText: served }],
            },
          }
        : {}),
      suggestions: [served],
    });
  },
};
