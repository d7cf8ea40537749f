import { replaceValueFix } from '../lint/helpers/fixes';
import type { RuleContext } from '../lint/types';
import type { Path } from '../manifest/types';
import { didYouMeanSentence, lookup, podRejection } from './lookup';
import { serviceAccountOf, specName } from './references';
import { clusterScope, reportNotice } from './report';

interface NamedTarget {
  readonly list: 'serviceAccounts' | 'priorityClasses' | 'runtimeClasses';
  readonly kind: string;
  /** The pod spec field that names it, or a reader for fields with aliases. */
  readonly field: string;
  /** The admission plugin's own error for a missing object. */
  readonly admissionError: (name: string, namespace: string) => string;
}

export const SERVICE_ACCOUNT: NamedTarget = {
  list: 'serviceAccounts',
  kind: 'ServiceAccount',
  field: 'serviceAccountName',
  admissionError: (name, namespace) =>
    `error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`,
};
export const PRIORITY_CLASS: NamedTarget = {
  list: 'priorityClasses',
  kind: 'PriorityClass',
  field: 'priorityClassName',
  admissionError: (name) => `no PriorityClass with name ${name} was found`,
};
export const RUNTIME_CLASS: NamedTarget = {
  list: 'runtimeClasses',
  kind: 'RuntimeClass',
  field: 'runtimeClassName',
  admissionError: (name) => `pod rejected: RuntimeClass "${name}" not found`,
};

/** Reports a `serviceAccountName`, `priorityClassName` or `runtimeClassName` that names nothing in the cluster. */
export function checkNamedObject(ctx: RuleContext, target: NamedTarget): void {
  const scope = clusterScope(ctx);
  if (!scope) return;
  const { input, namespace } = scope;
  const namespaced = target.list === 'serviceAccounts';
  for (const template of ctx.templates) {
    const named: { name: string; path: Path } | undefined = namespaced
      ? serviceAccountOf(template)
      : specName(template, target.field);
    if (!named) continue;
    const found = lookup(input, target.list, named.name, namespaced ? namespace : undefined);
    if (found.state === 'unknown') {
      reportNotice(ctx, found.notice, named.path);
      continue;
    }
    if (found.state === 'found') continue;
    // The namespace's "default" ServiceAccount is created by its controller as soon as the namespace exists.
    if (namespaced && named.name === 'default') continue;
    const where = namespaced
      ? `${target.kind} "${named.name}" does not exist in namespace "${namespace}"`
      : `${target.kind} "${named.name}" does not exist in the cluster`;
    const suggestion = found.nearest[0];
    const fix = suggestion && replaceValueFix(ctx, named.path, `Change to "${suggestion}"`, suggestion);
    ctx.report({
      path: named.path,
      message: `${where}: ${podRejection(ctx)} (${target.admissionError(named.name, namespace)}).${didYouMeanSentence(found.nearest)}`,
      ...(fix ? { fix } : {}),
      ...(suggestion ? { suggestions: [suggestion] } : {}),
    });
  }
}
