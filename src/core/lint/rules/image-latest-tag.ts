import { containerLabel } from '../../text/container-label';
import { eachImage } from '../helpers/containers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'image-latest-tag',
  severity: 'info',
  title: 'Image without a tag or with :latest',
  rationale:
    'An image without a tag means :latest, which moves: pods started at different times (a rollout, a rescheduled pod, a new node) can run different versions, and a rollback cannot return to the old one. With :latest, imagePullPolicy also defaults to Always, so every container start depends on the registry.',
  remediation:
    'Pin a version tag (nginx:1.27.3) or a digest (nginx@sha256:…), and change it to deploy a new version.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
  },
  check(ctx) {
    for (const { ref, image, path, parsed } of eachImage(ctx.templates)) {
      if (!parsed.ok) continue;
      const { tag, digest, repository, domain } = parsed.reference;
      if (digest !== undefined || (tag !== undefined && tag !== 'latest')) continue;
      const name = domain !== undefined ? `${domain}/${repository}` : repository;
      const what = tag === undefined ? `has no tag, so it means ${name}:latest` : 'uses the latest tag';
      const policy =
        ref.container['imagePullPolicy'] === undefined
          ? ', and imagePullPolicy defaults to Always, so every container start pulls from the registry'
          : '';
      ctx.report({
        path,
        message: `The image "${image}" of the ${containerLabel(ref)} ${what}: pods started at different times can run different versions${policy}. Pin a version tag (${name}:<version>) or a digest.`,
      });
    }
  },
};
