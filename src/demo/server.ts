import type { IncomingMessage, ServerResponse } from 'node:http';
import { isoNano } from './build';
import {
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  findResource,
  groupVersion,
  toEventsV1,
  VERSION_INFO,
  type ResourceType,
} from './discovery';
import { logKey, type LogLine } from './logs';
import {
  METRICS_GROUP,
  METRICS_VERSION,
  metricsGroup,
  metricsResourceList,
  nodeMetrics,
  podMetrics,
} from './metrics';
import { fieldMatcher, labelMatcher, SelectorError, type Json, type Matcher } from './selectors';
import type { Change } from './store';
import { SECRETS_FORBIDDEN_NAMESPACES } from './config-objects';
import { admitDryRunCreate, type Admission } from './dry-run';
import { asTable, partialMetadata, wantsTable } from './tables';
import type { World } from './world';

/**
 * The HTTP side of the demo API server: routing, bearer-token authentication, the RBAC answers of
 * a read-only user, list paging, watch streams, logs and Status errors, as kube-apiserver sends
 * them.
 */

export const DEMO_USER = 'demo';
export const FORBIDDEN_NAMESPACE = 'restricted';

export interface Faults {
  /** Requests still to fail with 503 before the server answers normally again. */
  failNext: number;
  /** Delay before every answer, in real milliseconds. */
  latencyMs: number;
  tokenRevoked: boolean;
}

/** One request as the server received it, for tests that check what a client asked for. */
export interface RecordedRequest {
  method: string;
  /** The URL path, decoded (`/api/v1/namespaces/shop/secrets`). */
  path: string;
  query: Record<string, string>;
  accept: string;
}

/** Requests kept for `requests()`; older ones are dropped so that a long demo session stays small. */
const RECORDED_LIMIT = 10_000;

export interface ServerContext {
  world: World;
  requests: RecordedRequest[];
  token: string;
  faults: Faults;
  /** Real milliseconds between watch bookmarks. */
  bookmarkIntervalMs: number;
  serverAddress: () => string;
  watches: Set<ServerResponse>;
  /** Whether metrics.k8s.io is served (a cluster without metrics-server has none). */
  metrics: boolean;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Json,
  ) {
    super(message);
  }
}

export function statusObject(code: number, reason: string, message: string, details?: Json): Json {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

function sendJson(res: ServerResponse, code: number, body: Json, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

function sendStatus(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.code, statusObject(error.code, error.reason, error.message, error.details));
}

const notFoundPath = (): ApiError =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

function notFound(r: ResourceType, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(r)} "${name}" not found`, {
    name,
    ...(r.group ? { group: r.group } : {}),
    kind: r.plural,
  });
}

function qualified(r: { plural: string; group: string }): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** The message kube-apiserver's RBAC authorizer gives a user without the permission. */
function forbidden(
  r: { plural: string; group: string },
  verb: string,
  namespace: string | undefined,
  name?: string,
  subresource?: string,
): ApiError {
  const resource = subresource ? `${r.plural}/${subresource}` : r.plural;
  const subject = name ? `${qualified(r)} "${name}"` : qualified(r);
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  return new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${DEMO_USER}" cannot ${verb} resource "${resource}" in API group "${r.group}" ${scope}`,
    { ...(name ? { name } : {}), ...(r.group ? { group: r.group } : {}), kind: r.plural },
  );
}

function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

interface Route {
  resource: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** `/api/v1/...` or `/apis/{group}/{version}/...` → resource, namespace, name, subresource. */
function route(segments: string[]): Route | 'discovery' | undefined {
  let group = '';
  let version: string | undefined;
  let rest: string[];
  if (segments[0] === 'api') {
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis') {
    group = segments[1] ?? '';
    version = segments[2];
    rest = segments.slice(3);
  } else return undefined;
  if (!version) return 'discovery';
  if (rest.length === 0) return 'discovery';
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural = '', name, subresource, ...extra] = rest;
  if (extra.length) return undefined;
  const resource = findResource(group, version, plural);
  if (!resource) return undefined;
  if (namespace !== undefined && !resource.namespaced) return undefined;
  return {
    resource,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name ? { name } : {}),
    ...(subresource ? { subresource } : {}),
  };
}

