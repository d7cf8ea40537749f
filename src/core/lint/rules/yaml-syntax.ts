import type { Rule } from '../types';

/** Reported by the engine itself when a document that looks like Kubernetes does not parse. */
export const rule: Rule = {
  id: 'yaml-syntax',
  severity: 'error',
  title: 'YAML does not parse',
  rationale:
    'kubectl and the API server reject a file whose YAML does not parse, so nothing in it is applied. A Helm template must be rendered before it is valid YAML.',
  remediation:
    'Fix the indentation or quoting at the reported position. For Helm charts, lint the rendered output: `helm template . | pod-doctor lint -`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n     image: nginx:1.27\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
  },
  check() {
    // The engine reports syntax errors before any rule runs.
  },
};
