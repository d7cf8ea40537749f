import assert from 'node:assert/strict';
import { effectiveRules, isIgnored, matchesGlob, parseConfig } from '../../../src/core/config';
import { defaultRegistry } from '../../../src/core/lint/rules';
import { parseConfigText } from '../../../src/node/config-file';

const ruleIds = defaultRegistry.rules.map((r) => r.id);
const parse = (text: string) => parseConfig(text, { ruleIds });
/** Problems as `LINE: message` (1-based), as the CLI prints them after the file name. */
const problems = (text: string) => parse(text).problems.map((p) => `${p.start.line + 1}: ${p.message}`);

describe('.pod-doctor.yaml: parse and check', () => {
  it('reads every section, with levels and the version as written (YAML 1.1 would make off false, 1.30 the number 1.3)', () => {
    const { config, problems: found } = parse(
      [
        'rules:',
        '  image-latest-tag: off',
        '  probe-missing-readiness: "warning"',
        'ignore: ["generated/**", vendor/]',
        'overrides:',
        '  - files: ["jobs/**"]',
        '    rules: { resources-memory-limit-missing: off }',
        'kubernetesVersion: 1.30',
        'kustomize: { enabled: false, bin: /opt/kustomize }',
        'helm:',
        '  bin: helm3',
        '  values: [values-prod.yaml]',
        '',
      ].join('\n'),
    );
    assert.deepEqual(found, []);
    assert.deepEqual(config, {
      rules: { 'image-latest-tag': 'off', 'probe-missing-readiness': 'warning' },
      ignore: ['generated/**', 'vendor/'],
      overrides: [{ files: ['jobs/**'], rules: { 'resources-memory-limit-missing': 'off' } }],
      kubernetesVersion: '1.30',
      kustomize: { enabled: false, bin: '/opt/kustomize' },
      helm: { enabled: true, bin: 'helm3', values: ['values-prod.yaml'] },
    });
  });

  it('an empty file or one holding only comments is the default config', () => {
    for (const text of ['', '# nothing yet\n']) {
      const { config, problems: found } = parse(text);
      assert.deepEqual(found, []);
      assert.deepEqual(config.rules, {});
      assert.equal(config.helm.enabled, true);
      assert.equal(config.kubernetesVersion, undefined);
    }
  });

  it('reports each mistake at its line, with a did-you-mean, and keeps the valid parts', () => {
    const text = [
      'rules:',
      '  image-latest-tags: off',
      '  resources-memory-unit: fatal',
      '  image-pull-never: error',
      'ignor: [gen/]',
      'overrides:',
      '  - files: ["k8s/[ab.yaml"]',
      '    rule: {}',
      'kubernetesVersion: latest',
      'helm: { values: [1], enabled: maybe }',
      '',
    ].join('\n');
    assert.deepEqual(problems(text), [
      '2: Unknown rule "image-latest-tags" (did you mean "image-latest-tag"?); run `pod-doctor rules` for the list.',
      '3: Unknown level "fatal" for rule resources-memory-unit; use off, info, warning or error.',
      '5: Unknown key "ignor" in the top level (did you mean "ignore"?); known keys: rules, ignore, overrides, kubernetesVersion, kustomize, helm.',
      '7: The glob "k8s/[ab.yaml" has an unclosed "[".',
      '8: Unknown key "rule" in an overrides entry (did you mean "rules"?); known keys: files, rules.',
      '9: kubernetesVersion must be a version such as "1.30" (quote it, so YAML keeps it a string).',
      '10: values must list file paths, e.g. [values-prod.yaml].',
      '10: enabled must be true or false.',
    ]);
    assert.deepEqual(parse(text).config.rules, { 'image-pull-never': 'error' });
  });

  it('places an unknown key on the key and a wrong level on the value', () => {
    const [unknown, level] = parse('rules:\n  image-latst-tag: info\n  image-pull-never: loud\n').problems;
    assert.deepEqual(
      [unknown?.start, unknown?.end],
      [
        { line: 1, character: 2 },
        { line: 1, character: 17 },
      ],
    );
    assert.deepEqual(
      [level?.start, level?.end],
      [
        { line: 2, character: 20 },
        { line: 2, character: 24 },
      ],
    );
  });

  it('reports a YAML syntax error, a non-mapping file and a second document instead of ignoring them', () => {
    assert.match(problems('rules: [\n')[0]!, /^2: YAML syntax error: /);
    assert.deepEqual(problems('- rules\n'), [
      '1: The file must be a mapping with keys such as rules, ignore and overrides.',
    ]);
    assert.deepEqual(problems('rules: {}\n---\nignore: []\n'), [
      '2: A .pod-doctor.yaml holds one YAML document; remove the "---" and what follows it.',
    ]);
    assert.deepEqual(problems('overrides:\n  - rules: { image-pull-never: off }\n'), [
      '2: This overrides entry has no files: add files: ["glob"] to say where its rules apply.',
    ]);
    assert.deepEqual(problems('ignore: [/abs/**, "a\\\\b", ""]\n'), [
      '1: The glob "/abs/**" is absolute; write it relative to the folder of .pod-doctor.yaml.',
      '1: The glob "a\\b" uses "\\"; write paths with "/" on every system.',
      '1: A glob must not be empty.',
    ]);
  });

  it('a rule id known outside the engine (e.g. from rendering) is accepted when passed in', () => {
    const { problems: found } = parseConfig('rules: { kustomize-build: warning }\n', {
      ruleIds: [...ruleIds, 'kustomize-build'],
    });
    assert.deepEqual(found, []);
  });

  it('the config file found on disk accepts the live-* and helm-template ids, and still rejects a typo', () => {
    const ok = parseConfigText(
      'rules: { live-crash-loop: off, live-oom-killed: warning, helm-template: info }\n',
    );
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.config.rules?.['live-crash-loop'], 'off');
    const typo = parseConfigText('rules: { live-crash-looop: off }\n');
    assert.equal(typo.problems.length, 1);
    assert.match(typo.problems[0]!.message, /live-crash-loop/);
  });
});

