/** config-missing: CreateContainerConfigError because a ConfigMap, Secret or key does not exist. */
import type { ContainerInfo, DiagnoseContext } from '../context';
import { containerEvents } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { configRefs, parseMissingConfig } from '../config-refs';
import { cause, eventEvidence, newest, specEvidence, statusEvidence } from '../evidence';
import type { Diagnosis, Evidence, Fix } from '../types';

function configMissing(ctx: DiagnoseContext, c: ContainerInfo): Diagnosis | undefined {
  const waiting = c.status?.state?.waiting;
  if (waiting?.reason !== 'CreateContainerConfigError') return undefined;
  const event = newest(containerEvents(ctx, c, ['Failed']), (e) => /^Error: /.test(e.message));
  const message = waiting.message ?? event?.message.replace(/^Error: /, '') ?? '';
  const missing = parseMissingConfig(message);
  if (!missing) return undefined;
  const evidence: Evidence[] = [
    statusEvidence(`${c.statusPath}.state.waiting`, `CreateContainerConfigError: ${message}`),
  ];
  if (event) evidence.push(eventEvidence(event));
  const refs = configRefs(c).filter(
    (r) =>
      r.kind === missing.kind &&
      r.name === missing.name &&
      (missing.key === undefined || r.key === undefined || r.key === missing.key),
  );
  for (const r of refs)
    evidence.push(specEvidence(r.path, `${r.kind} ${r.name}${r.key ? `, key ${r.key}` : ''}`));
  const lower = missing.kind.toLowerCase();
  const what = missing.key
    ? `key ${missing.key} is missing from ${missing.kind} ${missing.name}`
    : `${missing.kind} ${missing.name} does not exist in namespace ${ctx.namespace}`;
  const causes = missing.key
    ? [
        cause(
          `The ${missing.kind} exists but has no key "${missing.key}" (a typo in the key, or an older version of the ${missing.kind}).`,
          'likely',
        ),
      ]
    : [
        cause(
          `The ${missing.kind} was never created in namespace ${ctx.namespace} (it lives in another namespace, or the step that creates it did not run yet).`,
          'likely',
        ),
        cause(`The name is misspelled in the pod spec.`, 'possible'),
      ];
  const fixes: Fix[] = missing.key
    ? [
        {
          text: `Add the key: kubectl edit ${lower} ${missing.name} -n ${ctx.namespace}, or correct the key name.`,
          ...(refs[0] ? { specPath: `${refs[0].path}.key` } : {}),
        },
      ]
    : [
        {
          text: `Create it: kubectl create ${lower}${missing.kind === 'Secret' ? ' generic' : ''} ${missing.name} -n ${ctx.namespace} --from-literal=KEY=VALUE (or apply the manifest that defines it), or correct the name.`,
          ...(refs[0] ? { specPath: `${refs[0].path}.name` } : {}),
        },
      ];
  if (refs[0])
    fixes.push({
      text: 'If the container can start without it, mark the reference optional.',
      specPath: `${refs[0].path}.optional`,
      value: 'true',
    });
  return {
    id: 'config-missing',
    severity: 'critical',
    title: `${missing.kind} ${missing.name}${missing.key ? ` has no key ${missing.key}` : ' is missing'}`,
    summary: `The kubelet cannot build the environment of ${c.label}: ${what}. The container is not created until it is fixed (CreateContainerConfigError).`,
    container: c.name,
    evidence,
    causes,
    fixes,
  };
}

export const configMissingDiagnosis: DiagnosisDeclaration = {
  id: 'config-missing',
  severity: 'critical',
  title: 'A ConfigMap or Secret the container needs is missing',
  scope: 'container',
  containers: 'all',
  skipsClaimed: false,
  claims: 'container',
  detect: configMissing,
};
