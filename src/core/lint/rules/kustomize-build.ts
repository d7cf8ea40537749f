import type { Rule } from '../types';

/** Reported by the Kustomize support when `kustomize build` of a kustomization fails. */
export const rule: Rule = {
  id: 'kustomize-build',
  severity: 'error',
  title: 'Kustomization does not build',
  rationale:
    '`kubectl apply -k` and every GitOps tool run `kustomize build` first; when it fails (a missing resource or patch file, a patch whose target does not exist, a malformed kustomization) nothing of the overlay is applied, and none of its objects can be linted as they will be deployed.',
  remediation:
    "Fix what Kustomize's message names (run `kubectl kustomize DIR` to see it), usually a path in `resources`, `patches` or `components`, or a patch target.",
  examples: {
    bad: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../bsae\n',
    good: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n',
  },
  check() {
    // Kustomize reports build failures; the rule exists for its metadata, docs and severity setting.
  },
};
