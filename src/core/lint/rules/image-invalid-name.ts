import { containerLabel } from '../../text/container-label';
import { eachImage } from '../helpers/containers';
import { replaceValueFix } from '../helpers/fixes';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'image-invalid-name',
  severity: 'error',
  title: 'Image reference the container runtime rejects',
  rationale:
    'The kubelet parses the image as [registry[:port]/]repository[:tag][@digest]. A reference that does not parse (upper-case repository, spaces, an empty or malformed tag, a bad digest, an http:// prefix) never pulls: the pod waits with InvalidImageName.',
  remediation:
    'Write the reference as registry/repository:tag with a lower-case repository, no scheme and no spaces, for example ghcr.io/acme/api:1.4.2 or nginx:1.27@sha256:<digest>.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: Nginx:1.27\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
  },
  check(ctx) {
    for (const { ref, image, path, parsed } of eachImage(ctx.templates)) {
      if (parsed.ok) continue;
      const fix =
        parsed.suggestion !== undefined
          ? replaceValueFix(ctx, path, `Replace with ${parsed.suggestion}`, parsed.suggestion)
          : undefined;
      const advice = parsed.suggestion !== undefined ? ` Write "${parsed.suggestion}".` : '';
      ctx.report({
        path,
        message: `The image "${image}" of the ${containerLabel(ref)} ${parsed.problem}; the kubelet cannot parse it, so the pod waits with InvalidImageName.${advice}`,
        ...(fix ? { fix } : {}),
        ...(parsed.suggestion !== undefined ? { suggestions: [parsed.suggestion] } : {}),
      });
    }
  },
};
