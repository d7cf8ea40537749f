import { defaultRegistry } from '../core/lint/rules';
import type { SeveritySetting } from '../core/lint/types';
import { didYouMean } from '../core/text/suggest';
import { LIVE_RULE_IDS } from '../core/live-rules';
import { resolve } from 'node:path';
import { effectiveRules } from '../core/config';
import { CliError, formatFlag, parseFlags, writeOut, type CliCommand } from './common';
import { collectYamlFiles, readText } from './files';
import {
  CLUSTER_FLAGS,
  CLUSTER_HELP,
  checkClusterFlags,
  lintWithCluster,
  mergeFindings,
} from './lint-cluster';
import { configureFiles, lintConfigured } from './lint-config';
import { prepareKustomize } from './kustomize-lint';
import { lintCharts } from './lint-helm';
import { toJson, toSarif, toText, type FileFindings } from './lint-report';
import { VERSION } from './version';

const HELP = `Usage: pod-doctor lint <file|dir|->... [--format text|json|sarif] [--rule ID=off|info|warning|error]... [--config FILE]
       [--cluster [--kubeconfig F] [--context C] [-n NS] [--server-dry-run]]

Lints Kubernetes manifests (every YAML document holding a Pod or a workload with a pod template).
Directories are searched for *.yaml and *.yml; "-" reads standard input. Files without Kubernetes
objects are skipped. Exit code: 1 when any error-severity finding, 0 otherwise, 2 on usage or I/O errors.

Each file uses the nearest .pod-doctor.yaml in its folder or above (up to the repository root):
its rules, ignore globs and overrides. Create one with \`pod-doctor init\`.

Kustomize: every kustomization under the paths is rendered with the real Kustomize (kustomize build,
else kubectl kustomize; kustomize.bin in the config file) and its objects linted; each finding is
reported at the file and line that set the value (a patch, the base, or the kustomization's own
images:/replicas:/namespace:), with the overlays it came through ("via"). Files used as patches are
linted as partial objects: nothing is reported as missing from them.

Options:
  --format text|json|sarif   output format (default text)
  --rule ID=LEVEL            change a rule's severity, or turn it off; repeatable (wins over the config file)
  --config FILE              use this config file instead of the nearest .pod-doctor.yaml above each file
  --no-color                 plain text output (also when NO_COLOR is set or output is not a terminal)

${CLUSTER_HELP}

Example:
  pod-doctor lint k8s/ --rule image-latest-tag=off --format sarif > pod-doctor.sarif`;

const LEVELS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

function parseRuleOverrides(values: readonly string[]): Record<string, SeveritySetting> {
  const overrides: Record<string, SeveritySetting> = {};
  for (const value of values) {
    const match = /^([^=]+)=(.*)$/.exec(value);
    if (!match) throw new CliError(`--rule expects ID=LEVEL (e.g. image-latest-tag=off), got "${value}".`);
    const id = match[1]!.trim();
    const level = match[2]!.trim();
    if (!defaultRegistry.get(id) && !LIVE_RULE_IDS.includes(id)) {
      const [suggestion] = didYouMean(id, [...defaultRegistry.rules.map((r) => r.id), ...LIVE_RULE_IDS]);
      throw new CliError(
        `Unknown rule "${id}" in --rule${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; run \`pod-doctor rules\` for the list.`,
      );
    }
    if (!(LEVELS as readonly string[]).includes(level)) {
      throw new CliError(`Unknown level "${level}" for rule ${id}; use off, info, warning or error.`);
    }
    overrides[id] = level as SeveritySetting;
  }
  return overrides;
}

export const command: CliCommand = {
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      format: { type: 'string', default: 'text' },
      rule: { type: 'string', multiple: true, default: [] },
      config: { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      ...CLUSTER_FLAGS,
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      writeOut(HELP);
      return 0;
    }
    const format = formatFlag('lint', values.format, ['text', 'json', 'sarif'] as const);
    if (positionals.length === 0) {
      throw new CliError('Name at least one file or directory to lint, e.g. `pod-doctor lint k8s/`.');
    }
    checkClusterFlags(values);
    const rules = parseRuleOverrides(values.rule);
    const yamlFiles = await collectYamlFiles(positionals);
    const kustomize = await prepareKustomize(positionals, yamlFiles);
    const configured = await configureFiles([...yamlFiles, ...kustomize.extraFiles], positionals, {
      config: values.config,
      cli: rules,
    });
    const charts = await lintCharts(configured);
    const files = charts.rest.map((c) => c.file);
    const texts: string[] = [];
    for (const file of files) texts.push(await readText(file));
    // Manifests go through the (parallel) linter; patches and kustomizations have their own.
    const manifests = files.flatMap((file, i) => (kustomize.roleOf(file) === 'manifest' ? [i] : []));
    const linted = await lintConfigured(
      manifests.map((i) => texts[i]!),
      manifests.map((i) => charts.rest[i]!),
    );
    const byIndex = new Map(manifests.map((fileIndex, k) => [fileIndex, linted[k]]));
    const cluster = values.cluster
      ? await lintWithCluster(
          values,
          manifests.map((i) => texts[i]!),
          rules,
        )
      : undefined;
    const clusterByIndex = new Map(manifests.map((fileIndex, k) => [fileIndex, cluster?.findings[k] ?? []]));
    const direct: FileFindings[] = files.map((file, i) => ({
      file: file === '-' ? '<stdin>' : file,
      findings: byIndex.has(i)
        ? mergeFindings(byIndex.get(i)?.findings ?? [], clusterByIndex.get(i) ?? [])
        : kustomize.lintSpecial({ file, text: texts[i]! }, charts.rest[i]!.rules),
    }));
    for (const notice of cluster?.notices ?? []) process.stderr.write(`pod-doctor: note: ${notice}.\n`);
    // Rendered findings take the rule levels of the file they land on; the kustomize section of the
    // config file next to the first linted file says how to run Kustomize.
    const rulesByFile = new Map(configured.map((c) => [resolve(c.file), c.rules]));
    const firstConfig = configured.find((c) => c.config !== undefined)?.config;
    const {
      results,
      note,
      objects: rendered,
    } = await kustomize.finish(
      direct,
      (file) => rulesByFile.get(resolve(file)) ?? effectiveRules({ config: firstConfig, cli: rules }),
      firstConfig?.kustomize,
    );
    // Objects linted directly plus those Kustomize rendered.
    const objects = linted.reduce((n, r) => n + r.objects, rendered + charts.objects);
    if (note) process.stderr.write(`pod-doctor: ${note}\n`);
    results.push(...charts.results);
    if (format === 'json') writeOut(toJson(results));
    else if (format === 'sarif') writeOut(toSarif(results, defaultRegistry.rules, VERSION));
    else {
      const color =
        !values['no-color'] && process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;
      if (cluster) writeOut(cluster.header);
      writeOut(toText(results, objects, { color }));
    }
    return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
  },
};
