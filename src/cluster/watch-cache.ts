import type { ObjectMeta } from '../core/k8s';
import { classifyError, HttpStatusError, type ClusterFault } from './errors';
import type { ListPage } from './list-page';
import type { KubeClient, OpenStream } from './transport';

export interface KubeObject {
  metadata?: ObjectMeta;
}

interface WatchEvent<T> {
  type?: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object?: T & { code?: number; message?: string; reason?: string };
}

export type CacheState = 'idle' | 'listing' | 'watching' | 'backoff';

export type CacheEvent<T> =
  /** Objects added or modified and objects deleted since the last event (one batch per tick). */
  | { type: 'change'; changed: T[]; deleted: T[] }
  /** The state or the fault changed; `error` is set while the cache cannot reach its data. */
  | { type: 'state'; state: CacheState; synced: boolean; error: ClusterFault | undefined };

export interface WatchCacheOptions<T> {
  client: KubeClient;
  /** Collection path, e.g. `/api/v1/namespaces/shop/pods` or `/api/v1/pods`. */
  path: string;
  /** For messages: the namespace watched, undefined for all namespaces. */
  namespace?: string;
  /** What the cache reads, for 403 messages, e.g. `list pods`. */
  action?: string;
  pageSize?: number;
  backoff?: { initialMs: number; maxMs: number };
  /** The server ends each watch after about this long; we then resume from where it stopped. */
  watchTimeoutSeconds?: number;
  /** Random in [0, 1); tests pass a fixed one. */
  random?: () => number;
  /**
   * What the cache keeps of each object, as client-go's `SetTransform`: applied to every listed
   * object and every watch event before it is stored and handed to subscribers.
   */
  transform?: (object: T) => T;
}

export interface Subscription {
  dispose(): void;
}

