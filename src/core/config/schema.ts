import type { RuleMeta } from '../lint/types';

const RULES_DOC = 'https://github.com/pod-doctor/pod-doctor/blob/main/docs/rules.md';
const LEVEL = { type: 'string', enum: ['off', 'info', 'warning', 'error'] } as const;
const GLOBS_NOTE =
  'Globs are relative to the folder of this file and use "/"; a glob without "/" matches a file name at any depth, and a folder name matches everything below it.';

/**
 * The JSON schema of `.pod-doctor.yaml` (schemas/pod-doctor.schema.json is generated from it). It
 * gives the YAML extension completion and validation, and the editor its hovers on the file's keys.
 */
export function renderConfigSchema(rules: readonly Pick<RuleMeta, 'id' | 'severity' | 'title'>[]): string {
  const levels = {
    type: 'object',
    description: 'Severity per rule id: off, info, warning or error.',
    properties: Object.fromEntries(
      [...rules]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((r) => [
          r.id,
          {
            ...LEVEL,
            description: `${r.title} (default: ${r.severity}).`,
            markdownDescription: `${r.title} (default: ${r.severity}). [Docs](${RULES_DOC}#${r.id})`,
          },
        ]),
    ),
    patternProperties: {
      '^live-[a-z-]+$': {
        ...LEVEL,
        description:
          'A live finding of `lint --cluster` (live-<diagnosis id>); its default follows the diagnosis.',
        markdownDescription: `A live finding of \`lint --cluster\` (live-<diagnosis id>); its default follows the diagnosis. [Docs](${RULES_DOC}#live-findings)`,
      },
    },
    additionalProperties: false,
  };
  const globs = (description: string) => ({
    type: 'array',
    description: `${description} ${GLOBS_NOTE}`,
    items: { type: 'string', minLength: 1 },
  });
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/pod-doctor/pod-doctor/blob/main/schemas/pod-doctor.schema.json',
    title: 'Pod Doctor configuration (.pod-doctor.yaml)',
    description:
      'Read the same way by `pod-doctor lint` and the editor: the nearest .pod-doctor.yaml above a manifest applies, up to the repository root or workspace folder.',
    type: 'object',
    additionalProperties: false,
    definitions: { rules: levels },
    properties: {
      rules: {
        $ref: '#/definitions/rules',
        description:
          'Severity per rule id: off, info, warning or error. The editor setting podDoctor.lint.rules and `--rule` win over it.',
      },
      ignore: globs(
        'Files not to lint when found in a folder (a file named on the command line is still linted).',
      ),
      overrides: {
        type: 'array',
        description:
          'Rule levels for some files only; an entry applies after `rules`, a later entry after an earlier one.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: globs('The files this entry applies to.'),
            rules: { $ref: '#/definitions/rules' },
          },
        },
      },
      kubernetesVersion: {
        type: 'string',
        pattern: '^v?\\d+\\.\\d+(\\.\\d+)?$',
        description:
          'The Kubernetes version of the clusters you deploy to, as "1.30" (quoted). schema-api-version then warns about an API version this release still serves but a later one removed, instead of reporting an error.',
      },
      kustomize: {
        type: 'object',
        description: 'Rendering of Kustomize overlays before linting.',
        additionalProperties: false,
        properties: {
          enabled: {
            type: 'boolean',
            default: true,
            description: 'Render kustomizations and lint what they produce.',
          },
          bin: {
            type: 'string',
            description: 'The kustomize (or kubectl) executable to run, when not on PATH.',
          },
        },
      },
      helm: {
        type: 'object',
        description:
          'Rendering of Helm charts (a folder holding Chart.yaml) with `helm template` before linting.',
        additionalProperties: false,
        properties: {
          enabled: {
            type: 'boolean',
            default: true,
            description: 'Render charts and lint what they produce.',
          },
          bin: { type: 'string', description: 'The helm executable to run, when not on PATH.' },
          values: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              "Values files passed to `helm template` as --values, after the chart's own values.yaml; relative to the folder of this file.",
          },
        },
      },
    },
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
