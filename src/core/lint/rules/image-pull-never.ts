import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';
import { eachContainer } from '../helpers/containers';

export const rule: Rule = {
  id: 'image-pull-never',
  severity: 'warning',
  title: 'imagePullPolicy: Never',
  rationale:
    'With imagePullPolicy: Never the kubelet only uses an image already present on the node. On every node where it is missing the container never starts: the pod waits with ErrImageNeverPull.',
  remediation:
    'Use IfNotPresent (or remove the field) so the node pulls the image when it lacks it. Keep Never only when the image is preloaded on every node (kind load docker-image, minikube image load, a node image).',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: acme/web:dev\n      imagePullPolicy: Never\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: acme/web:dev\n      imagePullPolicy: IfNotPresent\n',
  },
  check(ctx) {
    for (const { ref } of eachContainer(ctx.templates)) {
      if (ref.container['imagePullPolicy'] !== 'Never') continue;
      const image = ref.container['image'];
      const which = typeof image === 'string' && image !== '' ? `"${image}"` : 'its image';
      ctx.report({
        path: [...ref.path, 'imagePullPolicy'],
        message: `The ${containerLabel(ref)} has imagePullPolicy: Never, so the kubelet never pulls ${which}: on any node that does not already have it the pod waits with ErrImageNeverPull. Use IfNotPresent unless the image is preloaded on every node.`,
      });
    }
  },
};