/** Key of an object in the cache: namespace/name. */
export function objectKey(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/** Objects by namespace, then by name: no per-object key string, and a namespace's objects at hand. */
type ByNamespace<T> = Map<string, Map<string, T>>;

function lookup<T extends KubeObject>(items: ByNamespace<T>, object: KubeObject): T | undefined {
  return items.get(object.metadata?.namespace ?? '')?.get(object.metadata?.name ?? '');
}

function store<T extends KubeObject>(items: ByNamespace<T>, object: T): void {
  const namespace = object.metadata?.namespace ?? '';
  let names = items.get(namespace);
  if (!names) {
    names = new Map();
    items.set(namespace, names);
  }
  names.set(object.metadata?.name ?? '', object);
}

/** Objects trimmed and stored per task while a list page is processed (a page is 500). */
const ITEMS_PER_TASK = 100;

/** Lets other work run between list pages, so that a large list is never one long task. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A list+watch cache with informer semantics: a paged initial list (`limit` + `continue`), one
 * watch from the list's resourceVersion with bookmarks, resumed from the last seen
 * resourceVersion when the connection drops, a full relist on 410 Gone, exponential reconnect
 * back-off with jitter, and no polling. It runs while someone subscribes.
 */
export class WatchCache<T extends KubeObject> {
  private items: ByNamespace<T> = new Map();
  private count = 0;
  private readonly listeners = new Set<(event: CacheEvent<T>) => void>();
  private resourceVersion = '';
  private running = false;
  private generation = 0;
  private stream: OpenStream | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private pendingChanged = new Map<string, T>();
  private pendingDeleted = new Map<string, T>();
  private flushScheduled = false;
  private syncWaiters: Array<{ resolve: () => void; reject: (fault: ClusterFault) => void }> = [];
  private dataWaiters: Array<{ resolve: () => void; reject: (fault: ClusterFault) => void }> = [];
  state: CacheState = 'idle';
  synced = false;
  error: ClusterFault | undefined;
  /** Counters for tests and the output channel: how often each thing happened. */
  readonly stats = { lists: 0, pages: 0, watches: 0, relists: 0, events: 0 };

  constructor(private readonly options: WatchCacheOptions<T>) {}

  /** Every cached object, in no particular order. */
  list(): T[] {
    const out: T[] = [];
    for (const names of this.items.values()) for (const object of names.values()) out.push(object);
    return out;
  }

  /** The cached objects of one namespace, without going through the others. */
  listNamespace(namespace: string): T[] {
    return [...(this.items.get(namespace)?.values() ?? [])];
  }

  /** How many objects of one namespace are cached, without listing them. */
  namespaceSize(namespace: string): number {
    return this.items.get(namespace)?.size ?? 0;
  }

  /** The namespaces that have cached objects, sorted. */
  namespaces(): string[] {
    return [...this.items.keys()].sort();
  }

  get(namespace: string, name: string): T | undefined {
    return this.items.get(namespace)?.get(name);
  }

  get size(): number {
    return this.count;
  }

  /** Starts the cache on the first subscriber; stops it when the last one disposes. */
  subscribe(listener: (event: CacheEvent<T>) => void): Subscription {
    this.listeners.add(listener);
    if (!this.running) this.start();
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        this.listeners.delete(listener);
        if (this.listeners.size === 0) this.stop();
      },
    };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Resolves once the initial list is in; rejects with the fault if it fails. */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => this.syncWaiters.push({ resolve, reject }));
  }

  /**
   * Resolves once there is something to show: the first list page of an empty cache (the first
   * list publishes its pages as they arrive), or the sync. Rejects with the fault if listing fails.
   */
  waitForData(): Promise<void> {
    if (this.synced || this.count > 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.dataWaiters.push({ resolve, reject }));
  }

  /** Reconnects now (e.g. after the user refreshed their credentials), forgetting the back-off. */
  refresh(): void {
    if (!this.running) return;
    this.failures = 0;
    this.restart(true);
  }

  /** Stops the watch and drops every subscriber (the session is closing). */
  close(): void {
    this.listeners.clear();
    if (this.running) this.stop();
  }

  private start(): void {
    this.running = true;
    this.failures = 0;
    this.restart(this.resourceVersion === '');
  }

  private stop(): void {
    this.running = false;
    this.generation++;
    clearTimeout(this.timer);
    this.stream?.close();
    this.stream = undefined;
    // Objects are kept: a re-subscription resumes the watch from the last resourceVersion.
    this.setState('idle');
  }

  private restart(relist: boolean): void {
    const generation = ++this.generation;
    clearTimeout(this.timer);
    this.stream?.close();
    this.stream = undefined;
    if (relist) this.resourceVersion = '';
    void this.run(generation);
  }

  private async run(generation: number): Promise<void> {
    const current = () => this.running && generation === this.generation;
    try {
      if (this.resourceVersion === '') {
        this.setState('listing');
        await this.relist(current);
        if (!current()) return;
      }
      this.setState('watching');
      const startedAt = Date.now();
      let sawEvent = false;
      this.stats.watches++;
      const stream = await this.options.client.stream(
        this.options.path,
        {
          watch: 1,
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: true,
          // Spread the watches' ends so many namespaces do not reconnect at the same moment.
          timeoutSeconds: Math.round((this.options.watchTimeoutSeconds ?? 300) * (1 + this.random() * 0.2)),
        },
        (line) => {
          if (!current()) return;
          sawEvent = true;
          this.onWatchLine(line, generation);
        },
        ((this.options.watchTimeoutSeconds ?? 300) * 1.2 + 60) * 1000,
      );
      if (!current()) {
        stream.close();
        return;
      }
      this.stream = stream;
      const ended = await stream.done;
      if (!current()) return;
      this.stream = undefined;
      if (sawEvent || Date.now() - startedAt > 5_000) {
        // A watch that worked and then ended (timeoutSeconds, a proxy's cut, a reset): resume at
        // once from the last resourceVersion; only a reconnect that fails is a fault to show.
        this.failures = 0;
        this.restart(false);
        return;
      }
      if (ended !== undefined) throw ended;
      // The server closed the watch immediately without a word: back off, then resume.
      this.scheduleRetry(generation, undefined);
    } catch (error) {
      if (!current()) return;
      if (error instanceof HttpStatusError && error.statusCode === 410) {
        this.stats.relists++;
        this.restart(true);
        return;
      }
      this.scheduleRetry(generation, error);
    }
  }

  /**
   * Lists in pages; each page's items are parsed, trimmed and compared with the cache a few at a
   * time, with a yield to the event loop in between, so that no task grows with the size of a page
   * or of the list. From the second page on, the next page is asked for as soon as a page is in, so
   * that the server prepares it while this one is processed. The first list of an empty cache is progressive: each page goes
   * into the cache and out to subscribers as it arrives, so that a large cluster shows its first
   * pods after one page rather than the whole list. A relist of a cache that holds objects builds the
   * new set aside and swaps it in at the end (subscribers never see a half-listed cluster as
   * deletions).
   */
  private async relist(current: () => boolean): Promise<void> {
    this.stats.lists++;
    let progressive = this.count === 0 && !this.synced;
    let fresh: ByNamespace<T> = progressive ? this.items : new Map();
    let freshCount = 0;
    let changed = new Map<string, T>();
    let token: string | undefined;
    let resourceVersion = '';
    const fetchPage = (continueToken: string | undefined): Promise<ListPage<T>> => {
      const page = this.options.client.getList<T>(this.options.path, {
        limit: this.options.pageSize ?? 500,
        continue: continueToken,
      });
      // Awaited once the page before it is processed; a failure meanwhile is not unhandled.
      page.catch(() => {});
      return page;
    };
    let next = fetchPage(undefined);
    // Until a page without a continue token; `continue` below starts the list over.
    for (;;) {
      let page: ListPage<T>;
      try {
        page = await next;
      } catch (error) {
        // An expired continue token: start the list over, as client-go's pager does.
        if (token && error instanceof HttpStatusError && error.statusCode === 410) {
          token = undefined;
          // What was published so far stays until the new list replaces it.
          progressive = false;
          fresh = new Map();
          freshCount = 0;
          changed = new Map();
          next = fetchPage(undefined);
          continue;
        }
        throw error;
      }
      if (!current()) return;
      this.stats.pages++;
      const first = token === undefined;
      token = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      // The next page is asked for now, so that the server prepares it while this one is processed;
      // after the first page only, so that the first rows are drawn before the second page comes in.
      if (token && !first) next = fetchPage(token);
      for (let start = 0; start < page.length; start += ITEMS_PER_TASK) {
        if (start > 0) {
          await yieldToEventLoop();
          if (!current()) return;
        }
        const end = Math.min(page.length, start + ITEMS_PER_TASK);
        for (let i = start; i < end; i++) {
          // Parsed, trimmed and stored one by one: the whole object is garbage before the next is parsed.
          const item = this.keep(page.item(i));
          const old = lookup(this.items, item);
          if (!lookup(fresh, item)) freshCount++;
          store(fresh, item);
          if (!old || old.metadata?.resourceVersion !== item.metadata?.resourceVersion)
            changed.set(objectKey(item), item);
        }
      }
      if (progressive) {
        this.count = freshCount;
        this.queueChanged(changed);
        changed = new Map();
        if (freshCount > 0) for (const waiter of this.dataWaiters.splice(0)) waiter.resolve();
      }
      if (!token) break;
      if (first) next = fetchPage(token);
      await yieldToEventLoop();
      if (!current()) return;
    }

    // What the new list lacks is deleted (a progressive list went into the cache itself: it lacks nothing).
    if (!progressive)
      for (const names of this.items.values()) {
        for (const old of names.values()) if (!lookup(fresh, old)) this.queue(objectKey(old), old, true);
      }
    this.queueChanged(changed);
    this.items = fresh;
    this.count = freshCount;
    this.resourceVersion = resourceVersion;
    this.failures = 0;
    this.error = undefined;
    this.synced = true;
    for (const waiter of this.syncWaiters.splice(0)) waiter.resolve();
    for (const waiter of this.dataWaiters.splice(0)) waiter.resolve();
  }

  private onWatchLine(line: string, generation: number): void {
    let event: WatchEvent<T>;
    try {
      event = JSON.parse(line) as WatchEvent<T>;
    } catch {
      return;
    }
    const object = event.object;
    if (!object) return;
    this.stats.events++;
    if (event.type === 'ERROR') {
      if (object.code === 410) {
        this.stats.relists++;
        this.restart(true);
      } else {
        const status = { message: object.message ?? 'watch error', code: object.code ?? 500 };
        this.scheduleRetry(generation, new HttpStatusError(status.code, status, this.options.path));
      }
      return;
    }
    const rv = object.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (event.type === 'BOOKMARK') return;
    const kept = this.keep(object);
    const key = objectKey(kept);
    if (event.type === 'DELETED') {
      const names = this.items.get(kept.metadata?.namespace ?? '');
      if (names?.delete(kept.metadata?.name ?? '')) this.count--;
      if (names?.size === 0) this.items.delete(kept.metadata?.namespace ?? '');
      this.queue(key, kept, true);
    } else {
      if (!lookup(this.items, kept)) this.count++;
      store(this.items, kept);
      this.queue(key, kept, false);
    }
    if (this.error) {
      this.error = undefined;
      this.setState('watching');
    }
  }

  private scheduleRetry(generation: number, error: unknown): void {
    if (!this.running || generation !== this.generation) return;
    this.stream?.close();
    this.stream = undefined;
    if (error !== undefined) {
      this.error = classifyError(error, {
        context: this.options.client.context,
        server: this.options.client.server,
        ...(this.options.namespace !== undefined ? { namespace: this.options.namespace } : {}),
        ...(this.options.action !== undefined ? { action: this.options.action } : {}),
      });
      if (!this.synced) for (const waiter of this.syncWaiters.splice(0)) waiter.reject(this.error);
      if (this.count === 0) for (const waiter of this.dataWaiters.splice(0)) waiter.reject(this.error);
    }
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 1_000, maxMs: 30_000 };
    const ceiling = Math.min(maxMs, initialMs * 2 ** this.failures);
    this.failures++;
    // Equal jitter: at least half the step, so clients that failed together spread out.
    const delay = ceiling / 2 + this.random() * (ceiling / 2);
    // A new generation, so that the run that failed does not also resume the watch.
    const next = ++this.generation;
    this.setState('backoff');
    this.timer = setTimeout(() => {
      if (this.running && next === this.generation) this.restart(this.resourceVersion === '');
    }, delay);
  }

  private keep(object: T): T {
    return this.options.transform ? this.options.transform(object) : object;
  }

  private random(): number {
    return (this.options.random ?? Math.random)();
  }

  private queue(key: string, object: T, deleted: boolean): void {
    if (deleted) {
      this.pendingChanged.delete(key);
      this.pendingDeleted.set(key, object);
    } else {
      this.pendingDeleted.delete(key);
      this.pendingChanged.set(key, object);
    }
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Queues many changes at once; the usual case (nothing pending yet) costs nothing per object. */
  private queueChanged(changed: Map<string, T>): void {
    if (changed.size === 0) return;
    for (const key of [...this.pendingDeleted.keys()]) if (changed.has(key)) this.pendingDeleted.delete(key);
    if (this.pendingChanged.size === 0) this.pendingChanged = changed;
    else for (const [key, object] of changed) this.pendingChanged.set(key, object);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /**
   * Hands subscribers the changes not handed out yet, now rather than at the end of the tick: for a
   * reader that keeps its own state from the events and is about to read it along with the cache.
   */
  flush(): void {
    this.flushScheduled = false;
    const changed = [...this.pendingChanged.values()];
    const deleted = [...this.pendingDeleted.values()];
    this.pendingChanged = new Map();
    this.pendingDeleted = new Map();
    if (changed.length === 0 && deleted.length === 0) return;
    this.emit({ type: 'change', changed, deleted });
  }

  private setState(state: CacheState): void {
    this.state = state;
    this.emit({ type: 'state', state, synced: this.synced, error: this.error });
  }

  private emit(event: CacheEvent<T>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A failing listener must not stop the others or the watch.
      }
    }
  }
}
