import { checkMissingReferences } from '../../cluster-lint/reference-checks';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'cluster-pvc-missing',
  severity: 'error',
  cluster: true,
  title: 'A PersistentVolumeClaim the pod mounts does not exist in the namespace',
  rationale:
    'The scheduler cannot place a pod whose claim does not exist (`persistentvolumeclaim "x" not found`): it stays Pending.',
  remediation:
    'Create the PersistentVolumeClaim (in the same files counts), use a StatefulSet `volumeClaimTemplates` entry, or fix `claimName`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: files\nspec:\n  containers:\n    - name: files\n      image: nginx:1.27\n      volumeMounts:\n        - name: data\n          mountPath: /data\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: upload\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: files\nspec:\n  containers:\n    - name: files\n      image: nginx:1.27\n      volumeMounts:\n        - name: data\n          mountPath: /data\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: uploads\n',
  },
  check(ctx) {
    checkMissingReferences(ctx, 'PersistentVolumeClaim');
  },
};