const WRITE_VERBS: Record<string, string> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

export async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (ctx.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, ctx.faults.latencyMs));
  try {
    const auth = req.headers.authorization ?? '';
    if (ctx.faults.tokenRevoked || auth !== `Bearer ${ctx.token}`) {
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    }
    if (ctx.faults.failNext > 0) {
      ctx.faults.failNext--;
      throw new ApiError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
    }
    const url = new URL(req.url ?? '/', 'https://demo.invalid');
    const segments = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
    const path = `/${segments.join('/')}`;
    record(ctx, req, path, url.searchParams);
    if (req.method === 'GET' || req.method === 'HEAD') {
      const fixed = fixedDocument(ctx, path, segments);
      if (fixed !== undefined) {
        if (typeof fixed === 'string') {
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(fixed);
        } else sendJson(res, 200, fixed);
        return;
      }
    }
    if (ctx.metrics && segments[0] === 'apis' && segments[1] === METRICS_GROUP && req.method === 'GET') {
      sendJson(res, 200, metricsDocument(ctx, segments.slice(2)));
      return;
    }
    const target = route(segments);
    if (target === undefined || target === 'discovery') throw notFoundPath();
    if (req.method === 'POST' && url.searchParams.has('dryRun')) {
      await serveDryRunCreate(ctx, target, url.searchParams, req, res);
      return;
    }
    const verb = WRITE_VERBS[req.method ?? ''];
    if (verb) {
      const v = verb === 'delete' && !target.name ? 'deletecollection' : verb;
      throw forbidden(target.resource, v, target.namespace, target.name, target.subresource);
    }
    if (req.method !== 'GET') {
      throw new ApiError(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
        {},
      );
    }
    if (target.subresource === 'log' && target.resource.plural === 'pods' && target.resource.group === '') {
      await serveLog(ctx, target, url.searchParams, req, res);
      return;
    }
    if (target.subresource) throw notFoundPath();
    const watch = ['1', 'true'].includes(url.searchParams.get('watch') ?? '');
    if (!mayRead(target)) {
      throw forbidden(
        target.resource,
        watch ? 'watch' : target.name ? 'get' : 'list',
        target.namespace,
        target.name,
      );
    }
    const partial = partialMetadataTarget(req.headers.accept);
    if (partial === 'PartialObjectMetadata' && !target.name && !watch)
      throw notAcceptable(
        `you requested PartialObjectMetadata, but the requested object is a list (${goType(target.resource)}List)`,
      );
    if (partial === 'PartialObjectMetadataList' && target.name)
      throw notAcceptable(
        `you requested PartialObjectMetadataList, but the requested object is not a list (${goType(target.resource)})`,
      );
    if (partial) {
      if (watch) serveWatch(ctx, target, url.searchParams, false, req, res, true);
      else if (target.name) sendPartial(res, partial, partialMetadata(getObject(ctx, target, target.name)));
      else {
        const list = listPage(ctx, target, url.searchParams);
        sendPartial(res, partial, {
          kind: 'PartialObjectMetadataList',
          apiVersion: 'meta.k8s.io/v1',
          metadata: list.metadata,
          items: list.items.map(partialMetadata),
        });
      }
      return;
    }
    const table = wantsTable(req.headers.accept);
    if (watch) {
      serveWatch(ctx, target, url.searchParams, table, req, res);
      return;
    }
    if (target.name) {
      const shown = present(target.resource, getObject(ctx, target, target.name));
      if (table)
        sendTable(
          res,
          asTable(
            target.resource.plural,
            [shown],
            { resourceVersion: metaString(shown, 'resourceVersion') },
            ctx.world.now(),
            includeObject(url.searchParams),
          ),
        );
      else sendJson(res, 200, shown);
      return;
    }
    serveList(ctx, target, url.searchParams, table, res);
  } catch (error) {
    if (error instanceof ApiError) sendStatus(res, error);
    else if (error instanceof SelectorError) sendStatus(res, badRequest(error.message));
    else {
      const message = error instanceof Error ? error.message : String(error);
      sendStatus(res, new ApiError(500, 'InternalError', `Internal error occurred: ${message}`));
    }
  }
}

