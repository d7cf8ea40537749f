/**
 * Container logs per run. A container's current run and the one before it are what
 * `kubectl logs` and `kubectl logs --previous` read; followers get lines as they are written.
 */
export interface LogLine {
  ms: number;
  text: string;
}

export interface LogRun {
  containerId: string;
  lines: LogLine[];
}

export type LogFollower = (line: LogLine | 'end') => void;

/** Runs kept per container: the current one and enough history for `--previous`. */
const RUNS_KEPT = 3;
const LINES_KEPT = 2000;

export function logKey(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}

export class LogBook {
  private readonly runs = new Map<string, LogRun[]>();
  private readonly followers = new Map<string, Set<LogFollower>>();

  /** Starts a new run (a new container instance); followers of the old run are ended. */
  startRun(key: string, containerId: string, lines: LogLine[]): void {
    const runs = this.runs.get(key) ?? [];
    runs.push({ containerId, lines: [...lines] });
    if (runs.length > RUNS_KEPT) runs.splice(0, runs.length - RUNS_KEPT);
    this.runs.set(key, runs);
    this.endFollowers(key);
  }

  append(key: string, line: LogLine): void {
    const run = this.runs.get(key)?.at(-1);
    if (!run) return;
    run.lines.push(line);
    if (run.lines.length > LINES_KEPT) run.lines.splice(0, run.lines.length - LINES_KEPT);
    for (const follower of this.followers.get(key) ?? []) follower(line);
  }

  /** The run whose container id is given (current or previous instance), if still kept. */
  run(key: string, containerId: string): LogRun | undefined {
    return this.runs.get(key)?.find((r) => r.containerId === containerId);
  }

  follow(key: string, follower: LogFollower): () => void {
    let set = this.followers.get(key);
    if (!set) {
      set = new Set();
      this.followers.set(key, set);
    }
    set.add(follower);
    return () => set.delete(follower);
  }

  /** The container stopped: `kubectl logs -f` returns once its stream ends. */
  endFollowers(key: string): void {
    const set = this.followers.get(key);
    if (!set) return;
    this.followers.delete(key);
    for (const follower of set) follower('end');
  }
}