describe('.pod-doctor.yaml: globs and precedence', () => {
  it('matches globs relative to the config folder; a glob without "/" matches a name at any depth', () => {
    assert.ok(matchesGlob('k8s/jobs/backup.yaml', 'k8s/jobs/*.yaml'));
    assert.ok(matchesGlob('k8s/jobs/backup.yaml', '**/jobs/**'));
    assert.ok(matchesGlob('k8s/jobs/backup.yaml', 'backup.yaml'));
    assert.ok(matchesGlob('k8s/jobs/backup.yaml', '*.yaml'));
    assert.ok(matchesGlob('k8s/jobs/backup.yaml', 'k8s/'));
    assert.ok(matchesGlob('k8s/jobs/backup.yaml', 'jobs'));
    assert.ok(matchesGlob('k8s/jobs/backup.yaml', './k8s/**'));
    assert.ok(!matchesGlob('k8s/jobs/backup.yaml', 'jobs/*.yaml'));
    assert.ok(!matchesGlob('k8s/web.yaml', '*.yml'));
  });

  it('ignore excludes matching files', () => {
    const { config } = parse('ignore: ["charts/**", "*.generated.yaml"]\n');
    assert.ok(isIgnored(config, 'charts/web/templates/deployment.yaml'));
    assert.ok(isIgnored(config, 'k8s/app.generated.yaml'));
    assert.ok(!isIgnored(config, 'k8s/app.yaml'));
  });

  it('applies defaults < config < its matching overrides (in order) < editor setting < --rule', () => {
    const { config } = parse(
      [
        'rules: { image-latest-tag: warning, probe-missing-readiness: off, image-pull-never: info }',
        'overrides:',
        '  - files: ["jobs/**"]',
        '    rules: { image-latest-tag: error, resources-memory-limit-missing: off }',
        '  - files: ["jobs/nightly.yaml"]',
        '    rules: { image-latest-tag: info }',
        '',
      ].join('\n'),
    );
    assert.deepEqual(effectiveRules({ config, relativePath: 'web.yaml' }), {
      'image-latest-tag': 'warning',
      'probe-missing-readiness': 'off',
      'image-pull-never': 'info',
    });
    assert.deepEqual(effectiveRules({ config, relativePath: 'jobs/backup.yaml' }), {
      'image-latest-tag': 'error',
      'probe-missing-readiness': 'off',
      'image-pull-never': 'info',
      'resources-memory-limit-missing': 'off',
    });
    assert.equal(effectiveRules({ config, relativePath: 'jobs/nightly.yaml' })['image-latest-tag'], 'info');
    const layered = effectiveRules({
      config,
      relativePath: 'jobs/backup.yaml',
      editor: { 'image-latest-tag': 'off', 'image-pull-never': 'warning' },
      cli: { 'image-pull-never': 'error' },
    });
    assert.equal(layered['image-latest-tag'], 'off');
    assert.equal(layered['image-pull-never'], 'error');
    assert.deepEqual(effectiveRules({ cli: { 'image-pull-never': 'off' } }), { 'image-pull-never': 'off' });
  });
});