/** kube-apiserver's request body limit (3 MiB). */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A request the router has matched to a resource, with the URL's query. */
type RequestHandler = (
  ctx: ServerContext,
  target: Route,
  params: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
) => Promise<void>;

/**
 * `POST …?dryRun=All`: admission runs, nothing is stored. The demo user may dry-run creates
 * (a real cluster would need `create` permission); every real write stays forbidden.
 */
const serveDryRunCreate: RequestHandler = async (ctx, target, params, req, res) => {
  const values = params.getAll('dryRun');
  if (values.some((v) => v !== 'All')) {
    throw badRequest(
      `dryRun: Unsupported value: ${JSON.stringify(values.find((v) => v !== 'All'))}: supported values: "All"`,
    );
  }
  if (target.name || target.subresource) {
    throw new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
      {},
    );
  }
  if (target.namespace === FORBIDDEN_NAMESPACE) throw forbidden(target.resource, 'create', target.namespace);
  const text = await readBody(req);
  let object: unknown;
  try {
    object = JSON.parse(text);
  } catch {
    throw badRequest(
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
  }
  if (!object || typeof object !== 'object' || Array.isArray(object))
    throw badRequest("Object 'Kind' is missing in the request body");
  const admission: Admission = admitDryRunCreate(
    ctx.world.store,
    target.resource,
    target.namespace,
    object as Json,
    ctx.world.now(),
  );
  // The API server sends admission warnings as RFC 7234 `Warning: 299 - "…"` headers, one per warning.
  if (admission.warnings.length > 0)
    res.setHeader(
      'Warning',
      admission.warnings.map((w) => `299 - ${JSON.stringify(w)}`),
    );
  if (!admission.ok) {
    const r = admission.rejection;
    throw new ApiError(r.code, r.reason, r.message, r.details);
  }
  sendJson(res, 201, admission.object);
};

function record(ctx: ServerContext, req: IncomingMessage, path: string, params: URLSearchParams): void {
  ctx.requests.push({
    method: req.method ?? 'GET',
    path,
    query: Object.fromEntries(params),
    accept: req.headers.accept ?? '',
  });
  if (ctx.requests.length > RECORDED_LIMIT) ctx.requests.splice(0, ctx.requests.length - RECORDED_LIMIT);
}

/**
 * The demo user's RBAC: cluster-wide `view` (which has no Secrets), nothing at all in
 * `restricted`, and Secrets only through RoleBindings in the namespaces that grant them.
 */
function mayRead(target: Route): boolean {
  if (target.namespace === FORBIDDEN_NAMESPACE) return false;
  if (target.resource.plural === 'secrets' && target.resource.group === '')
    return target.namespace !== undefined && !SECRETS_FORBIDDEN_NAMESPACES.has(target.namespace);
  return true;
}

function getObject(ctx: ServerContext, target: Route, name: string): Json {
  const object = ctx.world.store.get(target.resource.bucket, target.namespace ?? '', name);
  if (!object) throw notFound(target.resource, name);
  return object;
}

type PartialKind = 'PartialObjectMetadata' | 'PartialObjectMetadataList';

const PARTIAL_PARAMS = (kind: PartialKind): string => `as=${kind};g=meta.k8s.io;v=v1`;

/**
 * The metadata-only form the Accept header asks for, if any: the first JSON media type wins, as
 * in the API server's negotiation (client-go's metadata client lists protobuf first, then JSON).
 */
