import type { Path } from '../../manifest/types';
import { describeContainer } from '../../qos';
import { didYouMean } from '../../text/suggest';
import type { Rule } from '../types';

/** Container fields that resemble `image` but are something else. */
const IMAGE_LIKE_FIELDS = new Set(['imagePullPolicy']);

export const rule: Rule = {
  id: 'image-missing',
  severity: 'error',
  title: 'Container without an image',
  rationale:
    'Every container needs an image. The API server rejects a Pod without one ("image: Required value"); a Deployment, Job or other workload is accepted, but every pod it creates is rejected, so nothing ever runs.',
  remediation:
    'Add `image:` with the image to run (for example `image: nginx:1.27`); check the spelling of the key.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      images: nginx:1.20\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.20\n',
  },
  check(ctx) {
    for (const template of ctx.templates) {
      for (const ref of template.containers) {
        const image = ref.container['image'];
        if (image !== undefined && image !== null) continue;
        const keys = Object.keys(ref.container);
        const first = keys[0];
        const misspelt = keys.find(
          (key) => key !== 'image' && !IMAGE_LIKE_FIELDS.has(key) && didYouMean(key, ['image']).length > 0,
        );
        const fieldPath = `${pathText(ref.path)}.image`;
        const consequence =
          template.kind === 'Pod'
            ? `, so the API server rejects the pod (${fieldPath}: Required value).`
            : `: the API server accepts the ${template.kind} but rejects every pod it creates, so none ever runs.`;
        const typo =
          misspelt !== undefined
            ? ` The key "${misspelt}" looks like a misspelling of "image".`
            : ' Add image: with the image to run.';
        ctx.report({
          path: first !== undefined ? [...ref.path, first] : ref.path,
          on: 'key',
          message: `The ${describeContainer(ref)} has no image${consequence}${typo}`,
        });
      }
    }
  },
};

/** `spec.containers[0]` style, as the API server names fields in its errors. */
function pathText(path: Path): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}
