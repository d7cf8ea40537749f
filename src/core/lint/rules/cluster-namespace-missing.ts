import { namespaceOf, namespaceState } from '../../cluster-lint/context';
import { namespacePath, reportNotice } from '../../cluster-lint/report';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-namespace-missing',
  severity: 'error',
  cluster: true,
  title: "The object's namespace does not exist in the cluster",
  rationale:
    'The API server refuses to create an object in a namespace that does not exist (`namespaces "shop" not found`), so `kubectl apply` fails for this object and for everything that depends on it.',
  remediation:
    'Create the namespace first (a `kind: Namespace` object in the same files counts), or fix `metadata.namespace` / the `-n` namespace.',
  examples: {
    bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop-staging\ndata:\n  LOG_LEVEL: info\n',
    good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  LOG_LEVEL: info\n',
  },
  check(ctx) {
    const input = ctx.cluster;
    if (!input) return;
    const namespace = namespaceOf(ctx.object, input.snapshot.defaultNamespace);
    if (namespace === undefined) return;
    const state = namespaceState(input, namespace);
    const path = namespacePath(ctx);
    if (!state.known) return reportNotice(ctx, state.notice, path);
    if (state.exists) return;
    ctx.report({
      path,
      message: `Namespace "${namespace}" does not exist in context ${input.snapshot.context}: the API server refuses the object (namespaces "${namespace}" not found). Create the namespace first or fix the namespace.`,
    });
  },
};
