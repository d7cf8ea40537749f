import type { JsonObject } from '../../manifest/types';
import { getPath, isObject } from '../../manifest/workloads';
import { didYouMean } from '../../text/suggest';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'volume-mount-undefined',
  severity: 'error',
  needsWholeObject: true,
  title: 'Volume mount names a volume the pod does not define',
  rationale:
    'A `volumeMounts[].name` (or `volumeDevices[].name`) must name an entry of the pod\'s `spec.volumes`; otherwise the API server rejects the pod ("volumeMounts[0].name: Not found").',
  remediation: 'Fix the name, or add the volume to `spec.volumes`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: confg\n          mountPath: /etc/nginx/conf.d\n  volumes:\n    - name: config\n      configMap:\n        name: web-config\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: config\n          mountPath: /etc/nginx/conf.d\n  volumes:\n    - name: config\n      configMap:\n        name: web-config\n',
  },
  check(ctx) {
    for (const template of ctx.templates) {
      const names = [...namesOf(template.spec['volumes']), ...claimTemplateNames(template.kind, ctx.object)];
      for (const container of template.containers) {
        for (const field of ['volumeMounts', 'volumeDevices'] as const) {
          const entries = container.container[field];
          if (!Array.isArray(entries)) continue;
          entries.forEach((entry: unknown, index) => {
            if (!isObject(entry) || typeof entry['name'] !== 'string') return;
            const name = entry['name'];
            if (names.includes(name)) return;
            const suggestions = didYouMean(name, names);
            const defined =
              names.length === 0
                ? 'the pod defines no volumes'
                : `the pod defines ${names.map((n) => `"${n}"`).join(', ')}`;
            const hint =
              suggestions[0] !== undefined
                ? ` Did you mean "${suggestions[0]}"?`
                : ` Add it to spec.volumes or fix the name.`;
            ctx.report({
              path: [...container.path, field, index, 'name'],
              message: `Container "${container.name}" ${field === 'volumeMounts' ? 'mounts' : 'attaches'} volume "${name}", but ${defined}, so the API server rejects the pod.${hint}`,
              ...(suggestions.length > 0 ? { suggestions } : {}),
            });
          });
        }
      }
    }
  },
};

function namesOf(list: unknown): string[] {
  return Array.isArray(list)
    ? list.flatMap((v: unknown) => (isObject(v) && typeof v['name'] === 'string' ? [v['name']] : []))
    : [];
}

/** A StatefulSet's volumeClaimTemplates become volumes of each pod, named by their metadata.name. */
function claimTemplateNames(kind: string, object: JsonObject): string[] {
  if (kind !== 'StatefulSet') return [];
  const claims = getPath(object, ['spec', 'volumeClaimTemplates']);
  return Array.isArray(claims)
    ? claims.flatMap((claim: unknown) => namesOf([getPath(claim, ['metadata'])]))
    : [];
}
