import type { DryRunOutcome } from '../core/cluster-lint/context';
import type { KubeStatus } from './errors';
import { HttpStatusError } from './errors';
import type { KubeClient } from './transport';

/**
 * `--server-dry-run`: each object is sent as a server-side dry-run create (`POST …?dryRun=All`),
 * so that admission (webhooks included) judges it and nothing is persisted. The resource path of
 * a kind comes from the API server's discovery, read once per group version.
 */

type Json = Record<string, unknown>;

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

export interface DryRunResult {
  outcome?: DryRunOutcome;
  /** Set when the dry run could not be made at all (RBAC: no `create` permission), said once per run. */
  notice?: string;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Maps apiVersion + kind to the resource URL through discovery, one request per group version. */
export class ResourceMapper {
  private readonly lists = new Map<string, Promise<ApiResource[] | undefined>>();

  constructor(private readonly client: KubeClient) {}

  private resources(apiVersion: string): Promise<ApiResource[] | undefined> {
    let list = this.lists.get(apiVersion);
    if (!list) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      list = this.client.getJson<{ resources?: ApiResource[] }>(path).then(
        (doc) => (doc.resources ?? []).filter((r) => !r.name.includes('/')),
        (error: unknown) => {
          if (error instanceof HttpStatusError && error.statusCode === 404) return undefined;
          throw error;
        },
      );
      this.lists.set(apiVersion, list);
    }
    return list;
  }

  async find(apiVersion: string, kind: string): Promise<ApiResource | undefined> {
    return (await this.resources(apiVersion))?.find((r) => r.kind === kind);
  }
}

function statusOf(body: string): KubeStatus | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as KubeStatus) : undefined;
  } catch {
    return undefined;
  }
}

/** RBAC's denial (`… cannot create resource …`), as opposed to an admission plugin's 403. */
const RBAC_DENIAL = /\bcannot create resource\b/;

/** Sends one object as a dry-run create and turns the answer into what the `cluster-dry-run` rule reports. */
export async function dryRunCreate(
  client: KubeClient,
  mapper: ResourceMapper,
  object: Json,
  defaultNamespace: string,
): Promise<DryRunResult> {
  const apiVersion = text(object.apiVersion) ?? '';
  const kind = text(object.kind) ?? '';
  const resource = await mapper.find(apiVersion, kind);
  if (!resource) {
    // kubectl's words for a kind the server does not serve (a CRD not installed yet).
    return {
      outcome: {
        error: `no matches for kind "${kind}" in version "${apiVersion}": ensure CRDs are installed first`,
      },
    };
  }
  const metadata = (object.metadata && typeof object.metadata === 'object' ? object.metadata : {}) as Json;
  const namespace = resource.namespaced ? (text(metadata.namespace) ?? defaultNamespace) : undefined;
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const path =
    namespace === undefined
      ? `${base}/${resource.name}`
      : `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.name}`;
  const body = namespace === undefined ? object : { ...object, metadata: { ...metadata, namespace } };
  const answer = await client.post(path, { dryRun: 'All', fieldManager: 'pod-doctor' }, body);
  const warnings = answer.warnings;
  const withWarnings = warnings.length > 0 ? { warnings } : {};
  if (answer.statusCode >= 200 && answer.statusCode < 300) {
    return warnings.length > 0 ? { outcome: withWarnings } : {};
  }
  const status = statusOf(answer.text);
  const message = status?.message ?? `HTTP ${answer.statusCode}`;
  // A dry-run create of an object that already exists says only that; apply would update it.
  if (status?.reason === 'AlreadyExists') return warnings.length > 0 ? { outcome: withWarnings } : {};
  if (answer.statusCode === 403 && RBAC_DENIAL.test(message)) {
    return {
      notice: `cannot dry-run ${resource.name}${namespace ? ` in \`${namespace}\`` : ''}: forbidden (a server-side dry run needs create permission)`,
    };
  }
  return { outcome: { error: message, ...withWarnings } };
}
