import type { Json } from './selectors';

/**
 * The demo's etcd: objects per resource, one global resourceVersion counter, a bounded history of
 * changes for watches to resume from, and compaction that makes older versions "too old" (410).
 */
export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  resourceVersion: number;
  resource: string;
  type: WatchType;
  object: Json;
}

export type ChangeListener = (change: Change) => void;

/** Changes kept for watches to resume from; older resourceVersions answer 410, as after an etcd compaction. */
const HISTORY_LIMIT = 5_000;

export function objectKey(object: Json): string {
  const metadata = (object.metadata ?? {}) as Json;
  return `${String(metadata.namespace ?? '')}/${String(metadata.name ?? '')}`;
}

export class Store {
  private readonly objects = new Map<string, Map<string, Json>>();
  private readonly sortedKeys = new Map<string, string[]>();
  private history: Change[] = [];
  private readonly listeners = new Set<ChangeListener>();
  private revision: number;
  /** Versions at or below this are gone: watches and continue tokens from them get 410. */
  compactedRevision: number;

  constructor(startRevision = 1000) {
    this.revision = startRevision;
    this.compactedRevision = startRevision;
  }

  get resourceVersion(): number {
    return this.revision;
  }

  private bucket(resource: string): Map<string, Json> {
    let bucket = this.objects.get(resource);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(resource, bucket);
    }
    return bucket;
  }

  get(resource: string, namespace: string, name: string): Json | undefined {
    return this.objects.get(resource)?.get(`${namespace}/${name}`);
  }

  /** Creates or replaces the object, stamping a new resourceVersion; returns the stored copy. */
  put(resource: string, object: Json): Json {
    const bucket = this.bucket(resource);
    const key = objectKey(object);
    const existed = bucket.has(key);
    this.revision++;
    const stored = structuredClone(object);
    (stored.metadata as Json).resourceVersion = String(this.revision);
    bucket.set(key, stored);
    if (!existed) this.sortedKeys.delete(resource);
    this.record({
      resourceVersion: this.revision,
      resource,
      type: existed ? 'MODIFIED' : 'ADDED',
      object: stored,
    });
    return stored;
  }

  /** Applies `mutate` to a copy of the object and stores it; undefined when there is no such object. */
  update(
    resource: string,
    namespace: string,
    name: string,
    mutate: (object: Json) => void,
  ): Json | undefined {
    const current = this.get(resource, namespace, name);
    if (!current) return undefined;
    const copy = structuredClone(current);
    mutate(copy);
    return this.put(resource, copy);
  }

  delete(resource: string, namespace: string, name: string): boolean {
    const bucket = this.objects.get(resource);
    const key = `${namespace}/${name}`;
    const current = bucket?.get(key);
    if (!bucket || !current) return false;
    bucket.delete(key);
    this.sortedKeys.delete(resource);
    this.revision++;
    const gone = structuredClone(current);
    (gone.metadata as Json).resourceVersion = String(this.revision);
    this.record({ resourceVersion: this.revision, resource, type: 'DELETED', object: gone });
    return true;
  }

  private record(change: Change): void {
    this.history.push(change);
    if (this.history.length > HISTORY_LIMIT) {
      const dropped = this.history.splice(0, this.history.length - HISTORY_LIMIT);
      const last = dropped[dropped.length - 1];
      if (last) this.compactedRevision = last.resourceVersion;
    }
    for (const listener of this.listeners) listener(change);
  }

  /** Keys of a resource in the order lists return them (namespace, then name). */
  keys(resource: string): string[] {
    let keys = this.sortedKeys.get(resource);
    if (!keys) {
      keys = [...this.bucket(resource).keys()].sort();
      this.sortedKeys.set(resource, keys);
    }
    return keys;
  }

  objectAt(resource: string, key: string): Json | undefined {
    return this.objects.get(resource)?.get(key);
  }

  /** Changes after `resourceVersion`, or undefined when that version has been compacted away. */
  changesSince(resourceVersion: number): Change[] | undefined {
    if (resourceVersion < this.compactedRevision) return undefined;
    return this.history.filter((c) => c.resourceVersion > resourceVersion);
  }

  /** Forgets every change so far, as etcd compaction does: older versions now answer 410 Gone. */
  compact(): void {
    this.history = [];
    this.compactedRevision = this.revision;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