export function partialMetadataTarget(accept: string | undefined): PartialKind | undefined {
  for (const entry of (accept ?? '').split(',')) {
    const [type = '', ...rawParams] = entry.split(';').map((p) => p.trim());
    if (type !== 'application/json' && type !== '*/*' && type !== 'application/*') continue;
    const params = new Map(
      rawParams.map((p) => {
        const [k = '', v = ''] = p.split('=');
        return [k.trim(), v.trim()] as const;
      }),
    );
    const as = params.get('as');
    if (
      (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') &&
      params.get('g') === 'meta.k8s.io'
    )
      return as;
    return undefined;
  }
  return undefined;
}

function sendPartial(res: ServerResponse, kind: PartialKind, body: Json): void {
  sendJson(res, 200, body, `application/json;${PARTIAL_PARAMS(kind)}`);
}

function notAcceptable(message: string): ApiError {
  return new ApiError(406, 'NotAcceptable', message);
}

/** The Go type name the API server prints in negotiation errors (`*core.Secret`). */
function goType(r: ResourceType): string {
  return `*${r.group ? (r.group.split('.')[0] ?? r.group) : 'core'}.${r.kind}`;
}

/**
 * `/apis/metrics.k8s.io/...`: the group, its resource list, and PodMetrics / NodeMetrics (lists and
 * single objects), computed from the pods and nodes of the moment.
 */
function metricsDocument(ctx: ServerContext, rest: string[]): Json {
  if (rest.length === 0) return { kind: 'APIGroup', apiVersion: 'v1', ...metricsGroup() };
  if (rest[0] !== METRICS_VERSION) throw notFoundPath();
  const path = rest.slice(1);
  if (path.length === 0) return metricsResourceList();
  const now = ctx.world.now();
  const all = (bucket: string): Json[] =>
    ctx.world.store
      .keys(bucket)
      .map((k) => ctx.world.store.objectAt(bucket, k))
      .filter((o): o is Json => o !== undefined);
  const list = (kind: string, items: Json[]): Json => ({
    kind,
    apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
    metadata: {},
    items,
  });
  const missing = (kind: string, name: string): ApiError =>
    new ApiError(404, 'NotFound', `${kind}.${METRICS_GROUP} "${name}" not found`, {
      name,
      group: METRICS_GROUP,
      kind,
    });
  if (path[0] === 'nodes') {
    const pods = all('pods');
    const nodes = all('nodes').filter(
      (n) => path[1] === undefined || (n.metadata as Json | undefined)?.name === path[1],
    );
    if (path[1] !== undefined) {
      const node = nodes[0];
      if (!node) throw missing('nodes', path[1]);
      return nodeMetrics(node, pods, now);
    }
    return list(
      'NodeMetricsList',
      nodes.map((n) => nodeMetrics(n, pods, now)),
    );
  }
  const namespaced = path[0] === 'namespaces' ? path[1] : undefined;
  const tail = namespaced !== undefined ? path.slice(2) : path;
  if (tail[0] !== 'pods') throw notFoundPath();
  const pods = all('pods').filter(
    (p) => namespaced === undefined || (p.metadata as Json | undefined)?.namespace === namespaced,
  );
  if (tail[1] !== undefined) {
    const pod = pods.find((p) => (p.metadata as Json | undefined)?.name === tail[1]);
    const metrics = pod && podMetrics(pod, now);
    if (!metrics) throw missing('pods', tail[1]);
    return metrics;
  }
  return list(
    'PodMetricsList',
    pods.map((p) => podMetrics(p, now)).filter((m): m is Json => m !== undefined),
  );
}

function fixedDocument(ctx: ServerContext, path: string, segments: string[]): Json | string | undefined {
  if (path === '/version') return VERSION_INFO;
  if (path === '/healthz' || path === '/livez' || path === '/readyz') return 'ok';
  if (path === '/api') return apiVersions(ctx.serverAddress());
  if (path === '/apis') {
    const groups = apiGroupList();
    return ctx.metrics ? { ...groups, groups: [...(groups.groups as Json[]), metricsGroup()] } : groups;
  }
  if (path === '/api/v1') return apiResourceList('', 'v1');
  if (segments[0] === 'apis' && segments.length === 2)
    return apiGroupDocument(segments[1] ?? '') ?? undefined;
  if (segments[0] === 'apis' && segments.length === 3)
    return apiResourceList(segments[1] ?? '', segments[2] ?? '') ?? undefined;
  return undefined;
}

function includeObject(params: URLSearchParams): string {
  return params.get('includeObject') ?? 'Metadata';
}

function sendTable(res: ServerResponse, table: Json): void {
  sendJson(res, 200, table, 'application/json;as=Table;v=1;g=meta.k8s.io');
}

function metaString(object: Json, field: string): string {
  return String((object.metadata as Json | undefined)?.[field] ?? '');
}

function present(resource: ResourceType, object: Json): Json {
  return resource.group === 'events.k8s.io' ? toEventsV1(object) : object;
}

function matcher(resource: ResourceType, params: URLSearchParams): Matcher {
  const byField = fieldMatcher(resource.fields, params.get('fieldSelector'));
  const byLabel = labelMatcher(params.get('labelSelector'));
  return (o) => byLabel(o) && byField(present(resource, o));
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString(
    'base64',
  );
}

function decodeContinue(raw: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as Json;
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string')
      throw new Error();
    return { rv: parsed.rv, start: parsed.start };
  } catch {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}

const EXPIRED_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function serveList(
  ctx: ServerContext,
  target: Route,
  params: URLSearchParams,
  table: boolean,
  res: ServerResponse,
): void {
  const { metadata, items } = listPage(ctx, target, params);
  if (table) {
    sendTable(res, asTable(target.resource.plural, items, metadata, ctx.world.now(), includeObject(params)));
    return;
  }
  sendJson(res, 200, {
    kind: `${target.resource.kind}List`,
    apiVersion: groupVersion(target.resource),
    metadata,
    items,
  });
}

/** One page of a list: the matching objects from the continue token on, and the list metadata. */
function listPage(
  ctx: ServerContext,
  target: Route,
  params: URLSearchParams,
): { metadata: Json; items: Json[] } {
  const { store } = ctx.world;
  const match = matcher(target.resource, params);
  const limit = Number(params.get('limit') ?? '0');
  const continueRaw = params.get('continue');
  let listRv = store.resourceVersion;
  let startKey = '';
  if (continueRaw) {
    const token = decodeContinue(continueRaw);
    if (token.rv < store.compactedRevision) throw new ApiError(410, 'Expired', EXPIRED_CONTINUE, {});
    listRv = token.rv;
    startKey = token.start;
  }
  const prefix = target.namespace !== undefined ? `${target.namespace}/` : '';
  const keys = store.keys(target.resource.bucket);
  let index = lowerBound(keys, prefix && prefix > startKey ? prefix : startKey);
  const items: Json[] = [];
  let next: string | undefined;
  for (; index < keys.length; index++) {
    const key = keys[index] ?? '';
    if (prefix && !key.startsWith(prefix)) break;
    if (limit > 0 && items.length >= limit) {
      next = key;
      break;
    }
    const object = store.objectAt(target.resource.bucket, key);
    if (object && match(object)) items.push(present(target.resource, object));
  }
  const remaining = next !== undefined ? countRemaining(keys, index, prefix) : 0;
  const listMeta: Json = {
    resourceVersion: String(listRv),
    ...(next !== undefined ? { continue: encodeContinue({ rv: listRv, start: next }) } : {}),
    ...(next !== undefined && !params.get('fieldSelector') && !params.get('labelSelector')
      ? { remainingItemCount: remaining }
      : {}),
  };
  return { metadata: listMeta, items };
}

function countRemaining(keys: string[], from: number, prefix: string): number {
  if (!prefix) return keys.length - from;
  let end = from;
  while (end < keys.length && (keys[end] ?? '').startsWith(prefix)) end++;
  return end - from;
}

function lowerBound(keys: string[], value: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((keys[mid] ?? '') < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function serveWatch(
  ctx: ServerContext,
  target: Route,
  params: URLSearchParams,
  table: boolean,
  req: IncomingMessage,
  res: ServerResponse,
  metadataOnly = false,
): void {
  const { store } = ctx.world;
  const match = matcher(target.resource, params);
  const inScope = (object: Json): boolean => {
    const ns = metaString(object, 'namespace');
    if (target.namespace !== undefined && ns !== target.namespace) return false;
    if (target.name !== undefined && metaString(object, 'name') !== target.name) return false;
    return match(object);
  };
  const encode = (type: string, object: Json): string => {
    const presented = type === 'BOOKMARK' || type === 'ERROR' ? object : present(target.resource, object);
    const shown = metadataOnly && type !== 'ERROR' ? partialMetadata(presented) : presented;
    const body =
      table && type !== 'BOOKMARK' && type !== 'ERROR'
        ? asTable(
            target.resource.plural,
            [shown],
            { resourceVersion: metaString(shown, 'resourceVersion') },
            ctx.world.now(),
            includeObject(params),
          )
        : shown;
    return `${JSON.stringify({ type, object: body })}\n`;
  };
  res.writeHead(200, {
    'Content-Type': table
      ? 'application/json;as=Table;v=1;g=meta.k8s.io'
      : metadataOnly
        ? `application/json;${PARTIAL_PARAMS('PartialObjectMetadata')}`
        : 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  // Clients wait for the headers before they read events; a quiet watch must still answer at once.
  res.flushHeaders();
  const rvParam = params.get('resourceVersion');
  const fromRv = rvParam && rvParam !== '0' ? Number(rvParam) : undefined;
  if (fromRv !== undefined) {
    const changes = Number.isFinite(fromRv) ? store.changesSince(fromRv) : undefined;
    if (!changes) {
      res.end(
        encode(
          'ERROR',
          statusObject(
            410,
            'Expired',
            `too old resource version: ${rvParam} (${store.compactedRevision + 1})`,
          ),
        ),
      );
      return;
    }
    for (const change of changes) {
      if (change.resource === target.resource.bucket && inScope(change.object))
        res.write(encode(change.type, change.object));
    }
  } else {
    const prefix = target.namespace !== undefined ? `${target.namespace}/` : '';
    for (const key of store.keys(target.resource.bucket)) {
      if (prefix && !key.startsWith(prefix)) continue;
      const object = store.objectAt(target.resource.bucket, key);
      if (object && inScope(object)) res.write(encode('ADDED', object));
    }
  }
  ctx.watches.add(res);
  const send = (type: string, object: Json): void => {
    if (!res.writableEnded && !res.destroyed) res.write(encode(type, object));
  };
  const unsubscribe = store.subscribe((change: Change) => {
    if (change.resource === target.resource.bucket && inScope(change.object))
      send(change.type, change.object);
  });
  const bookmarks =
    params.get('allowWatchBookmarks') === 'true'
      ? setInterval(() => {
          const bookmark = {
            kind: target.resource.kind,
            apiVersion: groupVersion(target.resource),
            metadata: {
              resourceVersion: String(store.resourceVersion),
              annotations: { 'k8s.io/initial-events-end': 'false' },
            },
          };
          send('BOOKMARK', bookmark);
        }, ctx.bookmarkIntervalMs)
      : undefined;
  const timeoutSeconds = Number(params.get('timeoutSeconds') ?? '0');
  const timeout = timeoutSeconds > 0 ? setTimeout(() => res.end(), timeoutSeconds * 1000) : undefined;
  const cleanup = (): void => {
    unsubscribe();
    if (bookmarks) clearInterval(bookmarks);
    if (timeout) clearTimeout(timeout);
    ctx.watches.delete(res);
  };
  res.on('close', cleanup);
  req.on('close', () => {
    if (!res.writableEnded) res.end();
  });
}

// --- logs ---------------------------------------------------------------------------------------

function containerNamesOf(pod: Json, field: 'containers' | 'initContainers'): string[] {
  return (((pod.spec as Json)[field] as Json[] | undefined) ?? []).map((c) => String(c.name));
}

/** The container instance the kubelet would read, or the error it gives (validateContainerLogStatus). */
function logContainerId(pod: Json, podName: string, container: string, previous: boolean): string {
  const status = (pod.status as Json | undefined) ?? {};
  const all = [
    ...((status.containerStatuses as Json[] | undefined) ?? []),
    ...((status.initContainerStatuses as Json[] | undefined) ?? []),
  ];
  const cs = all.find((c) => c.name === container);
  if (!cs) throw badRequest(`container "${container}" in pod "${podName}" is not available`);
  const state = (cs.state as Json | undefined) ?? {};
  const last = ((cs.lastState as Json | undefined)?.terminated as Json | undefined) ?? undefined;
  const terminated = state.terminated as Json | undefined;
  const waitingState = state.waiting as Json | undefined;
  if (previous) {
    if (!last?.containerID)
      throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return String(last.containerID);
  }
  if (state.running) return String(cs.containerID);
  if (terminated) {
    if (terminated.containerID) return String(terminated.containerID);
    if (last?.containerID) return String(last.containerID);
    throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${container}" in pod "${podName}" is terminated`);
    return String(last.containerID);
  }
  if (waitingState) {
    const reason = String(waitingState.reason ?? '');
    if (reason === 'ErrImagePull')
      throw badRequest(
        `container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`,
      );
    if (reason === 'ImagePullBackOff')
      throw badRequest(
        `container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`,
      );
    throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
  }
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`);
}

const serveLog: RequestHandler = async (ctx, target, params, req, res) => {
  const namespace = target.namespace ?? '';
  const podName = target.name ?? '';
  if (namespace === FORBIDDEN_NAMESPACE) throw forbidden(target.resource, 'get', namespace, podName, 'log');
  const pod = ctx.world.pod(namespace, podName);
  if (!pod) throw notFound(target.resource, podName);
  const containers = containerNamesOf(pod, 'containers');
  const inits = containerNamesOf(pod, 'initContainers');
  let container = params.get('container') ?? '';
  if (!container) {
    if (containers.length === 1) container = containers[0] ?? '';
    else {
      let message = `a container name must be specified for pod ${podName}, choose one of: [${containers.join(' ')}]`;
      if (inits.length) message += ` or one of the init containers: [${inits.join(' ')}]`;
      throw badRequest(message);
    }
  } else if (!containers.includes(container) && !inits.includes(container)) {
    throw badRequest(`container ${container} is not valid for pod ${podName}`);
  }
  const spec = pod.spec as Json;
  const nodeName = String(spec.nodeName ?? '');
  if (!nodeName) {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end();
    return;
  }
  const node = ctx.world.store.get('nodes', '', nodeName);
  const ready = ((node?.status as Json | undefined)?.conditions as Json[] | undefined)?.find(
    (c) => c.type === 'Ready',
  );
  if (ready?.status !== 'True') {
    const ip = String((pod.status as Json).hostIP ?? '');
    throw new ApiError(
      500,
      'InternalError',
      `Get "https://${ip}:10250/containerLogs/${namespace}/${podName}/${container}": dial tcp ${ip}:10250: connect: no route to host`,
    );
  }
  const previous = params.get('previous') === 'true';
  const containerId = logContainerId(pod, podName, container, previous);
  const key = logKey(namespace, podName, container);
  const run = ctx.world.logs.run(key, containerId);
  let lines: LogLine[] = run ? [...run.lines] : [];
  const sinceSeconds = Number(params.get('sinceSeconds') ?? '0');
  const sinceTime = params.get('sinceTime');
  if (sinceSeconds > 0 && sinceTime)
    throw badRequest('at most one of sinceTime or sinceSeconds may be specified');
  if (sinceSeconds > 0) {
    const since = ctx.world.now() - sinceSeconds * 1000;
    lines = lines.filter((l) => l.ms >= since);
  } else if (sinceTime) {
    const since = Date.parse(sinceTime);
    if (Number.isNaN(since))
      throw badRequest(`sinceTime: Invalid value: "${sinceTime}": must be an RFC3339 time`);
    lines = lines.filter((l) => l.ms >= since);
  }
  const tailRaw = params.get('tailLines');
  if (tailRaw !== null) {
    const tail = Number(tailRaw);
    if (!Number.isInteger(tail))
      throw badRequest(`tailLines: Invalid value: "${tailRaw}": must be an integer`);
    if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
  }
  const timestamps = params.get('timestamps') === 'true';
  const format = (line: LogLine): string => `${timestamps ? `${isoNano(line.ms)} ` : ''}${line.text}\n`;
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  for (const line of lines) res.write(format(line));
  const current = ((pod.status as Json).containerStatuses as Json[] | undefined)
    ?.concat(((pod.status as Json).initContainerStatuses as Json[] | undefined) ?? [])
    .find((c) => c.name === container);
  const stillRunning =
    !previous &&
    Boolean((current?.state as Json | undefined)?.running) &&
    current?.containerID === containerId;
  if (params.get('follow') !== 'true' || !stillRunning) {
    res.end();
    return;
  }
  ctx.watches.add(res);
  const stop = ctx.world.logs.follow(key, (line) => {
    if (res.writableEnded || res.destroyed) return;
    if (line === 'end') res.end();
    else res.write(format(line));
  });
  res.on('close', () => {
    stop();
    ctx.watches.delete(res);
  });
  req.on('close', () => {
    if (!res.writableEnded) res.end();
  });
};
