import type { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { CredentialError, HttpStatusError, RequestTimeoutError, type KubeStatus } from './errors';
import { readListPage, type ListPage } from './list-page';

export type Query = Record<string, string | number | boolean | undefined>;

export interface Timeouts {
  /** From the start until the TCP + TLS connection is up. */
  connectMs: number;
  /** From the connection until the response headers (and, for plain requests, the whole body). */
  responseMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, responseMs: 30_000 };

/** An open streaming request (a watch or a followed log); `close()` ends it without an error. */
export interface OpenStream {
  close(): void;
  /** Resolves when the stream ends: `undefined` for a clean end or `close()`, else the error. */
  done: Promise<unknown>;
}

interface Response {
  statusCode: number;
  body: Readable;
  /** Header names and values as received, repeated headers kept apart (`Warning` may come several times). */
  rawHeaders: string[];
}

/** A complete answer of any status, for requests whose error bodies and headers matter (dry-run creates). */
export interface FullResponse {
  statusCode: number;
  text: string;
  /** The `Warning` headers' texts, unquoted (`299 - "…"` → `…`). */
  warnings: string[];
}

/**
 * HTTP to one context's API server over node:https, with TLS, client certificates, bearer
 * tokens, exec credential plugins and proxies applied by client-node's
 * `KubeConfig.applyToHTTPSOptions`. Raw JSON in and out, so that pods stay plain objects
 * (what `core` reads) and a 10,000-pod list is not pushed through client-node's model
 * deserializer.
 */
export class KubeClient {
  readonly server: string;

  constructor(
    readonly kubeConfig: KubeConfig,
    readonly context: string,
    readonly timeouts: Timeouts = DEFAULT_TIMEOUTS,
  ) {
    this.server = kubeConfig.getCurrentCluster()?.server ?? '';
  }

  url(path: string, query: Query = {}): URL {
    const url = new URL(this.server + path);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /**
   * GET a JSON document; non-2xx answers throw `HttpStatusError` with the server's Status. `accept`
   * may ask for another representation (`application/json;as=PartialObjectMetadataList;…`).
   */
  async getJson<T>(path: string, query: Query = {}, accept = 'application/json'): Promise<T> {
    const text = await this.getText(path, query, accept);
    return JSON.parse(text) as T;
  }

  async getText(path: string, query: Query = {}, accept = '*/*'): Promise<string> {
    const response = await this.request(path, query, accept);
    return (await this.readBody(response)).toString('utf8');
  }

  /** GET a list page whose items are parsed when the caller asks for them (see `ListPage`). */
  async getList<T>(path: string, query: Query = {}): Promise<ListPage<T>> {
    const response = await this.request(path, query, 'application/json');
    return readListPage<T>(await this.readBody(response));
  }

  /** POST a JSON body; resolves with any status (the caller reads Status bodies and warnings). */
  async post(path: string, query: Query, body: unknown): Promise<FullResponse> {
    const response = await this.request(path, query, 'application/json', {
      method: 'POST',
      body: JSON.stringify(body),
      anyStatus: true,
    });
    const text = (await this.readBody(response)).toString('utf8');
    return { statusCode: response.statusCode, text, warnings: warningsOf(response.rawHeaders) };
  }

  private async readBody(response: Response): Promise<Buffer> {
    const timer = setTimeout(
      () => response.body.destroy(new RequestTimeoutError('response', this.timeouts.responseMs)),
      this.timeouts.responseMs,
    );
    try {
      return await readAll(response.body);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A streaming GET: calls `onLine` for each line of the body until the server ends it, the
   * connection breaks, `close()` is called, or no byte arrives for `idleMs`.
   */
  async stream(
    path: string,
    query: Query,
    onLine: (line: string) => void,
    idleMs: number,
  ): Promise<OpenStream> {
    const response = await this.request(path, query, 'application/json');
    const body = response.body;
    let idle: NodeJS.Timeout | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => body.destroy(new RequestTimeoutError('idle', idleMs)), idleMs);
    };
    armIdle();
    body.on('data', armIdle);
    let closedByUs = false;
    let failure: unknown;
    body.on('error', (error) => {
      failure = error;
    });
    const done = new Promise<unknown>((resolve) => {
      body.once('close', () => {
        clearTimeout(idle);
        resolve(closedByUs ? undefined : failure);
      });
    });
    const lines = createInterface({ input: body, crlfDelay: Infinity });
    // readline re-emits the body's errors; the body's own listener above records them.
    lines.on('error', () => {});
    lines.on('line', (line) => {
      if (!closedByUs && line.trim() !== '') onLine(line);
    });
    return {
      close: () => {
        closedByUs = true;
        body.destroy();
      },
      done,
    };
  }

  private agent: https.Agent | undefined;

  /**
   * client-node's agent opens a new TLS connection per request; a paged list of 10,000 pods is 20
   * requests, so connections are kept alive (proxied clusters keep client-node's proxy agent).
   */
  private keepAliveAgent(options: https.RequestOptions): https.Agent {
    this.agent ??= new https.Agent({
      keepAlive: true,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
      ...(options.cert !== undefined ? { cert: options.cert } : {}),
      ...(options.key !== undefined ? { key: options.key } : {}),
      ...(options.pfx !== undefined ? { pfx: options.pfx } : {}),
      ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
      ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
      ...(options.servername !== undefined ? { servername: options.servername } : {}),
    });
    return this.agent;
  }

  /** Closes idle kept-alive connections (open watches end on their own when closed). */
  dispose(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  private async request(
    path: string,
    query: Query,
    accept: string,
    send: { method: 'POST'; body: string; anyStatus: boolean } | undefined = undefined,
  ): Promise<Response> {
    const url = this.url(path, query);
    const options: https.RequestOptions = {};
    try {
      await this.kubeConfig.applyToHTTPSOptions(options);
    } catch (error) {
      throw new CredentialError(error);
    }
    const headers = {
      ...(options.headers ?? {}),
      Accept: accept,
      'User-Agent': 'pod-doctor',
      ...(send ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(send.body) } : {}),
    };
    const transport = url.protocol === 'http:' ? http : https;
    if (transport === https && !this.kubeConfig.getCurrentCluster()?.proxyUrl)
      options.agent = this.keepAliveAgent(options);
    const { connectMs, responseMs } = this.timeouts;
    return new Promise<Response>((resolve, reject) => {
      const req = transport.request(url, { ...options, method: send?.method ?? 'GET', headers });
      let connectTimer: NodeJS.Timeout | undefined = setTimeout(
        () => req.destroy(new RequestTimeoutError('connect', connectMs)),
        connectMs,
      );
      let responseTimer: NodeJS.Timeout | undefined;
      const connected = () => {
        clearTimeout(connectTimer);
        connectTimer = undefined;
        responseTimer ??= setTimeout(
          () => req.destroy(new RequestTimeoutError('response', responseMs)),
          responseMs,
        );
      };
      const clear = () => {
        clearTimeout(connectTimer);
        clearTimeout(responseTimer);
      };
      req.once('socket', (socket) => {
        const secure = url.protocol === 'https:';
        if (!socket.connecting && (!secure || (socket as { encrypted?: boolean }).encrypted)) connected();
        else socket.once(secure ? 'secureConnect' : 'connect', connected);
      });
      req.on('error', (error) => {
        clear();
        reject(error);
      });
      req.once('response', (res) => {
        clear();
        const statusCode = res.statusCode ?? 0;
        if ((statusCode >= 200 && statusCode < 300) || (send?.anyStatus && statusCode !== 401)) {
          resolve({ statusCode, body: res, rawHeaders: res.rawHeaders });
          return;
        }
        readAll(res).then(
          (body) =>
            reject(new HttpStatusError(statusCode, parseStatus(body.toString('utf8')), url.toString())),
          () => reject(new HttpStatusError(statusCode, undefined, url.toString())),
        );
      });
      req.end(send?.body);
    });
  }
}

/** The texts of `Warning: 299 - "…"` headers (RFC 7234), as kubectl prints them. */
function warningsOf(rawHeaders: readonly string[]): string[] {
  const warnings: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() !== 'warning') continue;
    const value = rawHeaders[i + 1] ?? '';
    const match = /^\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/.exec(value);
    warnings.push(match ? (match[1] ?? '').replace(/\\(.)/g, '$1') : value);
  }
  return warnings;
}

function parseStatus(text: string): KubeStatus | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as KubeStatus) : undefined;
  } catch {
    return text.trim() ? { message: text.trim().slice(0, 300) } : undefined;
  }
}

/**
 * Bytes of a body read per task. A 1.5 MB list page the server sent while we were busy is all
 * there at once, and reading it in one go (TLS records, stream events) is a task of 20 ms; a pause
 * every so many bytes lets other work run in between.
 */
const BYTES_PER_TASK = 128 * 1024;

function readAll(body: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let unpaused = 0;
    body.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      unpaused += chunk.length;
      if (unpaused < BYTES_PER_TASK) return;
      unpaused = 0;
      body.pause();
      setImmediate(() => body.resume());
    });
    body.once('end', () => resolve(Buffer.concat(chunks)));
    body.on('error', reject);
  });
}
