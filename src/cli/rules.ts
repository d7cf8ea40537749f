import { defaultRegistry } from '../core/lint/rules';
import { formatFlag, parseFlags, writeOut, type CliCommand } from './common';
import { RULES_DOC_URL } from './lint-report';
import { DIAGNOSES } from '../core/diagnose/registry';
import { LIVE_RULE_IDS, liveRuleMetas } from '../core/live-rules';

export const command: CliCommand = {
  async run(argv) {
    const { values } = parseFlags(
      argv,
      { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h', default: false } },
      false,
    );
    if (values.help) {
      writeOut(
        'Usage: pod-doctor rules [--format text|json]\n\nLists every lint rule with its id, default severity and title.',
      );
      return 0;
    }
    const format = formatFlag('rules', values.format, ['text', 'json'] as const);
    const rules = defaultRegistry.rules;
    const live = liveRuleMetas(DIAGNOSES);
    if (format === 'json') {
      writeOut(
        JSON.stringify(
          rules
            .map((r) => ({
              id: r.id,
              severity: r.severity,
              title: r.title,
              rationale: r.rationale,
              remediation: r.remediation,
              docs: `${RULES_DOC_URL}#${r.id}`,
            }))
            .concat(
              live.map((r) => ({
                id: r.id,
                severity: r.severity,
                title: r.title,
                rationale:
                  'With --cluster (or while the editor watches its namespace), a pod of the linted workload is failing in the cluster with this diagnosis.',
                remediation:
                  'Apply the fix the diagnosis names (pod-doctor explain POD shows it and its evidence).',
                docs: `${RULES_DOC_URL}#live-findings`,
              })),
            ),
          null,
          2,
        ),
      );
      return 0;
    }
    const idWidth = Math.max(...[...rules, ...live].map((r) => r.id.length));
    writeOut(
      [
        `${'RULE'.padEnd(idWidth)}  SEVERITY  TITLE`,
        ...rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${r.title}`),
        ...live.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${r.title}`),
        '',
        `${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}. Details: ${RULES_DOC_URL}`,
        `With --cluster, failing pods of the linted workloads also give live-* findings (${LIVE_RULE_IDS.length} ids, one per pod diagnosis: live-oom-killed, live-crash-loop, live-image-pull, …): ${RULES_DOC_URL}#live-findings`,
      ].join('\n'),
    );
    return 0;
  },
};
