import type { Path } from '../../manifest/types';
import { didYouMean } from '../../text/suggest';
import type { Rule } from '../types';
import { containerLabel } from '../../text/container-label';
import { eachContainer } from '../helpers/containers';

/** Container fields that resemble `image` but are something else. */
const IMAGE_LIKE_FIELDS = new Set(['imagePullPolicy']);

export const rule: Rule = {
  id: 'image-missing',
  severity: 'error',
  reportsAbsence: true,
  title: 'Container without an image',
  rationale:
    'Every container needs an image: the API server rejects a Pod, Deployment, Job or other workload with a container that has none, or an empty one ("image: Required value"), so nothing is applied.',
  remediation:
    'Add `image:` with the image to run (for example `image: nginx:1.27`); check the spelling of the key.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      images: nginx:1.20\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.20\n',
  },
  check(ctx) {
    for (const { ref, template } of eachContainer(ctx.templates)) {
      const image = ref.container['image'];
      if (image !== undefined && image !== null && image !== '') continue;
      const keys = Object.keys(ref.container);
      const first = keys[0];
      const misspelt = keys.find(
        (key) => key !== 'image' && !IMAGE_LIKE_FIELDS.has(key) && didYouMean(key, ['image']).length > 0,
      );
      const fieldPath = `${pathText(ref.path)}.image`;
      const subject = template.kind === 'Pod' ? 'pod' : template.kind;
      const consequence = `, so the API server rejects the ${subject} (${fieldPath}: Required value).`;
      const typo =
        misspelt !== undefined
          ? ` The key "${misspelt}" looks like a misspelling of "image".`
          : ' Add image: with the image to run.';
      const empty = image === '';
      ctx.report({
        path: empty ? [...ref.path, 'image'] : first !== undefined ? [...ref.path, first] : ref.path,
        on: empty ? 'value' : 'key',
        message: `The ${containerLabel(ref)} has ${empty ? 'an empty' : 'no'} image${consequence}${typo}`,
      });
    }
  },
};

/** `spec.containers[0]` style, as the API server names fields in its errors. */
function pathText(path: Path): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}
