import {
  evaluatePodSecurity,
  forbiddenDetail,
  namespacePolicy,
  policyName,
  type LevelVersion,
} from '../core/cluster-lint/pod-security';
import { podTemplates } from '../core/manifest/workloads';
import { uidFor } from './build';
import type { ResourceType } from './discovery';
import type { Json } from './selectors';
import type { Store } from './store';

/**
 * Server-side dry-run creates (`POST …?dryRun=All`): the admission the demo models, in the order
 * the API server runs it, stopping at the first plugin that rejects. Nothing is ever stored.
 */

export interface Rejection {
  code: number;
  reason: string;
  message: string;
  details?: Json;
}

export type Admission =
  { ok: true; object: Json; warnings: string[] } | { ok: false; rejection: Rejection; warnings: string[] };

function qualified(r: ResourceType): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

function kindLabel(r: ResourceType): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

function meta(object: Json): Json {
  const m = object.metadata;
  return m && typeof m === 'object' && !Array.isArray(m) ? (m as Json) : {};
}

/** What the demo decides for one dry-run create of `object` into `resource` (and `namespace`, from the URL). */
export function admitDryRunCreate(
  store: Store,
  resource: ResourceType,
  namespace: string | undefined,
  object: Json,
  nowMs: number,
): Admission {
  const warnings: string[] = [];
  const reject = (rejection: Rejection): Admission => ({ ok: false, rejection, warnings });
  const expectedApiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  if (object.apiVersion !== undefined && object.apiVersion !== expectedApiVersion) {
    return reject({
      code: 400,
      reason: 'BadRequest',
      message: `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${expectedApiVersion})`,
    });
  }
  if (object.kind !== undefined && object.kind !== resource.kind) {
    return reject({
      code: 400,
      reason: 'BadRequest',
      message: `the kind in the data (${String(object.kind)}) does not match the expected kind (${resource.kind})`,
    });
  }
  const metadata = meta(object);
  const ownNamespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  if (namespace !== undefined && ownNamespace !== '' && ownNamespace !== namespace) {
    return reject({
      code: 400,
      reason: 'BadRequest',
      message: 'the namespace of the provided object does not match the namespace sent on the request',
    });
  }
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (name === '' && typeof metadata.generateName !== 'string') {
    return reject({
      code: 422,
      reason: 'Invalid',
      message: `${kindLabel(resource)} "" is invalid: metadata.name: Required value: name or generateName is required`,
      details: {
        ...(resource.group ? { group: resource.group } : {}),
        kind: resource.kind,
        causes: [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: name or generateName is required',
            field: 'metadata.name',
          },
        ],
      },
    });
  }
  // NamespaceLifecycle: creating into a namespace that does not exist is NotFound on the namespace.
  if (namespace !== undefined && !store.get('namespaces', '', namespace)) {
    return reject({
      code: 404,
      reason: 'NotFound',
      message: `namespaces "${namespace}" not found`,
      details: { name: namespace, kind: 'namespaces' },
    });
  }
  const podRejection =
    resource.kind === 'Pod' ? podAdmission(store, namespace ?? '', object, name) : undefined;
  if (podRejection) return reject(podRejection);
  const security = podSecurity(store, resource, namespace, object, name);
  warnings.push(...security.warnings);
  if (security.denied) return reject(security.denied);
  if (name !== '' && store.get(resource.bucket, namespace ?? '', name)) {
    return reject({
      code: 409,
      reason: 'AlreadyExists',
      message: `${qualified(resource)} "${name}" already exists`,
      details: { name, ...(resource.group ? { group: resource.group } : {}), kind: resource.plural },
    });
  }
  const created: Json = {
    ...object,
    apiVersion: expectedApiVersion,
    kind: resource.kind,
    metadata: {
      ...metadata,
      ...(name === ''
        ? { name: `${String(metadata.generateName)}${uidFor(`gen:${nowMs}`).slice(0, 5)}` }
        : {}),
      ...(namespace !== undefined ? { namespace } : {}),
      uid: uidFor(`dry-run:${namespace ?? ''}/${name}:${nowMs}`),
      creationTimestamp: new Date(Math.floor(nowMs / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      ...(resource.group === 'apps' || resource.group === 'batch' ? { generation: 1 } : {}),
    },
  };
  return { ok: true, object: created, warnings };
}

const samePolicy = (a: LevelVersion, b: LevelVersion): boolean =>
  a.level === b.level && a.version === b.version;

/**
 * The PodSecurity admission plugin, judged by the same checks the linter uses: a Pod that violates
 * the namespace's `enforce` level is rejected; a workload is admitted with a warning (its pods are
 * the ones rejected later); `warn` adds a warning to anything admitted.
 */
function podSecurity(
  store: Store,
  resource: ResourceType,
  namespace: string | undefined,
  object: Json,
  name: string,
): { denied?: Rejection; warnings: string[] } {
  const [template] = podTemplates(object);
  if (!template || namespace === undefined) return { warnings: [] };
  const labels = (meta(store.get('namespaces', '', namespace) ?? {}).labels ?? {}) as Record<string, string>;
  const policy = namespacePolicy(labels);
  const detail = (level: LevelVersion): string | undefined => {
    const violations = evaluatePodSecurity(object, template, level);
    return violations.length > 0 ? forbiddenDetail(violations) : undefined;
  };
  const enforced = detail(policy.enforce);
  const warnings: string[] = [];
  if (enforced !== undefined) {
    if (resource.kind === 'Pod') {
      return {
        denied: {
          code: 403,
          reason: 'Forbidden',
          message: `pods "${name}" is forbidden: violates PodSecurity "${policyName(policy.enforce)}": ${enforced}`,
          details: { name, kind: 'pods' },
        },
        warnings,
      };
    }
    warnings.push(`would violate PodSecurity "${policyName(policy.enforce)}": ${enforced}`);
  }
  if (resource.kind !== 'Pod' && enforced !== undefined && samePolicy(policy.warn, policy.enforce))
    return { warnings };
  const warned = detail(policy.warn);
  if (warned !== undefined)
    warnings.push(`would violate PodSecurity "${policyName(policy.warn)}": ${warned}`);
  return { warnings };
}

/** Forbidden, as admission plugins word it: `pods "x" is forbidden: …`. */
function podForbidden(name: string, reason: string): Rejection {
  return {
    code: 403,
    reason: 'Forbidden',
    message: `pods "${name}" is forbidden: ${reason}`,
    details: { name, kind: 'pods' },
  };
}

/**
 * The ServiceAccount and Priority admission plugins, which judge Pods only (a workload's pods meet
 * them later, as FailedCreate events of its controller).
 */
function podAdmission(store: Store, namespace: string, pod: Json, name: string): Rejection | undefined {
  const spec = (pod.spec && typeof pod.spec === 'object' ? pod.spec : {}) as Json;
  const account =
    typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== ''
      ? spec.serviceAccountName
      : 'default';
  if (!store.get('serviceaccounts', namespace, account)) {
    return podForbidden(
      name,
      `error looking up service account ${namespace}/${account}: serviceaccount "${account}" not found`,
    );
  }
  const priority = spec.priorityClassName;
  if (typeof priority === 'string' && priority !== '' && !store.get('priorityclasses', '', priority)) {
    return podForbidden(name, `no PriorityClass with name ${priority} was found`);
  }
  return undefined;
}
